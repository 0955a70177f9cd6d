import type { OfficeState } from "../protocol/state";

/**
 * How long a service is expected to take: the moving average of its completed
 * tickets, or its configured default until it has history. Both the estimates
 * and the call order's look-ahead (routing.ts) use it.
 */
export function averageServiceSeconds(state: OfficeState, serviceId: string): number {
  const timing = state.timings[serviceId];
  if (timing && timing.samples > 0) return timing.averageSeconds;
  const service = state.config.services.find((s) => s.id === serviceId);
  return (service?.defaultServiceMinutes ?? 10) * 60;
}
