import type { OfficeConfigInput } from "./protocol/config";
import { everyWeekday } from "./protocol/weekdays";

/** Punto Comune, Comune di Scandicci (see ../shared/seed), walk-in services only: the shape tests build on. */
export const DEMO_OFFICE_ID = "scandicci";

const weekday = [{ open: "08:00", close: "18:30" }];

export const demoOfficeConfig: OfficeConfigInput = {
  name: "Punto Comune — Comune di Scandicci",
  timeZone: "Europe/Rome",
  languages: ["it", "en"],
  openingHours: {
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat: [{ open: "08:00", close: "12:30" }],
    sun: [],
  },
  closedDates: [],
  services: [
    {
      id: "urp",
      prefix: "A",
      names: { it: "Informazioni / URP", en: "Information desk" },
      defaultServiceMinutes: 5,
    },
    {
      id: "anagrafe",
      prefix: "B",
      names: { it: "Anagrafe e carta d'identità", en: "Registry and ID card" },
      defaultServiceMinutes: 15,
    },
    {
      id: "stato-civile",
      prefix: "C",
      names: { it: "Stato civile", en: "Civil status" },
      defaultServiceMinutes: 12,
    },
    {
      id: "elettorale",
      prefix: "D",
      names: { it: "Elettorale", en: "Electoral office" },
      defaultServiceMinutes: 8,
    },
    {
      id: "scuola",
      prefix: "E",
      names: { it: "Iscrizioni scolastiche e mensa", en: "School enrolment and canteen" },
      defaultServiceMinutes: 10,
    },
    {
      id: "pagamenti",
      prefix: "F",
      names: { it: "Pagamenti e multe", en: "Payments and fines" },
      defaultServiceMinutes: 6,
    },
    {
      id: "edilizia",
      prefix: "G",
      names: { it: "Edilizia (su appuntamento)", en: "Building permits (by appointment)" },
      mode: "appointment",
      defaultServiceMinutes: 30,
    },
  ],
  counters: [
    {
      id: "sportello-1",
      name: "Sportello 1",
      serviceIds: ["urp", "anagrafe", "stato-civile", "elettorale", "scuola", "pagamenti"],
    },
    {
      id: "sportello-2",
      name: "Sportello 2",
      serviceIds: ["urp", "anagrafe", "stato-civile", "elettorale", "scuola", "pagamenti"],
    },
    {
      id: "sportello-3",
      name: "Sportello 3",
      serviceIds: ["anagrafe", "stato-civile", "elettorale"],
    },
    { id: "sportello-4", name: "Sportello 4", serviceIds: ["urp", "scuola", "pagamenti"] },
    {
      id: "sportello-5",
      name: "Sportello 5",
      serviceIds: ["anagrafe", "stato-civile", "edilizia"],
      defaultMode: "back-office",
    },
    {
      id: "sportello-6",
      name: "Sportello 6",
      serviceIds: ["urp", "scuola", "pagamenti", "edilizia"],
      defaultMode: "back-office",
    },
    {
      id: "sportello-7",
      name: "Sportello 7",
      serviceIds: ["urp", "anagrafe", "pagamenti"],
      defaultMode: "back-office",
    },
  ],
  allowRemoteTickets: false,
  targetWaitMinutes: 20,
};

/**
 * The demo's bookable services: Edilizia, a level-II service, by appointment only with
 * two technicians on Tuesday and Thursday mornings; school enrolment mixed, walk-ins all
 * day and bookable on Monday and Wednesday afternoons. Kept apart from the walk-in shape
 * above, which tests build on with hours of their own that these windows might not fit.
 */
const DEMO_BOOKINGS: Record<string, Partial<OfficeConfigInput["services"][number]>> = {
  edilizia: {
    mode: "appointment",
    booking: {
      windows: {
        tue: [{ start: "09:00", end: "12:30", seats: 2 }],
        thu: [{ start: "09:00", end: "12:30", seats: 2 }],
      },
      slotMinutes: 30,
      daysAhead: 60,
      minNoticeMinutes: 24 * 60,
      checkIn: { earlyMinutes: 30, lateMinutes: 10 },
      lateArrivals: "clerk",
    },
  },
  scuola: {
    mode: "mixed",
    booking: {
      windows: {
        mon: [{ start: "14:00", end: "17:00", seats: 1 }],
        wed: [{ start: "14:00", end: "17:00", seats: 1 }],
      },
      slotMinutes: 15,
      daysAhead: 30,
      minNoticeMinutes: 60,
    },
  },
};

/** The office `npm start` creates: the demo with its bookable services. */
export const demoOfficeWithBookings: OfficeConfigInput = {
  ...demoOfficeConfig,
  services: demoOfficeConfig.services.map((service) => ({
    ...service,
    ...DEMO_BOOKINGS[service.id],
  })),
};

const ALL_DAY = [{ open: "00:00", close: "24:00" }];

/** Open every minute of every day: for tests and benchmarks that must not depend on the wall clock. */
export const OPEN_AROUND_THE_CLOCK: OfficeConfigInput["openingHours"] = everyWeekday(() => ALL_DAY);
