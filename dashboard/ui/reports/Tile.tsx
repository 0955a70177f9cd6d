import type { TileNote } from "../../model/report-view";

/** A headline figure: a big number under its label, with an optional note. */
export function Tile({
  label,
  value,
  testId,
  note,
}: {
  label: string;
  value: string;
  testId?: string;
  note?: TileNote;
}) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
      {note && (
        <dd
          class={note.short ? "figure-note figure-note-short" : "figure-note"}
          data-testid={testId && `${testId}-goal`}
        >
          {note.text}
        </dd>
      )}
    </div>
  );
}
