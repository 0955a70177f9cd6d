import type { Hono } from "hono";
import type * as z from "zod/mini";
import { CallTicketBody, EmptyBody, SetModeBody, TransferBody } from "../../shared/protocol/api";
import type { CommandInput } from "../../shared/protocol/commands";
import { CounterAnswer } from "../../shared/protocol/responses";
import type { Role } from "../auth/roles";
import { sendCommand } from "../http/office-client";
import { counterParam, officeParam } from "../http/path-params";
import { type AppEnv, defineRoute, type SchemaValue } from "../http/route";

interface CounterAction<S extends z.ZodMiniType> {
  operationId: string;
  action: string;
  method?: "post" | "put";
  role?: Role;
  summary: string;
  body: S;
  command: (counterId: string, body: SchemaValue<S>) => CommandInput;
}

/** One counter action's route: its body schema and its command builder agree by type. */
function counterAction<S extends z.ZodMiniType>(action: CounterAction<S>) {
  return (app: Hono<AppEnv>) =>
    defineRoute(
      app,
      {
        operationId: action.operationId,
        method: action.method ?? "post",
        path: `/api/offices/{office}/counters/{counter}/${action.action}`,
        role: action.role ?? "clerk",
        summary: action.summary,
        params: { office: officeParam, counter: counterParam },
        body: action.body,
        success: {
          status: 200,
          description: "The counter after the action, and the events it caused",
          body: CounterAnswer,
        },
        errors: [400, 404, 409, 413, 422],
        idempotent: true,
      },
      (c, { params, body, idempotencyKey }) =>
        sendCommand(c, params.office, action.command(params.counter, body), idempotencyKey),
    );
}

const ACTIONS = [
  counterAction({
    operationId: "callNext",
    action: "call-next",
    summary:
      "Calls the next ticket for this counter: priority tickets first, then the oldest across all the services it serves. A ticket being served here is completed first.",
    body: EmptyBody,
    command: (counterId) => ({ type: "callNext", counterId }),
  }),
  counterAction({
    operationId: "recall",
    action: "recall",
    summary: "Announces the called ticket again (counted).",
    body: EmptyBody,
    command: (counterId) => ({ type: "recall", counterId }),
  }),
  counterAction({
    operationId: "startService",
    action: "start",
    summary: "The called person has arrived: service starts.",
    body: EmptyBody,
    command: (counterId) => ({ type: "startService", counterId }),
  }),
  counterAction({
    operationId: "complete",
    action: "complete",
    summary: "Service is done.",
    body: EmptyBody,
    command: (counterId) => ({ type: "complete", counterId }),
  }),
  counterAction({
    operationId: "noShow",
    action: "no-show",
    summary: "The called person did not come.",
    body: EmptyBody,
    command: (counterId) => ({ type: "noShow", counterId }),
  }),
  counterAction({
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
  }),
  counterAction({
    operationId: "callTicket",
    action: "call",
    summary: "Calls a chosen waiting ticket out of order ({ ticketId }).",
    body: CallTicketBody,
    command: (counterId, body) => ({ type: "callTicket", counterId, ticketId: body.ticketId }),
  }),
  counterAction({
    operationId: "setCounterMode",
    action: "mode",
    method: "put",
    role: "supervisor",
    summary:
      "Switches the counter between front, back-office, paused and closed. Only front counters call tickets.",
    body: SetModeBody,
    command: (counterId, body) => ({ type: "setCounterMode", counterId, mode: body.mode }),
  }),
];

export function counterRoutes(app: Hono<AppEnv>): void {
  for (const define of ACTIONS) define(app);
}
