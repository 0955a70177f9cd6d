import type { Hono } from "hono";
import type * as z from "zod/mini";
import { CallTicketBody, EmptyBody, SetModeBody, TransferBody } from "../../shared/protocol/api";
import type { CommandInput } from "../../shared/protocol/commands";
import type { Role } from "../auth/roles";
import { sendCommand } from "../http/office-client";
import { idempotencyKey, pathSlug, readBody } from "../http/request";
import { type AppEnv, defineRoute } from "../http/route";

interface CounterAction<S extends z.ZodMiniType> {
  operationId: string;
  action: string;
  method?: "post" | "put";
  role?: Role;
  summary: string;
  body: S;
  command: (counterId: string, body: z.infer<S>) => CommandInput;
}

const ACTIONS = [
  {
    operationId: "callNext",
    action: "call-next",
    summary:
      "Calls the next ticket for this counter: priority tickets first, then the oldest across all the services it serves. A ticket being served here is completed first.",
    body: EmptyBody,
    command: (counterId) => ({ type: "callNext", counterId }),
  } satisfies CounterAction<typeof EmptyBody>,
  {
    operationId: "recall",
    action: "recall",
    summary: "Announces the called ticket again (counted).",
    body: EmptyBody,
    command: (counterId) => ({ type: "recall", counterId }),
  } satisfies CounterAction<typeof EmptyBody>,
  {
    operationId: "startService",
    action: "start",
    summary: "The called person has arrived: service starts.",
    body: EmptyBody,
    command: (counterId) => ({ type: "startService", counterId }),
  } satisfies CounterAction<typeof EmptyBody>,
  {
    operationId: "complete",
    action: "complete",
    summary: "Service is done.",
    body: EmptyBody,
    command: (counterId) => ({ type: "complete", counterId }),
  } satisfies CounterAction<typeof EmptyBody>,
  {
    operationId: "noShow",
    action: "no-show",
    summary: "The called person did not come.",
    body: EmptyBody,
    command: (counterId) => ({ type: "noShow", counterId }),
  } satisfies CounterAction<typeof EmptyBody>,
  {
    operationId: "transfer",
    action: "transfer",
    summary:
      "Sends the current ticket to another service ({ serviceId }) or counter ({ counterId }); it keeps its place by original issue time.",
    body: TransferBody,
    command: (counterId, body) => ({
      type: "transfer",
      counterId,
      toServiceId: body.serviceId,
      toCounterId: body.counterId,
    }),
  } satisfies CounterAction<typeof TransferBody>,
  {
    operationId: "callTicket",
    action: "call",
    summary: "Calls a chosen waiting ticket out of order ({ ticketId }).",
    body: CallTicketBody,
    command: (counterId, body) => ({ type: "callTicket", counterId, ticketId: body.ticketId }),
  } satisfies CounterAction<typeof CallTicketBody>,
  {
    operationId: "setCounterMode",
    action: "mode",
    method: "put",
    role: "supervisor",
    summary:
      "Switches the counter between front, back-office, paused and closed. Only front counters call tickets.",
    body: SetModeBody,
    command: (counterId, body) => ({ type: "setCounterMode", counterId, mode: body.mode }),
  } satisfies CounterAction<typeof SetModeBody>,
] as const;

export function counterRoutes(app: Hono<AppEnv>): void {
  for (const action of ACTIONS) {
    defineRoute(
      app,
      {
        operationId: action.operationId,
        method: "method" in action ? action.method : "post",
        path: `/api/offices/{office}/counters/{counter}/${action.action}`,
        role: "role" in action ? action.role : "clerk",
        summary: action.summary,
        body: action.body,
        success: [200, "The counter after the action, and the events it caused"],
        errors: [400, 404, 409, 413, 422],
        idempotent: true,
      },
      async (c) => {
        const office = pathSlug(c, "office", "office");
        if (!office.ok) return office.response;
        const counter = pathSlug(c, "counter", "counter");
        if (!counter.ok) return counter.response;
        const key = idempotencyKey(c);
        if (!key.ok) return key.response;
        const body = await readBody(c, action.body);
        if (!body.ok) return body.response;
        // Each action's body schema matches its own command builder.
        const command = (action.command as (id: string, b: unknown) => CommandInput)(
          counter.value,
          body.value,
        );
        return sendCommand(c, office.value, command, key.value);
      },
    );
  }
}
