import type { EngineErrorCode } from "../../shared/engine/errors";
import type { ErrorBody } from "../../shared/protocol/api";

/** HTTP status for each engine refusal: 404 for what does not exist, 409 for what the queue's state forbids. */
export const STATUS_BY_ENGINE_ERROR: Record<EngineErrorCode, number> = {
  office_not_configured: 404,
  office_closed: 409,
  unknown_service: 404,
  unknown_counter: 404,
  unknown_ticket: 404,
  service_closed: 409,
  service_finished_today: 409,
  service_appointment_only: 409,
  service_walk_in_only: 409,
  appointment_checked_in: 409,
  counter_cannot_call: 409,
  counter_busy: 409,
  queue_empty: 409,
  kept_for_appointment: 409,
  no_current_ticket: 409,
  ticket_not_waiting: 409,
  ticket_not_called: 409,
  ticket_reserved: 409,
  invalid_transfer: 400,
  config_conflict: 409,
  remote_tickets_disabled: 403,
};

export function errorBody(code: string, message: string, issues?: unknown[]): ErrorBody {
  return { error: issues ? { code, message, issues } : { code, message } };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  issues?: unknown[],
): Response {
  return Response.json(errorBody(code, message, issues), { status });
}
