import { format } from "../../shared/i18n";
import type { BookMessages } from "../../shared/i18n/book";
import type { Booker } from "../model/booking-page-model";

/** Staff booking on someone's behalf see it said on every step; a staff link without a session says why it books as the public. */
export function StaffBanner(props: { booker: Booker; messages: BookMessages }) {
  const s = props.messages.book.staff;
  if (props.booker.kind === "staff")
    return (
      <section class="note note--staff" aria-label={s.banner} data-testid="staff-banner">
        <strong class="note__title">{s.banner}</strong>
        <span>{format(s.detail, { name: props.booker.name })}</span>
      </section>
    );
  if (props.booker.kind === "not-staff")
    return (
      <p class="note note--problem" data-testid="staff-not-signed-in">
        {s.notSignedIn}
      </p>
    );
  return null;
}
