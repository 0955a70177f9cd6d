/** "Go to": drawn, not a font glyph, so it looks the same on every TV. */
export function ArrowIcon() {
  return (
    <svg class="arrow" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <path d="M6 21h27.2L22.6 10.4 26 7l17 17-17 17-3.4-3.4L33.2 27H6z" fill="currentColor" />
    </svg>
  );
}
