import { zoneOffset } from "../engine/clock";
import { DAY_MS, HOUR_MS, isoDateOf, weekdayIndexOf } from "./calendar";

/**
 * Office-local wall-clock readings of instants, fast enough for a year of tickets.
 *
 * Formatting every instant with Intl costs about 10 µs, which for 150,000 tickets × 4
 * timestamps is most of a second. Instead this asks Intl for the zone's UTC offset only
 * at whole UTC days and hours, caches it, and does the rest with arithmetic:
 *
 * - if the offset at the start of an instant's UTC day equals the offset at the start of
 *   the next day, no transition happened in between and the day has that one offset;
 * - otherwise the same test on the instant's UTC hour;
 * - otherwise (the very hour of a DST switch, or a zone like Asia/Kathmandu whose switches
 *   fall on half hours) the instant's own offset is asked of Intl, uncached.
 *
 * This assumes a zone does not change its offset and change it back within one UTC day
 * (tests/reports/local-clock.test.ts compares with Intl across varied zones). A year of
 * tickets costs a few hundred Intl calls (the engine's zoneOffset, shared with the office's
 * own clock).
 */
export class LocalClock {
  readonly timeZone: string;
  private readonly offsetByHour = new Map<number, number>();
  private lastUniformDay = Number.NaN;
  private lastUniformOffset = 0;
  private readonly dayLabels = new Map<number, string>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
  }

  /** The zone's offset from UTC at an instant, in milliseconds (Rome in summer: +7,200,000). */
  offsetAt(instant: number): number {
    const day = Math.floor(instant / DAY_MS);
    // Tickets mostly come in time order: the day just seen answers most calls.
    if (day === this.lastUniformDay) return this.lastUniformOffset;
    const dayOffset = this.offsetAtHour(day * 24);
    if (dayOffset === this.offsetAtHour(day * 24 + 24)) {
      this.lastUniformDay = day;
      this.lastUniformOffset = dayOffset;
      return dayOffset;
    }
    const hour = Math.floor(instant / HOUR_MS);
    const hourOffset = this.offsetAtHour(hour);
    if (hourOffset === this.offsetAtHour(hour + 1)) return hourOffset;
    return zoneOffset(instant, this.timeZone);
  }

  /** The local wall-clock time as if it were UTC: its date and time parts are local. */
  wallTime(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /** The heatmap cell of an instant: local weekday (0 = Monday) × 24 + local hour. */
  weekHour(instant: number): number {
    const wall = this.wallTime(instant);
    const dayNumber = Math.floor(wall / DAY_MS);
    const hour = Math.floor((wall - dayNumber * DAY_MS) / HOUR_MS);
    return weekdayIndexOf(dayNumber) * 24 + hour;
  }

  /**
   * "YYYY-MM-DD HH:mm:ss" in local time, seconds truncated. In the hour repeated when
   * clocks go back two instants read the same: keep the epoch milliseconds beside it.
   */
  dateTime(instant: number): string {
    const wall = this.wallTime(instant);
    const dayNumber = Math.floor(wall / DAY_MS);
    let label = this.dayLabels.get(dayNumber);
    if (label === undefined) {
      label = isoDateOf(dayNumber);
      this.dayLabels.set(dayNumber, label);
    }
    const seconds = Math.floor((wall - dayNumber * DAY_MS) / 1000);
    return `${label} ${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  }

  /** The offset at the start of a UTC hour (hours since the epoch: small integer keys). */
  private offsetAtHour(hour: number): number {
    let offset = this.offsetByHour.get(hour);
    if (offset === undefined) {
      offset = zoneOffset(hour * HOUR_MS, this.timeZone);
      this.offsetByHour.set(hour, offset);
    }
    return offset;
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
