import type { Command, CommandInput } from "../../shared/protocol/commands";
import { INTERNAL_ORIGIN } from "../office/internal";
import type { AppContext } from "./route";

/** The office object for an id; each office is one Durable Object named by its id. */
export function officeStub(c: AppContext, officeId: string) {
  return c.env.Office.getByName(officeId);
}

export function sendCommand(
  c: AppContext,
  officeId: string,
  command: Command | CommandInput,
  idempotencyKey: string | undefined,
): Promise<Response> {
  return officeStub(c, officeId).fetch(`${INTERNAL_ORIGIN}/command`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ command, idempotencyKey, origin: new URL(c.req.url).origin }),
  });
}
