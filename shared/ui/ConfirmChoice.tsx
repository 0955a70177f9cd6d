/**
 * The two buttons of "are you sure?" before something that cannot be undone
 * (giving up a place, cancelling a booking): the undoing one in red, keeping
 * as the primary, both held while the first is on its way.
 */
export function ConfirmChoice(props: {
  /** The class of the row the buttons sit in (each page lays it out its own way). */
  rowClass: string;
  sending: boolean;
  yes: string;
  working: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
}) {
  return (
    <div class={props.rowClass}>
      <button
        type="button"
        class="button button--danger"
        data-testid="cancel-confirm"
        disabled={props.sending}
        onClick={props.onYes}
      >
        {props.sending ? props.working : props.yes}
      </button>
      <button
        type="button"
        class="button button--primary"
        data-testid="cancel-keep"
        disabled={props.sending}
        onClick={props.onNo}
      >
        {props.no}
      </button>
    </div>
  );
}
