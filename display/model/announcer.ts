import { playChime } from "./chime";
import type { SoundSettings } from "./sound-settings";
import { speak } from "./speech";

export interface Announcement {
  text: string;
  lang: string;
}

/** Silence between two announcements, so the room hears them as two. */
const GAP_MS = 700;
/** A burst of calls (every counter at opening time) is read in full, but a backlog is not. */
const MAX_QUEUED = 8;

/**
 * Announces calls one after another, never over each other: chime, then the
 * voice, then the next one once the voice has finished (or its guard time
 * has passed). With the voice off or missing, the chime still plays; the
 * office may turn the chime off (voice only).
 */
export class Announcer {
  private readonly queue: Announcement[] = [];
  private busy = false;

  constructor(private readonly settings: () => SoundSettings) {}

  announce(announcement: Announcement): void {
    this.queue.push(announcement);
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
    this.next();
  }

  private next(): void {
    if (this.busy) return;
    const announcement = this.queue.shift();
    if (!announcement) return;
    this.busy = true;
    const settings = this.settings();
    const chimeMs = settings.chime ? playChime(settings.volume) : 0;
    setTimeout(() => {
      const finished = () => {
        setTimeout(() => {
          this.busy = false;
          this.next();
        }, GAP_MS);
      };
      if (!settings.voice || settings.volume <= 0) {
        finished();
        return;
      }
      speak(
        announcement.text,
        {
          lang: announcement.lang,
          volume: settings.volume,
          rate: settings.rate,
          pitch: settings.pitch,
        },
        finished,
      );
    }, chimeMs);
  }
}
