import { type FieldIssues, issuesAt } from "./config-form";

/** A field's id for its error line (aria-describedby). */
export function errorId(path: string): string {
  return `issue-${path.replace(/[^a-z0-9]+/gi, "-")}`;
}

/**
 * Props that mark an input as invalid and point it at every error line about it: its own
 * (`path`) and those of what it is part of (`alsoPaths`). An opening-hours interval's
 * "opening must come before closing" is an issue of the interval, not of either input,
 * and both inputs carry it.
 */
export function invalidProps(issues: FieldIssues, path: string, alsoPaths: readonly string[] = []) {
  const described = [path, ...alsoPaths].filter((p) => issuesAt(issues, p).length > 0);
  return {
    "aria-invalid": described.length > 0,
    "aria-describedby": described.length > 0 ? described.map(errorId).join(" ") : undefined,
  } as const;
}

/** Room kept between a focused field and the sticky save bar, or the top of the window. */
export const FOCUS_MARGIN_PX = 24;

/**
 * How far to scroll the window so that a field (its box and the error lines under it) sits
 * in view above the sticky save bar (WCAG 2.4.11, focus not obscured):
 * positive scrolls down, negative up, 0 when it is already in view. A field taller than the
 * room left shows its top.
 */
export function scrollToReveal(
  field: { top: number; bottom: number },
  viewportHeight: number,
  barTop: number | null,
  margin = FOCUS_MARGIN_PX,
): number {
  const visibleBottom = Math.min(viewportHeight, barTop ?? viewportHeight) - margin;
  if (field.top < margin) return field.top - margin;
  if (field.bottom <= visibleBottom) return 0;
  // Bring the bottom up to the bar, but never the top above the window.
  return Math.min(field.bottom - visibleBottom, field.top - margin);
}

/** Focuses the first invalid field of a form and scrolls it into view above its sticky bar. */
export function focusFirstInvalid(form: HTMLElement, bar: HTMLElement | null): HTMLElement | null {
  const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!field) return null;
  field.focus({ preventScroll: true });
  // The field with its label and error lines: its container, when it has one.
  const box = (field.closest(".field, .interval") ?? field).getBoundingClientRect();
  const barTop = bar ? bar.getBoundingClientRect().top : null;
  const delta = scrollToReveal(box, window.innerHeight, barTop);
  if (delta !== 0) window.scrollBy({ top: delta, behavior: "instant" as ScrollBehavior });
  return field;
}
