import { requestJson } from "./http";

/** What a sign-in or pairing screen says about the office: its name and languages (public data). */
export interface OfficeLabel {
  name: string;
  languages: string[];
}

/** Reads the office's name and languages from GET /api/offices/{office}, which is public; null if it cannot. */
export function fetchOfficeLabel(officeId: string): Promise<OfficeLabel | null> {
  return requestJson("GET", `/api/offices/${encodeURIComponent(officeId)}`).then((answer) => {
    const body = answer.body as { name?: unknown; languages?: unknown } | null;
    if (answer.status !== 200 || !body || typeof body.name !== "string") return null;
    const languages = Array.isArray(body.languages)
      ? body.languages.filter((lang): lang is string => typeof lang === "string")
      : [];
    return { name: body.name, languages };
  });
}

/** "Punto Comune (scandicci)": the name people know and the id in the address. */
export function officeLabelText(label: OfficeLabel | null, officeId: string): string {
  return label && label.name !== officeId ? `${label.name} (${officeId})` : officeId;
}
