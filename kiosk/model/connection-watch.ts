import { computed, effect, type ReadonlySignal, signal } from "@preact/signals";
import type { ConnectionStatus } from "../../shared/client/live-office";

/** A blip shorter than this (a deploy, a Wi-Fi roam) does not take the kiosk out of service. */
export const OUT_OF_SERVICE_AFTER_MS = 4000;
/** After an unanswered command, the kiosk stays out of service at least this long. */
export const UNREACHABLE_HOLD_MS = 8000;

/**
 * Decides when the kiosk is out of service: its live connection has not been
 * live for OUT_OF_SERVICE_AFTER_MS, or a command just went unanswered. It
 * never guesses: out of service means no number is offered at all.
 */
export class ConnectionWatch {
  private readonly lost = signal(false);
  private readonly unreachable = signal(false);
  private lostTimer: ReturnType<typeof setTimeout> | undefined;
  private unreachableTimer: ReturnType<typeof setTimeout> | undefined;
  readonly outOfService: ReadonlySignal<boolean> = computed(
    () => this.lost.value || this.unreachable.value,
  );
  readonly dispose: () => void;

  constructor(status: ReadonlySignal<ConnectionStatus>) {
    this.dispose = effect(() => {
      if (status.value === "live") {
        clearTimeout(this.lostTimer);
        this.lostTimer = undefined;
        this.lost.value = false;
        return;
      }
      this.lostTimer ??= setTimeout(() => {
        this.lost.value = true;
      }, OUT_OF_SERVICE_AFTER_MS);
    });
  }

  /** A command got no answer (status 0): out of service for a while, then the connection decides again. */
  commandUnanswered(): void {
    this.unreachable.value = true;
    clearTimeout(this.unreachableTimer);
    this.unreachableTimer = setTimeout(() => {
      this.unreachable.value = false;
    }, UNREACHABLE_HOLD_MS);
  }
}
