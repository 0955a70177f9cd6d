/**
 * What a session or device token looks like as minted (encoding.ts's randomToken: its
 * prefix and 32 random bytes as unpadded base64url, 43 characters). A cookie of any
 * other shape cannot be one, so it is dropped before any digest or Directory lookup:
 * issue 13, point 3, where a dummy cookie on every request cost the installation's one
 * Directory a round trip.
 */
const SESSION_TOKEN = /^ses_[A-Za-z0-9_-]{43}$/;
const DEVICE_TOKEN = /^dvt_[A-Za-z0-9_-]{43}$/;

export function couldBeSessionToken(token: string | undefined): token is string {
  return token !== undefined && SESSION_TOKEN.test(token);
}

export function couldBeDeviceToken(token: string | undefined): token is string {
  return token !== undefined && DEVICE_TOKEN.test(token);
}
