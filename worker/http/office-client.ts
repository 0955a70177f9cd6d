import type { Command, CommandInput } from "../../shared/protocol/commands";
import { device } from "../auth/access";
import { actorOf } from "../auth/principal";
import { officeClient } from "../office/client";
import type { AppContext } from "./route";

/** A route's queue command to an office, as the calling person or device. */
export function sendCommand(
  c: AppContext,
  officeId: string,
  command: Command | CommandInput,
  idempotencyKey: string | undefined,
): Promise<Response> {
  return officeClient(c.env, officeId).command(command, {
    idempotencyKey,
    origin: new URL(c.req.url).origin,
    actor: actorOf(c.var.principal, device(c.var.principal, officeId, "kiosk")),
  });
}
