import { localTime } from "../../shared/engine/clock";

/**
 * A time zone whose local clock is now well away from midnight. Tests that run
 * on the real clock use it so that their office does not roll its day over
 * (renumbering from 001) in the middle of a run.
 */
export function timeZoneAwayFromMidnight(now = Date.now()): string {
  for (const zone of ["Europe/Rome", "Asia/Tokyo", "America/New_York"]) {
    const minutes = localTime(now, zone).minutes;
    if (minutes >= 60 && minutes <= 22 * 60) return zone;
  }
  return "Europe/Rome";
}
