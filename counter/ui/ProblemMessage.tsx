import type { CounterModel } from "../model/counter-model";
import { problemDetail, problemText, problemTone } from "../model/errors";

/**
 * Why the last action could not be done, in the clerk's words. An empty
 * queue is information, shown calmly; a refusal is an alert. The server's
 * own sentence shows only for a code the console has no words for.
 */
export function ProblemMessage({ model }: { model: CounterModel }) {
  const problem = model.problem.value;
  if (!problem) return null;
  const messages = model.messages.value;
  const tone = problemTone(problem);
  const detail = problemDetail(problem, messages);
  return (
    <div
      class={`problem is-${tone}`}
      role={tone === "info" ? "status" : "alert"}
      data-testid="counter-message"
      data-code={problem.code}
      data-tone={tone}
    >
      <span class="problem-icon" aria-hidden="true">
        {tone === "info" ? "i" : "!"}
      </span>
      <div class="problem-text">
        <p class="problem-title">{problemText(problem, messages, model.canChangeMode.value)}</p>
        {detail && (
          // The server words its messages in English.
          <p class="problem-detail" lang="en">
            {detail}
          </p>
        )}
      </div>
      <button
        type="button"
        class="problem-dismiss"
        aria-label={messages.counter.actions.dismiss}
        title={messages.counter.actions.dismiss}
        onClick={model.dismissProblem}
      >
        ×
      </button>
    </div>
  );
}
