import { format } from "../../shared/i18n";
import { BookForCallerLink } from "../../shared/ui/BookForCallerLink";
import type { CounterModel } from "../model/counter-model";
import type { ActionId } from "../model/counter-view";
import { SHORTCUT_KEYS } from "../model/shortcuts";

const TEST_IDS: Record<ActionId, string> = {
  callNext: "call-next",
  recall: "recall",
  start: "start",
  complete: "complete",
  noShow: "no-show",
  transfer: "transfer",
  pause: "pause",
  frontBack: "front-back",
  checkIn: "check-in",
};

/**
 * Every action in a fixed place (clerks work by position and by key), the
 * one that fits the moment filled in. Buttons wait while an answer is due.
 * The mode buttons are only for supervisors and admins; Check in only where
 * some service takes appointments.
 */
export function ActionPanel({ model }: { model: CounterModel }) {
  const view = model.view.value;
  if (!view) return null;
  const m = model.messages.value.counter.actions;
  const enabled = model.enabled.value;
  const primary = model.primary.value;
  const pending = model.pending.value;
  const serving = view.current?.status === "serving" ? view.current : null;

  const button = (action: ActionId, label: string, extra?: { sub?: string; tone?: string }) => (
    <ActionButton
      action={action}
      label={label}
      sub={pending === action ? m.working : extra?.sub}
      tone={extra?.tone}
      primary={primary === action}
      enabled={enabled[action]}
      pending={pending === action}
      shortcutLabel={format(m.shortcut, { key: SHORTCUT_KEYS[action] })}
      onPress={() => model.run(action)}
    />
  );

  const paused = view.mode === "paused" || view.mode === "closed";
  return (
    <div class="actions">
      <div class="actions-main">
        {button("callNext", m.callNext, {
          sub: serving ? format(m.callNextCompletes, { code: serving.code }) : undefined,
        })}
        {button("start", m.start)}
        {button("complete", m.complete)}
      </div>
      <div class="actions-secondary">
        {button("recall", m.recall)}
        {button("noShow", m.noShow, { tone: "danger" })}
        {button("transfer", m.transfer)}
        {model.takesAppointments.value && button("checkIn", m.checkIn)}
      </div>
      {model.canChangeMode.value ? (
        <div class="actions-mode">
          {button("pause", paused ? m.resume : m.pause, { tone: "mode" })}
          {button("frontBack", view.mode === "back-office" ? m.toFrontOffice : m.toBackOffice, {
            tone: "mode",
          })}
        </div>
      ) : (
        // A clerk may not change the counter's mode (the server refuses it): no buttons, one line why.
        <p class="actions-mode-locked" data-testid="mode-locked">
          {model.messages.value.counter.modeLocked}
        </p>
      )}
      {/* Phone bookings (issue 12, point 3): the booking page in staff mode, in a tab of its own. */}
      <BookForCallerLink
        officeId={model.officeId}
        config={model.state.value?.config}
        label={model.messages.value.counter.bookForCaller}
        className="book-for-caller"
      />
    </div>
  );
}

function ActionButton(props: {
  action: ActionId;
  label: string;
  sub: string | undefined;
  tone: string | undefined;
  primary: boolean;
  enabled: boolean;
  pending: boolean;
  shortcutLabel: string;
  onPress: () => void;
}) {
  const key = SHORTCUT_KEYS[props.action];
  const classes = ["action", `action-${TEST_IDS[props.action]}`];
  if (props.primary) classes.push("is-primary");
  if (props.tone) classes.push(`tone-${props.tone}`);
  return (
    <button
      type="button"
      class={classes.join(" ")}
      data-testid={TEST_IDS[props.action]}
      // aria-disabled, not disabled: the button keeps keyboard focus when the state moves on,
      // and pressing it anyway says why it cannot be done.
      aria-disabled={!props.enabled}
      aria-busy={props.pending}
      aria-keyshortcuts={key}
      title={props.shortcutLabel}
      onClick={props.onPress}
    >
      <span class="action-label">
        {props.label}
        {props.sub && <span class="action-sub">{props.sub}</span>}
      </span>
      <span class="action-key kbd" aria-hidden="true">
        {key}
      </span>
    </button>
  );
}
