/** The shortest wait between two runs of the alarm. */
export const ALARM_BACKOFF_MS = 1000;

/**
 * When to set the alarm for work due at `due`: never sooner than a second
 * from now (the real clock, which fires alarms). Work that is due but that a
 * run could not finish (a clock that stands still in a test, a bug in a
 * date rule) then runs again once a second, instead of firing back to back
 * and holding the object at full CPU.
 */
export function alarmTime(due: number, realNow: number = Date.now()): number {
  return Math.max(due, realNow + ALARM_BACKOFF_MS);
}
