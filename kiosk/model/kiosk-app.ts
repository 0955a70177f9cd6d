import { computed, effect, signal, untracked } from "@preact/signals";
import { createDeviceSession } from "../../shared/client/device-session";
import { fetchOfficeLabel, type OfficeLabel } from "../../shared/client/office-label";
import { BASES, pickLanguage } from "../../shared/i18n";
import { kioskMessages } from "../../shared/i18n/kiosk";
import { browserLanguages } from "../../shared/ui/app-params";
import { createKioskModel, type KioskModel, type KioskOptions } from "./kiosk-model";

/**
 * The kiosk page: first a paired kiosk of the office, by a
 * pre-paired link's #device= token or a code typed on the pairing screen;
 * then the kiosk itself (kiosk-model.ts) with its live socket. A kiosk that
 * is revoked while it runs goes back to the pairing screen instead of
 * retrying forever; paired again, the page starts afresh.
 */
export function createKioskApp(options: KioskOptions) {
  const device = createDeviceSession({ officeId: options.officeId, role: "kiosk" });
  const office = signal<OfficeLabel | null>(null);
  const model = signal<KioskModel | null>(null);

  /** The pairing screen is for staff: their browser's language among the office's. */
  const pairingLanguage = computed(() =>
    pickLanguage(office.value?.languages ?? Object.keys(BASES), browserLanguages()),
  );
  const pairingMessages = computed(() => kioskMessages(pairingLanguage.value));
  const paired = computed(() => device.stage.value === "paired" && model.value !== null);

  effect(() => {
    if (device.stage.value !== "paired") return;
    untracked(() => {
      // Paired again after being cut off: a fresh page rather than a second model beside the stopped one.
      if (model.peek()) location.reload();
      else model.value = createKioskModel({ ...options, onDenied: device.lost });
    });
  });

  effect(() => {
    if (model.value?.live.denial.value) untracked(device.lost);
  });

  // The page speaks the kiosk's current language, for screen readers and hyphenation.
  effect(() => {
    const current = model.value;
    if (current && paired.value) {
      document.documentElement.lang = current.language.value;
      document.title = current.messages.value.kiosk.appName;
    } else {
      document.documentElement.lang = pairingLanguage.value;
      document.title = pairingMessages.value.pairing.titles.kiosk;
    }
  });

  fetchOfficeLabel(options.officeId).then((label) => {
    office.value = label;
  });
  device.start();

  return {
    officeId: options.officeId,
    device,
    office,
    model,
    paired,
    pairingLanguage,
    pairingMessages,
    /** Any touch or key counts as someone using the kiosk (see kiosk-model.ts). */
    noteInteraction(): void {
      model.peek()?.noteInteraction();
    },
  };
}

export type KioskApp = ReturnType<typeof createKioskApp>;
