/**
 * `fetch` to a Turno served with the office's certificate, trusting exactly that
 * certificate (pinned by its SHA-256 fingerprint) and no name check: the serve script
 * and the tests ask it on 127.0.0.1, where the certificate's name (the office's host, or
 * a self-signed test one) never matches, and the machine's CA list does not matter.
 * The chain file is the trust anchor (a leaf from a CA included: allowPartialTrustChain),
 * and checkServerIdentity, which runs before any byte of the request is sent, compares
 * the fingerprint instead of the name.
 */
import { X509Certificate } from "node:crypto";
import { type RequestOptions, request } from "node:https";
import type { PeerCertificate } from "node:tls";

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

const NO_BODY = new Set([101, 204, 205, 304]);

export function pinnedFetch(certificatePem: string): Fetch {
  const expected = new X509Certificate(certificatePem).fingerprint256;
  return (url, init = {}) =>
    new Promise((resolve, reject) => {
      const headers = new Headers(init.headers);
      const options: RequestOptions & { allowPartialTrustChain: boolean } = {
        method: init.method ?? "GET",
        headers: Object.fromEntries(headers),
        ca: certificatePem,
        allowPartialTrustChain: true,
        checkServerIdentity: (_host: string, presented: PeerCertificate) =>
          presented.fingerprint256 === expected
            ? undefined
            : new Error(`${url} presented another certificate (${presented.fingerprint256})`),
        agent: false,
      };
      const outgoing = request(url, options, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () => {
          const answerHeaders = new Headers();
          const raw = incoming.rawHeaders;
          for (let index = 0; index < raw.length; index += 2)
            answerHeaders.append(raw[index]!, raw[index + 1]!);
          const status = incoming.statusCode ?? 502;
          resolve(
            new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), {
              status,
              headers: answerHeaders,
            }),
          );
        });
      });
      outgoing.on("error", reject);
      if (init.body !== undefined && init.body !== null) outgoing.end(String(init.body));
      else outgoing.end();
    });
}
