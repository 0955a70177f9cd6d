import type { TileNote } from "../../model/report-view";

/** A headline figure: a big number under its label, with an optional note. */
export function Tile({
  label,
  value,
  testId,
  note,
  wide = false,
}: {
  label: string;
  value: string;
  testId?: string;
  note?: TileNote;
  /** Twice the room: a figure with a unit and a note ("3.4 days", "90% within 14 days"). */
  wide?: boolean;
}) {
  return (
    <div class={wide ? "figure figure-wide" : "figure"}>
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
