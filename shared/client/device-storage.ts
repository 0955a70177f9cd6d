/**
 * What an app remembers on this device, in localStorage. Storage can throw
 * (private mode, disabled cookies, a full quota): then the app simply works
 * without memory.
 */
export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // nothing to remember with
  }
}
