/** Which office a page shows: ?office=… in its URL, else the demo office. */
export function officeIdFromUrl(search: string = location.search): string {
  const match = /[?&]office=([a-z0-9-]{1,40})/.exec(search);
  return match?.[1] ?? "scandicci";
}

/** Preferred languages of this browser, most preferred first. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language ?? "en"];
}
