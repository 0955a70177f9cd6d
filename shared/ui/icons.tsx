import type { ComponentChildren, JSX } from "preact";

/**
 * Small line icons drawn for Turno (24×24, stroke = currentColor), bundled
 * so no app needs anything from the network. Shared by the kiosk and the ticket page. Decorative: the text beside
 * each icon says what it means, so they are hidden from screen readers.
 */
function Icon({ children, class: className }: { children: ComponentChildren; class?: string }) {
  return (
    <svg
      class={className ? `icon ${className}` : "icon"}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const InfoIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M12 11v6" />
    <circle cx="12" cy="7.5" r="0.6" fill="currentColor" />
  </Icon>
);

const IdCardIcon = () => (
  <Icon>
    <rect x="2.5" y="5" width="19" height="14" rx="2" />
    <circle cx="8.5" cy="11" r="2" />
    <path d="M5.5 16c.6-1.4 1.7-2 3-2s2.4.6 3 2M14.5 10h4.5M14.5 13.5h3.5" />
  </Icon>
);

const RingsIcon = () => (
  <Icon>
    <circle cx="9" cy="14" r="5" />
    <circle cx="15" cy="14" r="5" />
    <path d="M10.5 5.5 12 3.5l1.5 2L12 7.5z" />
  </Icon>
);

const BallotIcon = () => (
  <Icon>
    <path d="M7.5 11V3.5h9V11" />
    <path d="m10 7.3 1.5 1.5 3-3" />
    <rect x="3" y="11" width="18" height="9.5" rx="1.5" />
    <path d="M6.5 11h11" />
  </Icon>
);

const BookIcon = () => (
  <Icon>
    <path d="M2.5 5.5h6a3.5 3.5 0 0 1 3.5 3.5v11a2.8 2.8 0 0 0-2.8-2.8H2.5z" />
    <path d="M21.5 5.5h-6A3.5 3.5 0 0 0 12 9v11a2.8 2.8 0 0 1 2.8-2.8h6.7z" />
  </Icon>
);

const EuroIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M15.5 8.6a4.3 4.3 0 1 0 0 6.8M7 10.8h6M7 13.4h5" />
  </Icon>
);

const BuildingIcon = () => (
  <Icon>
    <path d="M3 21h18" />
    <rect x="5" y="4" width="9" height="17" />
    <path d="M14 10h5v11M8 8h3M8 11.5h3M8 15h3M16.5 13.5h0M16.5 17h0" />
  </Icon>
);

export const TicketIcon = () => (
  <Icon>
    <path d="M3 7.5A2 2 0 0 1 5 5.5h14a2 2 0 0 1 2 2v2.5a2 2 0 0 0 0 4v2.5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V14a2 2 0 0 0 0-4z" />
    <path d="M14 5.5v2M14 11v2M14 16.5v2" />
  </Icon>
);

export const CalendarIcon = () => (
  <Icon>
    <rect x="3" y="4.5" width="18" height="16.5" rx="2" />
    <path d="M8 2.5v4M16 2.5v4M3 10h18M8 14h2M14 14h2M8 17.5h2" />
  </Icon>
);

export const AccessibilityIcon = () => (
  <Icon>
    <circle cx="12" cy="4.5" r="1.8" />
    <path d="M5 8.5c2.3.7 4.6 1 7 1s4.7-.3 7-1M12 9.5v4.5M12 14l-3 6.5M12 14l3 6.5" />
  </Icon>
);

export const ClockIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M12 7v5l3.2 2" />
  </Icon>
);

export const OfflineIcon = () => (
  <Icon>
    <path d="M2 2l20 20" />
    <path d="M8.6 16.3a5 5 0 0 1 6-.6M5 12.8a10 10 0 0 1 4.1-2.4M14.7 10.3A10 10 0 0 1 19 12.8M1.5 9.2a15 15 0 0 1 4-2.5M10.3 5.5A15 15 0 0 1 22.5 9.2" />
    <circle cx="12" cy="19.5" r="0.7" fill="currentColor" />
  </Icon>
);

export const PrintIcon = () => (
  <Icon>
    <path d="M6.5 9V2.5h11V9" />
    <path d="M6.5 18H4.5a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h15a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2" />
    <rect x="6.5" y="14" width="11" height="7.5" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon>
    <path d="M20 6 9 17l-5-5" />
  </Icon>
);

export const PeopleIcon = () => (
  <Icon>
    <circle cx="9" cy="7.5" r="3.5" />
    <path d="M2.5 20.5v-1a5.5 5.5 0 0 1 5.5-5.5h2a5.5 5.5 0 0 1 5.5 5.5v1M16 4.3a3.5 3.5 0 0 1 0 6.4M21.5 20.5v-1a5.5 5.5 0 0 0-3.5-5.1" />
  </Icon>
);

export const HourglassIcon = () => (
  <Icon>
    <path d="M6 2.5h12M6 21.5h12M7.5 2.5v3.5l4.5 6-4.5 6v3.5M16.5 2.5v3.5l-4.5 6 4.5 6v3.5" />
  </Icon>
);

export const ScreenIcon = () => (
  <Icon>
    <rect x="2.5" y="4" width="19" height="12.5" rx="1.5" />
    <path d="M8 20.5h8M12 16.5v4" />
  </Icon>
);

/**
 * Icons for the demo office's services, by service id; any other service
 * gets the neutral ticket. (An icon field in the office configuration would
 * replace this map when offices are set up by hand.)
 */
const SERVICE_ICONS: Record<string, () => JSX.Element> = {
  urp: InfoIcon,
  anagrafe: IdCardIcon,
  "stato-civile": RingsIcon,
  elettorale: BallotIcon,
  scuola: BookIcon,
  pagamenti: EuroIcon,
  edilizia: BuildingIcon,
};

export const BellIcon = () => (
  <Icon>
    <path d="M6 9a6 6 0 0 1 12 0c0 6 2.5 8 2.5 8h-17S6 15 6 9" />
    <path d="M10.3 20.5a2 2 0 0 0 3.4 0" />
  </Icon>
);

export const ArrowIcon = () => (
  <Icon>
    <path d="M4 12h15M13 6l6 6-6 6" />
  </Icon>
);

export function ServiceIcon({ serviceId }: { serviceId: string }) {
  const Chosen = SERVICE_ICONS[serviceId] ?? TicketIcon;
  return <Chosen />;
}
