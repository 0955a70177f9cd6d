import { summarizeServices } from "../../shared/engine/estimate";
import type { CounterMode } from "../../shared/protocol/config";
import type { OfficeState } from "../../shared/protocol/state";
import { isOverTarget } from "./live-view";

/**
 * The seed's back-office desks "switch instantly to the front office when
 * crowds come": when a service's estimated wait passes the office's
 * target, offer the back-office desks that handle it; when one of them is no
 * longer needed, say so. Every estimate is the engine's own
 * (summarizeServices), computed on a copy of the state with the desk moved,
 * so the dashboard and the displays never disagree on a wait.
 *
 * Switching back waits until the estimate with one desk fewer stays under
 * SWITCH_BACK_SHARE of the target, not merely under the target: a desk that
 * went back as soon as the wait dipped below it would be called forward
 * again minutes later.
 */
export const SWITCH_BACK_SHARE = 0.5;

export interface SwitchOption {
  counterId: string;
  name: string;
  /** The service's estimated wait once this desk is at the front (null: still no estimate). */
  estimatedWaitAfterSeconds: number | null;
  /** A ticket the desk still holds (it finishes it first). */
  ticketCode: string | null;
  /** How many of the services over target this desk would help. */
  helps: number;
}

export interface WaitAlert {
  serviceId: string;
  waiting: number;
  /** null: people are waiting and no desk is open for them. */
  estimatedWaitSeconds: number | null;
  targetSeconds: number;
  /** Back-office desks that handle the service, the most useful first. */
  options: SwitchOption[];
}

export interface SwitchBackAdvice {
  counterId: string;
  name: string;
  /** The longest estimated wait among the desk's services once it has gone back. */
  worstWaitAfterSeconds: number;
  /** The ticket it is still serving: it goes back after that one. */
  ticketCode: string | null;
}

/** The state as it would be with one counter in another mode; tickets are shared, not copied. */
export function withCounterMode(
  state: OfficeState,
  counterId: string,
  mode: CounterMode,
): OfficeState {
  const current = state.counters[counterId] ?? { mode, ticketId: null };
  return { ...state, counters: { ...state.counters, [counterId]: { ...current, mode } } };
}

function estimates(
  state: OfficeState,
  at: number | undefined,
): Map<string, { waiting: number; wait: number | null }> {
  return new Map(
    summarizeServices(state, at).map((s) => [
      s.serviceId,
      { waiting: s.waiting, wait: s.estimatedWaitSeconds },
    ]),
  );
}

function ticketCodeAt(state: OfficeState, counterId: string): string | null {
  const ticketId = state.counters[counterId]?.ticketId;
  return ticketId ? (state.tickets[ticketId]?.code ?? null) : null;
}

/** Services over the target wait, each with the back-office desks that could help now. */
export function waitAlerts(state: OfficeState, at?: number): WaitAlert[] {
  const target = state.config.targetWaitMinutes;
  const now = estimates(state, at);
  const over = state.config.services.filter((service) => {
    const e = now.get(service.id);
    return e !== undefined && isOverTarget(e.waiting, e.wait, target);
  });
  const overIds = new Set(over.map((s) => s.id));
  return over.map((service) => {
    const e = now.get(service.id)!;
    const options = state.config.counters
      .map((counter, order) => ({ counter, order }))
      .filter(
        ({ counter }) =>
          counter.serviceIds.includes(service.id) &&
          state.counters[counter.id]?.mode === "back-office",
      )
      .map(({ counter, order }) => {
        const after = estimates(withCounterMode(state, counter.id, "front"), at).get(service.id);
        const option: SwitchOption = {
          counterId: counter.id,
          name: counter.name,
          estimatedWaitAfterSeconds: after?.wait ?? null,
          ticketCode: ticketCodeAt(state, counter.id),
          helps: counter.serviceIds.filter((id) => overIds.has(id)).length,
        };
        return { option, order };
      })
      // A free desk first, then the one that relieves most queues over target, then setup order.
      .sort(
        (a, b) =>
          Number(a.option.ticketCode !== null) - Number(b.option.ticketCode !== null) ||
          b.option.helps - a.option.helps ||
          a.order - b.order,
      )
      .map(({ option }) => option);
    return {
      serviceId: service.id,
      waiting: e.waiting,
      estimatedWaitSeconds: e.wait,
      targetSeconds: target * 60,
      options,
    };
  });
}

/**
 * Desks that usually work in the back office, now at the front, that can go
 * back: with the desk gone, every service it handles still has a desk open
 * and an estimated wait within SWITCH_BACK_SHARE of the target. A service
 * with no one waiting does not hold the desk back when it is closed (in
 * setup or for today) or has no front desk on an ordinary day either (e.g.
 * appointments handled in the back office).
 */
export function switchBackAdvice(state: OfficeState, at?: number): SwitchBackAdvice[] {
  const limit = state.config.targetWaitMinutes * 60 * SWITCH_BACK_SHARE;
  const advice: SwitchBackAdvice[] = [];
  for (const counter of state.config.counters) {
    if (counter.defaultMode !== "back-office") continue;
    if (state.counters[counter.id]?.mode !== "front") continue;
    const after = estimates(withCounterMode(state, counter.id, "back-office"), at);
    let worst = 0;
    let safe = true;
    for (const serviceId of counter.serviceIds) {
      const service = state.config.services.find((s) => s.id === serviceId);
      const e = after.get(serviceId);
      if (!service || !e) continue;
      const issuing = service.open && !state.closedForToday.includes(serviceId);
      if (e.waiting === 0 && (!issuing || !hasUsualFrontDesk(state, serviceId))) continue;
      if (e.wait === null || e.wait > limit) {
        safe = false;
        break;
      }
      worst = Math.max(worst, e.wait);
    }
    if (safe) {
      advice.push({
        counterId: counter.id,
        name: counter.name,
        worstWaitAfterSeconds: worst,
        ticketCode: ticketCodeAt(state, counter.id),
      });
    }
  }
  return advice;
}

/** Whether some counter starts the day at the front for this service. */
function hasUsualFrontDesk(state: OfficeState, serviceId: string): boolean {
  return state.config.counters.some(
    (counter) => counter.defaultMode === "front" && counter.serviceIds.includes(serviceId),
  );
}
