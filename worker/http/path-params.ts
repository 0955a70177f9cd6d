import type * as z from "zod/mini";
import { AccountId, DeviceId } from "../../shared/protocol/auth";
import { Slug } from "../../shared/protocol/config";
import { WebhookEndpointId } from "../../shared/protocol/webhooks";
import { AppointmentId, AppointmentToken, TicketToken } from "../office/internal";
import { errorResponse } from "./errors";
import { officeExists } from "./known-offices";

/**
 * A path parameter a route names in its spec: the shape its values take, and
 * the 404 for a value that cannot name anything (it cannot exist, so it is
 * not found rather than invalid).
 */
export interface PathParam {
  schema: z.ZodMiniType<string, string>;
  /** The answer for a value outside `schema`, or one that names nothing that exists. */
  unknown: (value: string) => Response;
  /** Whether a value of the right shape names something that exists, when that is known before the office is asked. */
  exists?: (env: Env, value: string) => Promise<boolean>;
}

/** An office, service or counter id: a slug. */
function slugOf(what: string): PathParam {
  return {
    schema: Slug,
    unknown: (value) =>
      errorResponse(404, `unknown_${what}`, `There is no ${what} "${value.slice(0, 60)}".`),
  };
}

/** An office that exists: a random name is 404 before any office object is addressed (known-offices.ts). */
export const officeParam: PathParam = { ...slugOf("office"), exists: officeExists };
/**
 * An office id whose existence the route checks itself: creating (configuring) an office,
 * and the live socket, which says "no such office" on the socket.
 */
export const newOfficeParam = slugOf("office");
export const counterParam = slugOf("counter");
export const serviceParam = slugOf("service");

export const accountParam: PathParam = {
  schema: AccountId,
  unknown: () => errorResponse(404, "unknown_account", "There is no such account."),
};

export const deviceParam: PathParam = {
  schema: DeviceId,
  unknown: () => errorResponse(404, "unknown_device", "There is no such device here."),
};

/** A ticket's tracking token, the secret of its link. */
export const ticketTokenParam: PathParam = {
  schema: TicketToken,
  unknown: () => errorResponse(404, "unknown_ticket", "No ticket has this link."),
};

/** An appointment's manage token, the secret of its link. */
export const appointmentTokenParam: PathParam = {
  schema: AppointmentToken,
  unknown: () => errorResponse(404, "unknown_appointment", "No appointment has this link."),
};

/** A booking's id, as staff name it (never its manage token). */
export const appointmentIdParam: PathParam = {
  schema: AppointmentId,
  unknown: () => errorResponse(404, "unknown_appointment", "No appointment has this id."),
};

/** A webhook endpoint's id ("ep_" and 16 characters). */
export const webhookParam: PathParam = {
  schema: WebhookEndpointId,
  unknown: () => errorResponse(404, "unknown_webhook", "There is no such webhook endpoint here."),
};
