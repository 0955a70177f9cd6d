import { batch, computed, signal } from "@preact/signals";
import { type FeedbackReason, reasonsFor } from "../../shared/protocol/feedback";
import { sendFeedback } from "./ticket-api";
import type { TicketTarget } from "./ticket-path";

/** Where the feedback question is: being answered, on its way, done, or failed to send. */
export type FeedbackStep = "asking" | "sending" | "thanks" | "failed";

/**
 * "How satisfied are you?" after service (issue 15, point 4): a score, then the
 * reasons that fit it, an optional comment, then thanks. Changing the score keeps
 * only the reasons that still fit.
 */
export function createFeedbackForm(target: TicketTarget | null) {
  const step = signal<FeedbackStep>("asking");
  const score = signal<number | null>(null);
  const reasons = signal<FeedbackReason[]>([]);
  const comment = signal("");
  const offered = computed(() => (score.value === null ? [] : reasonsFor(score.value)));

  function chooseScore(value: number): void {
    batch(() => {
      score.value = value;
      const fit = reasonsFor(value);
      reasons.value = reasons.peek().filter((reason) => fit.includes(reason));
      if (step.peek() === "failed") step.value = "asking";
    });
  }

  function toggleReason(reason: FeedbackReason): void {
    const now = reasons.peek();
    reasons.value = now.includes(reason) ? now.filter((r) => r !== reason) : [...now, reason];
  }

  /** Sends the answer; `closed` when the office no longer takes one (then the form goes). */
  async function send(): Promise<"given" | "closed" | "failed" | null> {
    const chosen = score.peek();
    if (!target || chosen === null || step.peek() === "sending") return null;
    step.value = "sending";
    const text = comment.peek().trim();
    const outcome = await sendFeedback(target.officeId, target.token, {
      score: chosen,
      reasons: reasons.peek(),
      ...(text ? { comment: text } : {}),
    });
    step.value = outcome === "failed" ? "failed" : outcome === "closed" ? "asking" : "thanks";
    return outcome;
  }

  return { step, score, reasons, comment, offered, chooseScore, toggleReason, send };
}
