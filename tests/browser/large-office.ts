/**
 * A city office's shape, beside the demo's seven services: 13 services (one
 * with a 78-character name, as real ones have), ten counters. The screens
 * must hold it (issue 10): every service visible and readable, nothing cut.
 */
import { OPEN_AROUND_THE_CLOCK } from "../../shared/demo-office";
import type { OfficeConfigInput } from "../../shared/protocol";
import { timeZoneAwayFromMidnight } from "../support/time-zone";
import { api } from "./office-api";

const SERVICES: [id: string, it: string, en: string, minutes: number][] = [
  ["urp", "Informazioni / URP", "Information desk", 5],
  ["anagrafe", "Anagrafe e carta d'identità", "Registry and ID card", 15],
  ["stato-civile", "Stato civile", "Civil status", 12],
  ["elettorale", "Elettorale", "Electoral office", 8],
  ["scuola", "Iscrizioni scolastiche e mensa", "School enrolment and canteen", 10],
  ["pagamenti", "Pagamenti e multe", "Payments and fines", 6],
  [
    "tributi",
    "Tributi locali: IMU, TARI, canone unico patrimoniale, rateizzazione dei debiti",
    "Local taxes: property tax, waste tax, single property fee and instalment plans",
    14,
  ],
  ["servizi-sociali", "Servizi sociali e contributi", "Social services and grants", 20],
  ["residenza", "Cambio di residenza", "Change of residence", 12],
  ["cimiteriali", "Servizi cimiteriali", "Cemetery services", 10],
  ["permessi", "Permessi ZTL e parcheggi", "Traffic and parking permits", 7],
  ["protocollo", "Protocollo generale", "General registry office", 5],
  ["suap", "Sportello attività produttive", "Business licensing desk", 18],
];

export const LARGE_OFFICE_LONG_NAME = SERVICES[6]![1];

export function largeOfficeConfig(): OfficeConfigInput {
  const ids = SERVICES.map(([id]) => id);
  return {
    name: "Comune di Firenze — Sportello Unico al Cittadino, Quartiere 1",
    timeZone: timeZoneAwayFromMidnight(),
    languages: ["it", "en"],
    openingHours: OPEN_AROUND_THE_CLOCK,
    closedDates: [],
    services: SERVICES.map(([id, it, en, minutes], index) => ({
      id,
      prefix: String.fromCharCode(65 + index),
      names: { it, en },
      defaultServiceMinutes: minutes,
    })),
    counters: Array.from({ length: 10 }, (_, index) => ({
      id: `sportello-${index + 1}`,
      name: `Sportello ${index + 1}`,
      // Each desk serves a wide slice of the services, as a one-stop office's do.
      serviceIds: ids.filter((_, serviceIndex) => (serviceIndex + index) % 3 !== 0),
      ...(index >= 7 ? { defaultMode: "back-office" as const } : {}),
    })),
    allowRemoteTickets: false,
    targetWaitMinutes: 20,
  };
}

/** Creates an office shaped like a city's (a unique id) and returns its id. */
export async function createLargeOffice(baseUrl: string, label: string): Promise<string> {
  const officeId = `e2e-${label}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await api(baseUrl, "PUT", `/offices/${officeId}`, largeOfficeConfig());
  if (created.status !== 201) {
    throw new Error(
      `could not create office ${officeId}: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  return officeId;
}
