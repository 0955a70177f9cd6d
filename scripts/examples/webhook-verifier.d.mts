import type { Server } from "node:http";

/** The event if the signature is good and recent; throws otherwise. */
export function verifyWebhook(
  secrets: string | string[],
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now?: number,
): {
  id: string;
  type: string;
  seq: number;
  officeId: string;
  data: Record<string, unknown>;
} & Record<string, unknown>;

export function webhookServer(
  secrets: string | string[],
  onEvent: (event: unknown) => void,
): Server;
