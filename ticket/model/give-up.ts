/**
 * Whether the holder is still offered "Give up my place": only while waiting.
 * Once called the counter is already waiting for them, and being served or
 * done there is no place left to give up.
 */
export const canGiveUpPlace = (status: string): boolean => status === "waiting";
