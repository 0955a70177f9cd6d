import type { OfficeConfig } from "../protocol/config";
import { CalendarIcon } from "./icons";

/** The booking page in staff mode (issue 12, point 3): the session makes the office treat it as staff's. */
function staffBookingPath(officeId: string): string {
  return `/book/?office=${encodeURIComponent(officeId)}&staff=1`;
}

/**
 * "Book an appointment for a caller", where some service of the office is
 * booked online: opens the booking page in a tab of its own, so the console
 * stays as it was. `className` places it (the dashboard's bar, the counter's actions).
 */
export function BookForCallerLink(props: {
  officeId: string;
  config: OfficeConfig | null | undefined;
  label: string;
  className: string;
}) {
  const bookable = props.config?.services.some((s) => s.mode !== "walk-in" && s.booking);
  if (!bookable) return null;
  return (
    <a
      class={props.className}
      href={staffBookingPath(props.officeId)}
      target="_blank"
      rel="noopener"
      data-testid="book-for-caller"
    >
      <CalendarIcon />
      <span>{props.label}</span>
    </a>
  );
}
