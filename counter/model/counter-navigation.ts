import { effect, type ReadonlySignal, signal } from "@preact/signals";
import { consoleUrl, readSelection, rememberCounter } from "./selection";

/**
 * Which counter the console drives, kept in step with the address bar (so
 * it can be bookmarked and the back button works) and with this browser's
 * memory (so plain /counter/ reopens the clerk's own desk).
 */
export function createCounterNavigation(officeId: string) {
  const initial = readSelection(location.search, officeId);
  const counterId = signal<string | null>(initial.counterId);
  const rememberedId = signal<string | null>(initial.rememberedId);
  let stopRemembering: (() => void) | undefined;

  function choose(id: string): void {
    // The URL first: the remember effect then finds it already there.
    history.pushState(null, "", consoleUrl(officeId, id));
    counterId.value = id;
  }

  function showChooser(): void {
    counterId.value = null;
    history.pushState(null, "", consoleUrl(officeId, null));
  }

  const onPopState = () => {
    counterId.value = readSelection(location.search, officeId).counterId;
  };
  addEventListener("popstate", onPopState);

  /** Once the office confirms the counter exists, remember it and put it in the URL. */
  function rememberWhenOpen(openCounterId: ReadonlySignal<string | null>): void {
    stopRemembering?.();
    stopRemembering = effect(() => {
      const id = openCounterId.value;
      if (!id) return;
      rememberCounter(officeId, id);
      rememberedId.value = id;
      if (!new URLSearchParams(location.search).has("counter"))
        history.replaceState(null, "", consoleUrl(officeId, id));
    });
  }

  return {
    counterId,
    rememberedId,
    choose,
    showChooser,
    rememberWhenOpen,
    dispose(): void {
      removeEventListener("popstate", onPopState);
      stopRemembering?.();
    },
  };
}
