import type { OfficeState } from "../../shared/protocol/state";

/** A service's name in the clerk's language, else the office's own, else its id. */
export function serviceName(state: OfficeState, serviceId: string, lang: string): string {
  const service = state.config.services.find((s) => s.id === serviceId);
  if (!service) return serviceId;
  return service.names[lang] ?? service.names[state.config.languages[0] ?? ""] ?? serviceId;
}

export function servicePrefix(state: OfficeState, serviceId: string): string {
  return state.config.services.find((s) => s.id === serviceId)?.prefix ?? "?";
}

/** "inglese" for "en" when the clerk reads Italian; the code itself if the browser cannot say. */
export function languageName(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
