import { InfoIcon } from "../../shared/ui/icons";

/** Loading, a link that leads nowhere, or no answer: one calm card, with a way to try again. */
export function Message(props: {
  title: string;
  text?: string;
  busy?: boolean;
  action?: { label: string; onClick: () => void };
}) {
  return (
    <section class="card message" aria-busy={props.busy} aria-live="polite">
      {props.busy ? <span class="spinner" aria-hidden="true" /> : <InfoIcon />}
      <h1 class="message__title">{props.title}</h1>
      {props.text && <p class="message__text">{props.text}</p>}
      {props.action && (
        <button type="button" class="button button--secondary" onClick={props.action.onClick}>
          {props.action.label}
        </button>
      )}
    </section>
  );
}
