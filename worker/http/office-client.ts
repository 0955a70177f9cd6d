import type { Command, CommandInput } from "../../shared/protocol/commands";
import { device } from "../auth/access";
import { actorOf } from "../auth/principal";
import { INTERNAL_ORIGIN } from "../office/internal";
import { errorResponse } from "./errors";
import type { AppContext } from "./route";

/** The office object for an id; each office is one Durable Object named by its id. */
export function officeStub(c: AppContext, officeId: string) {
  return c.env.Office.getByName(officeId);
}

/**
 * The office object's answer, passed through, except a failure it did not
 * shape itself (e.g. a start-up error): that becomes the standard error body,
 * never a stack trace.
 */
export async function officeAnswer(response: Promise<Response>): Promise<Response> {
  const answer = await response;
  if (answer.status < 500 || answer.headers.get("content-type")?.includes("application/json"))
    return answer;
  console.error("office failed", answer.status, await answer.text());
  return errorResponse(
    503,
    "office_unavailable",
    "This office cannot answer right now; try again shortly.",
  );
}

export function sendCommand(
  c: AppContext,
  officeId: string,
  command: Command | CommandInput,
  idempotencyKey: string | undefined,
): Promise<Response> {
  return officeAnswer(
    officeStub(c, officeId).fetch(`${INTERNAL_ORIGIN}/command`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        command,
        idempotencyKey,
        origin: new URL(c.req.url).origin,
        actor: actorOf(c.var.principal, device(c.var.principal, officeId, "kiosk")),
      }),
    }),
  );
}
