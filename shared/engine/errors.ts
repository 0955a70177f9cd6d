/**
 * Why the engine refused a command. Codes are stable (clients and integrators
 * match on them); messages are for people.
 */
export const ENGINE_ERROR_CODES = [
  "office_not_configured",
  "office_closed",
  "unknown_service",
  "unknown_counter",
  "unknown_ticket",
  "service_closed",
  "service_finished_today",
  "service_appointment_only",
  "service_walk_in_only",
  "appointment_checked_in",
  "counter_cannot_call",
  "counter_busy",
  "queue_empty",
  "kept_for_appointment",
  "no_current_ticket",
  "ticket_not_waiting",
  "ticket_not_called",
  "ticket_reserved",
  "invalid_transfer",
  "config_conflict",
  "remote_tickets_disabled",
] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export interface EngineError {
  code: EngineErrorCode;
  message: string;
}

export const engineError = (code: EngineErrorCode, message: string): EngineError => ({
  code,
  message,
});
