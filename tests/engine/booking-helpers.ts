import { demoOfficeConfig } from "../../shared/demo-office";
import {
  BookingConfig,
  type BookingConfigInput,
  OfficeConfig,
  type OfficeConfigInput,
  type ServiceMode,
} from "../../shared/protocol";

/** The service the booking tests book: the demo's Edilizia (services[6], served by Sportello 5 and 6). */
export const BOOKED = "edilizia";

/** The demo office with Edilizia's mode and booking settings set, validated as the server does. */
export function bookingOffice(
  booking: BookingConfigInput,
  patch: Partial<OfficeConfigInput> = {},
  mode: ServiceMode = "appointment",
): OfficeConfig {
  return OfficeConfig.parse({
    ...demoOfficeConfig,
    ...patch,
    services: demoOfficeConfig.services.map((s) => (s.id === BOOKED ? { ...s, mode, booking } : s)),
  });
}

/**
 * The same without the checks across fields: a configuration whose windows
 * are not inside the hours, as the generator must still bound them.
 */
export function unvalidatedBookingOffice(
  booking: BookingConfigInput,
  patch: Partial<OfficeConfigInput> = {},
): OfficeConfig {
  const config = OfficeConfig.parse({ ...demoOfficeConfig, ...patch });
  return {
    ...config,
    services: config.services.map((s) =>
      s.id === BOOKED ? { ...s, mode: "appointment", booking: BookingConfig.parse(booking) } : s,
    ),
  };
}
