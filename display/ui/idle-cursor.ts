const SHOW_FOR_MS = 4000;

/**
 * The screen hides the mouse pointer (a stray arrow in the middle of the
 * screen for months), but an installer with a mouse must see it: it shows
 * while the mouse moves and hides again after a few still seconds.
 */
export function hidePointerWhenIdle(element: HTMLElement): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  document.addEventListener("mousemove", () => {
    if (element.className.indexOf("pointer-active") < 0) element.className += " pointer-active";
    clearTimeout(timer);
    timer = setTimeout(() => {
      element.className = element.className.replace(" pointer-active", "");
    }, SHOW_FOR_MS);
  });
}
