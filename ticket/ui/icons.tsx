import type { ComponentChildren } from "preact";

/** Small line icons (24×24, stroke = currentColor); decorative, beside text that says the same. */
function Icon({ children }: { children: ComponentChildren }) {
  return (
    <svg
      class="icon"
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

export const CheckIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9.5" />
    <path d="m7.5 12.3 3 3 6-6.3" />
  </Icon>
);

export const InfoIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M12 11v6" />
    <circle cx="12" cy="7.5" r="0.6" fill="currentColor" />
  </Icon>
);
