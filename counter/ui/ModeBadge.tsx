import type { CounterMode } from "../../shared/protocol/config";

/** A counter's mode as a coloured label; the colour repeats the word, never replaces it. */
export function ModeBadge(props: {
  mode: CounterMode;
  label: string;
  testId?: string;
  large?: boolean;
}) {
  return (
    <span
      class={`mode-badge mode-${props.mode}${props.large ? " mode-badge-large" : ""}`}
      data-mode={props.mode}
      data-testid={props.testId}
    >
      <span class="mode-dot" aria-hidden="true" />
      {props.label}
    </span>
  );
}
