import type { CounterModel } from "../model/counter-model";
import { problemText } from "../model/errors";

/** Why the last action could not be done, in the clerk's words, with the server's own sentence below. */
export function ProblemMessage({ model }: { model: CounterModel }) {
  const problem = model.problem.value;
  if (!problem) return null;
  const messages = model.messages.value;
  return (
    <div class="problem" role="alert" data-testid="counter-message" data-code={problem.code}>
      <span class="problem-icon" aria-hidden="true">
        !
      </span>
      <div class="problem-text">
        <p class="problem-title">{problemText(problem, messages)}</p>
        {problem.detail && (
          // The server words its messages in English.
          <p class="problem-detail" lang="en">
            {problem.detail}
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
