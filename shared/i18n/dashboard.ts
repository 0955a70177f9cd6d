import { type Base, withBase } from "./index";
import * as en from "./locales/en";
import * as it from "./locales/it";

/** The dashboard's words: the shared ones, its own section and the auth screens'. */
export type DashboardMessages = Base & { dashboard: en.DashboardSection; auth: en.AuthSection };

/** Every language, listed again here so that the dashboard bundles its own words only (see index.ts). */
export const DASHBOARD_LOCALES: Record<string, DashboardMessages> = {
  it: withBase(it.base, { dashboard: it.dashboard, auth: it.auth }),
  en: withBase(en.base, { dashboard: en.dashboard, auth: en.auth }),
};

export function dashboardMessages(lang: string): DashboardMessages {
  return DASHBOARD_LOCALES[lang] ?? DASHBOARD_LOCALES.en!;
}
