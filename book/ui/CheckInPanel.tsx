import { format } from "../../shared/i18n";
import { CheckIcon } from "../../shared/ui/icons";
import { officeClock } from "../model/calendar-days";
import type { ManagePageModel } from "../model/manage-page-model";
import { RefusalNote } from "./RefusalNote";

/**
 * "I'm here", only inside the check-in window; then the number the
 * check-in gave, with the link to follow it on the ticket page.
 */
export function CheckInPanel({ model }: { model: ManagePageModel }) {
  const m = model.messages.value.book;
  const g = m.manage;
  const answer = model.checkedIn.value;
  const appointment = model.appointment.value;
  const problem = model.checkInProblem.value;
  const zone = model.office.value?.timeZone ?? "UTC";
  const problemText = problem
    ? format(g.checkInRefusals[problem.code], {
        time: problem.opensAt === undefined ? "" : officeClock(problem.opensAt, zone),
      })
    : null;
  const number = answer?.ticket.code ?? appointment?.ticketCode ?? null;

  if (number) {
    const late = answer?.lateArrival
      ? answer.ticket.appointment
        ? g.lateClerk
        : g.lateWalkIn
      : null;
    return (
      <section class="card" aria-live="polite" data-testid="checked-in">
        <p class="booking__code-label">{g.yourNumber}</p>
        <p class="number" data-testid="ticket-number">
          {number}
        </p>
        <p>{g.checkedIn}</p>
        {late && <p class="note">{late}</p>}
        {answer && (
          <a class="button button--primary" href={answer.trackingUrl} data-testid="follow-number">
            {g.followNumber}
          </a>
        )}
      </section>
    );
  }
  if (!model.canCheckIn.value) {
    return problemText ? (
      <section class="card">
        <RefusalNote text={problemText} testId="check-in-refusal" />
        {problem?.rebookUrl && (
          <a class="button button--secondary" href={problem.rebookUrl}>
            {g.bookAgain}
          </a>
        )}
      </section>
    ) : null;
  }
  const sending = model.sending.value;
  return (
    <section class="card" data-testid="check-in">
      <p>{g.imHereHint}</p>
      <RefusalNote text={problemText} testId="check-in-refusal" />
      <button
        type="button"
        class="button button--primary"
        data-testid="im-here"
        disabled={sending}
        onClick={() => void model.checkIn()}
      >
        <CheckIcon /> {sending ? g.checkingIn : g.imHere}
      </button>
    </section>
  );
}
