import type { ActionId } from "./counter-view";

/** One key per action, the same in every language (clerks learn them once). Shown on the buttons. */
export const SHORTCUT_KEYS: Record<ActionId, string> = {
  callNext: "N",
  recall: "R",
  start: "S",
  complete: "C",
  noShow: "X",
  transfer: "T",
  pause: "P",
  frontBack: "B",
  // "A" for appointment (C is Complete): the same letter in Italian, "appuntamento".
  checkIn: "A",
};

const ACTION_BY_KEY = new Map(
  Object.entries(SHORTCUT_KEYS).map(([action, key]) => [key.toLowerCase(), action as ActionId]),
);

/**
 * The action a key press asks for, or null. Shortcuts never fire while the
 * clerk types in a field, while a dialog is open, with a modifier held
 * (browser shortcuts stay the browser's) or from key repeat.
 */
export function shortcutAction(event: KeyboardEvent): ActionId | null {
  if (event.defaultPrevented || event.repeat) return null;
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  if (document.querySelector("dialog[open], [role='dialog'][aria-modal='true']")) return null;
  return ACTION_BY_KEY.get(event.key.toLowerCase()) ?? null;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["button", "checkbox", "radio", "submit", "reset", "range", "color"].includes(type);
}
