/** Vite's `?raw` imports: a file's text (the tests read the README's tables this way). */
declare module "*?raw" {
  const text: string;
  export default text;
}
