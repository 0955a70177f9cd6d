/** The dashboard's sections, in the address's hash: #live, #reports, #setup (bookmarkable). */
export const TABS = ["live", "reports", "setup"] as const;
export type Tab = (typeof TABS)[number];

export function tabFromHash(hash: string): Tab {
  const name = hash.replace(/^#/, "").split("?")[0];
  return (TABS as readonly string[]).includes(name ?? "") ? (name as Tab) : "live";
}

/** The tabs a role sees: setup only for the office's administrators. */
export function visibleTabs(isAdmin: boolean): readonly Tab[] {
  return isAdmin ? TABS : TABS.filter((tab) => tab !== "setup");
}
