/**
 * Screens that show the same layout for months can keep a ghost of it
 * (OLED burn-in, LCD image retention). Every few minutes the whole layout
 * moves by a few pixels, around a small square: invisible to the room,
 * enough to spread the wear.
 */
const STEPS: [number, number][] = [
  [0, 0],
  [3, 0],
  [3, 3],
  [0, 3],
  [-3, 3],
  [-3, 0],
  [-3, -3],
  [0, -3],
  [3, -3],
];
const STEP_EVERY_MS = 3 * 60_000;

export function startBurnInShift(element: HTMLElement): void {
  let step = 0;
  setInterval(() => {
    step = (step + 1) % STEPS.length;
    const [x, y] = STEPS[step] ?? [0, 0];
    element.style.transform = `translate(${x}px, ${y}px)`;
  }, STEP_EVERY_MS);
}
