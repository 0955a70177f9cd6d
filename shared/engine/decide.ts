import { assertNever } from "../assert-never";
import type { Command } from "../protocol/commands";
import type { CounterConfig } from "../protocol/config";
import type { OfficeEvent } from "../protocol/events";
import type { OfficeState } from "../protocol/state";
import type { Ticket } from "../protocol/ticket";
import { localDay } from "./clock";
import { decideCheckIn, decideIssue } from "./decide-issue";
import {
  accept,
  type Decision,
  findCounter,
  findService,
  refuse,
  unknownCounter,
  unknownService,
} from "./decision";
import { engineError } from "./errors";
import { appointmentDueAt, type CallNextChoice, callNextChoice } from "./routing";
import { ticketList } from "./ticket-list";

export type { Decision } from "./decision";

/**
 * Decides what a command means for the office at `now`: the events it
 * causes, or why it is refused. Pure: it never changes `state`.
 */
export function decide(state: OfficeState | null, command: Command, now: number): Decision {
  if (command.type === "configure") return decideConfigure(state, command.config, now);
  if (!state)
    return refuse(engineError("office_not_configured", "This office has not been set up yet."));
  switch (command.type) {
    case "rollover":
      return decideRollover(state, now);
    case "issueTicket":
      return decideIssue(state, command, now);
    case "checkInAppointment":
      return decideCheckIn(state, command, now);
    case "callNext":
      return withCallingCounter(state, command.counterId, now, (counter) => {
        const choice = callNextChoice(state, counter, now);
        if (choice.kind === "none")
          return refuse(engineError("queue_empty", `No one is waiting for ${counter.name}.`));
        if (choice.kind === "keep") return refuseKeptForAppointment(counter, choice, now);
        return accept({
          type: "ticketCalled",
          at: now,
          ticketId: choice.ticket.id,
          counterId: counter.id,
          chosen: false,
        });
      });
    case "callTicket":
      return withCallingCounter(state, command.counterId, now, (counter) => {
        const ticket = state.tickets[command.ticketId];
        if (!ticket)
          return refuse(
            engineError("unknown_ticket", `Ticket ${command.ticketId} is not in the queue.`),
          );
        if (ticket.status !== "waiting") {
          return refuse(
            engineError(
              "ticket_not_waiting",
              `Ticket ${ticket.code} is not waiting (it is ${ticket.status}).`,
            ),
          );
        }
        if (ticket.targetCounterId !== null && ticket.targetCounterId !== counter.id) {
          return refuse(
            engineError(
              "ticket_reserved",
              `Ticket ${ticket.code} was transferred to another counter; only that counter calls it.`,
            ),
          );
        }
        return accept({
          type: "ticketCalled",
          at: now,
          ticketId: ticket.id,
          counterId: counter.id,
          chosen: true,
        });
      });
    case "recall":
      return withCurrentTicket(state, command.counterId, (counter, ticket) => {
        if (ticket.status !== "called") {
          return refuse(
            engineError("ticket_not_called", `Ticket ${ticket.code} is already being served.`),
          );
        }
        return accept({
          type: "ticketRecalled",
          at: now,
          ticketId: ticket.id,
          counterId: counter.id,
        });
      });
    case "startService":
      return withCurrentTicket(state, command.counterId, (counter, ticket) => {
        if (ticket.status !== "called") {
          return refuse(
            engineError("ticket_not_called", `Ticket ${ticket.code} is already being served.`),
          );
        }
        return accept({
          type: "serviceStarted",
          at: now,
          ticketId: ticket.id,
          counterId: counter.id,
        });
      });
    case "complete":
      return withCurrentTicket(state, command.counterId, (counter, ticket) =>
        accept(completion(ticket, counter.id, now)),
      );
    case "noShow":
      return withCurrentTicket(state, command.counterId, (counter, ticket) => {
        if (ticket.status !== "called") {
          return refuse(
            engineError(
              "ticket_not_called",
              `Ticket ${ticket.code} is being served: complete it instead.`,
            ),
          );
        }
        return accept({
          type: "ticketNoShow",
          at: now,
          ticketId: ticket.id,
          counterId: counter.id,
        });
      });
    case "transfer":
      return withCurrentTicket(state, command.counterId, (counter, ticket) => {
        let toServiceId = ticket.serviceId;
        let toCounterId: string | null = null;
        if (command.toServiceId !== undefined) {
          if (!findService(state, command.toServiceId))
            return refuse(unknownService(command.toServiceId));
          toServiceId = command.toServiceId;
        }
        if (command.toCounterId !== undefined) {
          if (!findCounter(state, command.toCounterId))
            return refuse(unknownCounter(command.toCounterId));
          if (command.toCounterId === counter.id) {
            return refuse(
              engineError(
                "invalid_transfer",
                "A ticket cannot be transferred to the counter that holds it.",
              ),
            );
          }
          toCounterId = command.toCounterId;
        }
        if (toCounterId === null && toServiceId === ticket.serviceId) {
          return refuse(
            engineError("invalid_transfer", `Ticket ${ticket.code} is already in that service.`),
          );
        }
        return accept({
          type: "ticketTransferred",
          at: now,
          ticketId: ticket.id,
          fromCounterId: counter.id,
          toServiceId,
          toCounterId,
        });
      });
    case "setCounterMode": {
      const counter = findCounter(state, command.counterId);
      if (!counter) return refuse(unknownCounter(command.counterId));
      if (state.counters[counter.id]?.mode === command.mode) return accept();
      return accept({
        type: "counterModeChanged",
        at: now,
        counterId: counter.id,
        mode: command.mode,
      });
    }
    case "setServiceToday": {
      const service = state.config.services.find((s) => s.id === command.serviceId);
      if (!service)
        return refuse(
          engineError("unknown_service", `There is no service "${command.serviceId}".`),
        );
      const open = !state.closedForToday.includes(service.id);
      if (open === command.open) return accept();
      return accept({
        type: "serviceTodayChanged",
        at: now,
        serviceId: service.id,
        open: command.open,
      });
    }
    case "setNotice":
      return accept({
        type: "noticeChanged",
        at: now,
        notice: command.text === null ? null : { text: command.text, at: now },
      });
    case "cancelTicket": {
      const ticket = state.tickets[command.ticketId];
      if (!ticket)
        return refuse(
          engineError("unknown_ticket", `Ticket ${command.ticketId} is not in the queue.`),
        );
      if (ticket.status === "serving") {
        return refuse(engineError("ticket_not_waiting", `Ticket ${ticket.code} is being served.`));
      }
      return accept({ type: "ticketCancelled", at: now, ticketId: ticket.id });
    }
    default:
      return assertNever(command);
  }
}

function decideConfigure(
  state: OfficeState | null,
  config: OfficeState["config"],
  now: number,
): Decision {
  if (state) {
    const serviceIds = new Set(config.services.map((s) => s.id));
    const counterIds = new Set(config.counters.map((c) => c.id));
    for (const ticket of ticketList(state)) {
      if (!serviceIds.has(ticket.serviceId)) {
        return refuse(
          engineError(
            "config_conflict",
            `Service "${ticket.serviceId}" still has ticket ${ticket.code}; finish it first.`,
          ),
        );
      }
      if (ticket.targetCounterId !== null && !counterIds.has(ticket.targetCounterId)) {
        return refuse(
          engineError(
            "config_conflict",
            `Counter "${ticket.targetCounterId}" still has ticket ${ticket.code} waiting.`,
          ),
        );
      }
    }
    for (const [counterId, counter] of Object.entries(state.counters)) {
      if (!counterIds.has(counterId) && counter.ticketId !== null) {
        return refuse(
          engineError(
            "config_conflict",
            `Counter "${counterId}" is serving a ticket; finish it first.`,
          ),
        );
      }
    }
  }
  return accept({ type: "officeConfigured", at: now, config });
}

/** Expires every ticket still open when the office's local day changes. Idempotent. */
function decideRollover(state: OfficeState, now: number): Decision {
  const today = localDay(now, state.config.timeZone);
  if (today <= state.day) return accept();
  return accept({
    type: "dayRolledOver",
    at: now,
    fromDay: state.day,
    toDay: today,
    expiredTicketIds: ticketList(state).map((ticket) => ticket.id),
  });
}

/**
 * Checks that a counter may call: it exists, is in front-office mode, and is
 * not still waiting for a called person. A ticket it is serving is completed
 * first, so "call next" is one press between two citizens.
 */
function withCallingCounter(
  state: OfficeState,
  counterId: string,
  now: number,
  call: (counter: CounterConfig) => Decision,
): Decision {
  const counter = findCounter(state, counterId);
  if (!counter) return refuse(unknownCounter(counterId));
  const counterState = state.counters[counter.id];
  if (counterState?.mode !== "front") {
    return refuse(
      engineError(
        "counter_cannot_call",
        `${counter.name} is in ${counterState?.mode ?? "closed"} mode: switch it to front office to call tickets.`,
      ),
    );
  }
  const current = counterState.ticketId ? state.tickets[counterState.ticketId] : undefined;
  if (current?.status === "called") {
    return refuse(
      engineError(
        "counter_busy",
        `${current.code} is still called at ${counter.name}: start, mark no-show or transfer it first.`,
      ),
    );
  }
  const decision = call(counter);
  if (!decision.ok || !current) return decision;
  return accept(completion(current, counter.id, now), ...decision.events);
}

function withCurrentTicket(
  state: OfficeState,
  counterId: string,
  act: (counter: CounterConfig, ticket: Ticket) => Decision,
): Decision {
  const counter = findCounter(state, counterId);
  if (!counter) return refuse(unknownCounter(counterId));
  const ticketId = state.counters[counter.id]?.ticketId;
  const ticket = ticketId ? state.tickets[ticketId] : undefined;
  if (!ticket)
    return refuse(engineError("no_current_ticket", `${counter.name} has no ticket called.`));
  return act(counter, ticket);
}

function completion(ticket: Ticket, counterId: string, now: number): OfficeEvent {
  const since = ticket.startedAt ?? ticket.calledAt ?? now;
  return {
    type: "ticketCompleted",
    at: now,
    ticketId: ticket.id,
    counterId,
    serviceSeconds: Math.max(0, Math.round((now - since) / 1000)),
  };
}

/** Call-next kept the counter free for an appointment about to fall due (routing.ts, look-ahead). */
function refuseKeptForAppointment(
  counter: CounterConfig,
  choice: Extract<CallNextChoice, { kind: "keep" }>,
  now: number,
): Decision {
  const dueAt = appointmentDueAt(choice.appointment) ?? now;
  const minutes = Math.max(1, Math.ceil((dueAt - now) / 60_000));
  return refuse(
    engineError(
      "kept_for_appointment",
      `${counter.name} is kept free for the appointment of ${choice.appointment.code}, callable in ${minutes} min: ${choice.walkIn.code} would still be at the desk then, and no other counter for it is free. Call a ticket from the queue to serve someone meanwhile.`,
    ),
  );
}
