/** Why the office said no, in the person's words; announced at once to screen readers. */
export function RefusalNote(props: { text: string | null; testId?: string }) {
  if (!props.text) return null;
  return (
    <p class="note note--problem" role="alert" data-testid={props.testId ?? "refusal"}>
      {props.text}
    </p>
  );
}
