/** Where a manage link points: /a/{office}/{token}, the link given with the booking. */
export interface ManageTarget {
  officeId: string;
  token: string;
}

/** 128 random bits in base64url are 22 characters. */
const MANAGE_PATH = /^\/a\/([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)\/([A-Za-z0-9_-]{22})\/?$/;

/** The office and token in a manage link's path, or null if the path is not one. */
export function parseManagePath(pathname: string): ManageTarget | null {
  const match = MANAGE_PATH.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  return { officeId: match[1], token: match[2] };
}

/** Whether the page was opened at /a/…, as a manage link (valid or not). */
export function isManagePath(pathname: string): boolean {
  return pathname.startsWith("/a/");
}
