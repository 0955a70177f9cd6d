import type { DashboardApp } from "../model/dashboard-app";

/** The sections as links (#live, #reports, #setup): keyboard and back button work as on any page. */
export function Tabs({ app }: { app: DashboardApp }) {
  const m = app.messages.value.dashboard.tabs;
  const current = app.tab.value;
  return (
    <nav class="tabs" aria-label={m.label}>
      {app.tabs.value.map((tab) => (
        <a
          key={tab}
          href={`#${tab}`}
          class="tab"
          aria-current={tab === current ? "page" : undefined}
          data-testid={`tab-${tab}`}
          onClick={(event) => {
            event.preventDefault();
            app.chooseTab(tab);
          }}
        >
          {m[tab]}
        </a>
      ))}
    </nav>
  );
}
