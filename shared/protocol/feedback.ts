import * as z from "zod/mini";

/**
 * Feedback after service (issue 15, point 4): a score 1–5, a few reasons that
 * depend on it, an optional short comment. Stored with the service, the local
 * hour, the wait and the counter, never with who gave it.
 */
export const FEEDBACK_SCORES = [1, 2, 3, 4, 5] as const;
/** A score of 4 or 5 counts as satisfied (the reports' satisfaction is their share). */
export const SATISFIED_FROM = 4;

/** What went wrong, offered for scores 1–3. */
export const LOW_REASONS = [
  "waiting-time",
  "information",
  "courtesy",
  "unfinished",
  "other",
] as const;
/** What went well, offered for scores 4–5. */
export const HIGH_REASONS = [
  "short-wait",
  "clear-information",
  "courtesy",
  "finished",
  "other",
] as const;
export const FEEDBACK_REASONS = [...new Set([...LOW_REASONS, ...HIGH_REASONS])] as [
  FeedbackReason,
  ...FeedbackReason[],
];
export type FeedbackReason = (typeof LOW_REASONS)[number] | (typeof HIGH_REASONS)[number];

export const FEEDBACK_COMMENT_MAX = 500;
/** How long after service the holder's link may still answer. */
export const FEEDBACK_WINDOW_MS = 24 * 60 * 60 * 1000;

export function reasonsFor(score: number): readonly FeedbackReason[] {
  return score >= SATISFIED_FROM ? HIGH_REASONS : LOW_REASONS;
}

export const FeedbackBody = z
  .object({
    score: z.int().check(z.gte(1), z.lte(5)),
    reasons: z._default(
      z.array(z.enum(FEEDBACK_REASONS)).check(z.maxLength(FEEDBACK_REASONS.length)),
      [],
    ),
    comment: z.optional(
      z.string().check(z.maxLength(FEEDBACK_COMMENT_MAX, "at most 500 characters")),
    ),
  })
  .check(
    z.refine((body) => body.reasons.every((reason) => reasonsFor(body.score).includes(reason)), {
      message: "a reason does not fit the score",
      path: ["reasons"],
    }),
    z.refine((body) => new Set(body.reasons).size === body.reasons.length, {
      message: "each reason once",
      path: ["reasons"],
    }),
  );
export type FeedbackBody = z.input<typeof FeedbackBody>;

/** Whether the ticket's holder may still answer: only a served ticket, once, for 24 hours. */
export const FeedbackState = z.enum(["open", "given", "closed"]);
export type FeedbackState = z.infer<typeof FeedbackState>;

export const FeedbackThanks = z.object({ feedback: z.literal("given") });
