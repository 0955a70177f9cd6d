import * as z from "zod/mini";
import { TicketView } from "../../shared/protocol/api";
import { OfficeView } from "../../shared/protocol/responses";
import { OWN_PAGE_HEADER } from "../../shared/protocol/wire-constants";

/** The part of GET /api/offices/{office} the ticket page needs: names, in every language. */
export const OfficeInfo = z.pick(OfficeView, {
  name: true,
  languages: true,
  timeZone: true,
  services: true,
});
export type OfficeInfo = z.infer<typeof OfficeInfo>;

export type Fetched<T> = { kind: "ok"; value: T } | { kind: "not-found" } | { kind: "failed" };

async function getJson<T>(url: string, schema: z.ZodMiniType<T>): Promise<Fetched<T>> {
  try {
    const response = await fetch(url, { headers: { accept: "application/json" } });
    if (response.status === 404) return { kind: "not-found" };
    if (!response.ok) return { kind: "failed" };
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { kind: "ok", value: parsed.data } : { kind: "failed" };
  } catch {
    return { kind: "failed" };
  }
}

const officeUrl = (officeId: string) => `/api/offices/${encodeURIComponent(officeId)}`;
const ticketUrl = (officeId: string, token: string) =>
  `${officeUrl(officeId)}/tickets/${encodeURIComponent(token)}`;

export const fetchOffice = (officeId: string) => getJson(officeUrl(officeId), OfficeInfo);

export const fetchTicket = (officeId: string, token: string) =>
  getJson(ticketUrl(officeId, token), TicketView);

export type CancelOutcome = "cancelled" | "refused" | "failed";

/** The holder gives up their place. The same key on a retry cannot cancel twice or fail oddly. */
export async function cancelTicket(
  officeId: string,
  token: string,
  idempotencyKey: string,
): Promise<CancelOutcome> {
  try {
    const response = await fetch(ticketUrl(officeId, token), {
      method: "DELETE",
      headers: { "idempotency-key": idempotencyKey, [OWN_PAGE_HEADER]: "1" },
    });
    if (response.ok) return "cancelled";
    return response.status >= 400 && response.status < 500 ? "refused" : "failed";
  } catch {
    return "failed";
  }
}

export type FeedbackOutcome = "given" | "closed" | "failed";

/**
 * The holder's feedback after service. An answer already given (409 feedback_given) counts
 * as given: a retry after no answer must thank, not fail; too late or an erased link closes it.
 */
export async function sendFeedback(
  officeId: string,
  token: string,
  body: { score: number; reasons: string[]; comment?: string },
): Promise<FeedbackOutcome> {
  try {
    const response = await fetch(`${ticketUrl(officeId, token)}/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json", [OWN_PAGE_HEADER]: "1" },
      body: JSON.stringify(body),
    });
    if (response.ok) return "given";
    if (response.status === 404 || response.status === 410) return "closed";
    if (response.status === 409) {
      const answer = (await response.json().catch(() => null)) as {
        error?: { code?: string };
      } | null;
      return answer?.error?.code === "feedback_given" ? "given" : "closed";
    }
    return "failed";
  } catch {
    return "failed";
  }
}
