/**
 * A ref callback that moves the focus to the element when it appears, so a
 * TV remote's OK button acts on it at once. One stable function: Preact
 * calls it only when the element mounts, not on every render.
 */
export function focusOnMount(element: HTMLElement | null): void {
  if (element) setTimeout(() => element.focus(), 0);
}
