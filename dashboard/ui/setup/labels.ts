/** "A · Anagrafe": a service as the setup lists it, in the reader's language if the office has it. */
export function serviceLabel(
  service: { id: string; prefix: string; names?: Record<string, string> },
  lang: string,
  languages: readonly string[],
): string {
  const name = service.names?.[lang] || service.names?.[languages[0] ?? ""] || service.id;
  return `${service.prefix} · ${name}`;
}
