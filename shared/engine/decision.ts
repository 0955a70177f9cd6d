import type { CounterConfig, ServiceConfig } from "../protocol/config";
import type { OfficeEvent } from "../protocol/events";
import type { OfficeState } from "../protocol/state";
import { type EngineError, engineError } from "./errors";

/** What a command means for the office: the events it causes, or why it is refused. */
export type Decision = { ok: true; events: OfficeEvent[] } | { ok: false; error: EngineError };

export const accept = (...events: OfficeEvent[]): Decision => ({ ok: true, events });
export const refuse = (error: EngineError): Decision => ({ ok: false, error });

export function findService(state: OfficeState, serviceId: string): ServiceConfig | undefined {
  return state.config.services.find((s) => s.id === serviceId);
}

export function findCounter(state: OfficeState, counterId: string): CounterConfig | undefined {
  return state.config.counters.find((c) => c.id === counterId);
}

export function displayName(state: OfficeState, service: ServiceConfig): string {
  return service.names[state.config.languages[0] ?? "en"] ?? service.id;
}

export const unknownService = (id: string) =>
  engineError("unknown_service", `There is no service "${id}" in this office.`);
export const unknownCounter = (id: string) =>
  engineError("unknown_counter", `There is no counter "${id}" in this office.`);
