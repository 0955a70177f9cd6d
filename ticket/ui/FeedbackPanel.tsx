import { format } from "../../shared/i18n";
import { FEEDBACK_COMMENT_MAX, FEEDBACK_SCORES } from "../../shared/protocol/feedback";
import type { TicketPageModel } from "../model/ticket-page-model";

/**
 * "How satisfied are you?" on a served ticket (issue 15, point 4): five large
 * radio buttons in a fieldset (arrow keys move between them, each read with its
 * meaning), then the reasons that fit the score as checkboxes, an optional
 * comment, and thanks.
 */
export function FeedbackPanel({ model }: { model: TicketPageModel }) {
  const m = model.messages.value.ticket.feedback;
  const form = model.feedbackForm;
  const step = form.step.value;
  if (step === "thanks") {
    return (
      <section class="card feedback feedback--thanks" role="status" data-testid="feedback-thanks">
        <p class="feedback__thanks">{m.thanks}</p>
        <p class="feedback__note">{m.anonymous}</p>
      </section>
    );
  }
  const score = form.score.value;
  const sending = step === "sending";
  return (
    <section class="card feedback" data-testid="feedback">
      <form
        class="feedback__form"
        onSubmit={(event) => {
          event.preventDefault();
          void model.sendFeedback();
        }}
      >
        <fieldset class="feedback__group">
          <legend class="feedback__question">{m.question}</legend>
          <div class="feedback__scale">
            {FEEDBACK_SCORES.map((value) => (
              <label class="feedback__score" key={value}>
                <input
                  type="radio"
                  name="feedback-score"
                  value={value}
                  checked={score === value}
                  onChange={() => form.chooseScore(value)}
                  data-testid={`feedback-score-${value}`}
                />
                <span class="feedback__digit" aria-hidden="true">
                  {value}
                </span>
                <span class="visually-hidden">{m.scoreLabels[value - 1]}</span>
              </label>
            ))}
          </div>
          <p class="feedback__ends" aria-hidden="true">
            <span>{m.least}</span>
            <span>{m.most}</span>
          </p>
        </fieldset>
        {score !== null && (
          <>
            <fieldset class="feedback__group">
              <legend class="feedback__subquestion">
                {score >= 4 ? m.reasonsHigh : m.reasonsLow}
              </legend>
              <div class="feedback__reasons">
                {form.offered.value.map((reason) => (
                  <label class="feedback__reason" key={reason}>
                    <input
                      type="checkbox"
                      checked={form.reasons.value.includes(reason)}
                      onChange={() => form.toggleReason(reason)}
                      data-testid={`feedback-reason-${reason}`}
                    />
                    <span>{m.reasons[reason]}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label class="feedback__subquestion" for="feedback-comment">
              {m.comment}
            </label>
            <textarea
              id="feedback-comment"
              class="feedback__comment"
              rows={3}
              maxLength={FEEDBACK_COMMENT_MAX}
              aria-describedby="feedback-comment-hint"
              value={form.comment.value}
              onInput={(event) => {
                form.comment.value = event.currentTarget.value;
              }}
              data-testid="feedback-comment"
            />
            <p id="feedback-comment-hint" class="feedback__note">
              {format(m.commentHint, { n: FEEDBACK_COMMENT_MAX })}
            </p>
            {step === "failed" && (
              <p class="confirm__error" role="alert">
                {m.failed}
              </p>
            )}
            <button
              type="submit"
              class="button button--primary"
              disabled={sending}
              data-testid="feedback-send"
            >
              {sending ? m.sending : m.send}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
