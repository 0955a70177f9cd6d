import type { Directory } from "./auth/directory";
import type { Office } from "./office/office";

declare global {
  namespace Cloudflare {
    interface Env {
      Office: DurableObjectNamespace<Office>;
      Directory: DurableObjectNamespace<Directory>;
      ASSETS: Fetcher;
      /** The operator's secret for /api/setup and `npm run account` (at least 32 characters). */
      TURNO_SETUP_TOKEN?: string;
      /**
       * "1": served by `npm start` on a machine in the office, not by Cloudflare (plain http
       * allowed, LAN cookies; worker/http/deployment.ts). Never set on a deployed Worker.
       */
      TURNO_LAN?: string;
      /** The HMAC key of the public's proof of work for bookings (at least 32 characters; worker/auth/booking-proof.ts). */
      TURNO_BOOKING_PROOF_KEY?: string;
      /** The largest counter of a booking's proof of work (default 50000): its average cost is half this in hashes. */
      TURNO_BOOKING_PROOF_MAX_NUMBER?: string;
      /** Ticket issuing limits (see README "Security"); numbers as text, as wrangler vars are. */
      TURNO_TICKETS_PER_DEVICE_PER_MINUTE?: string;
      TURNO_TICKETS_PER_ADDRESS_PER_MINUTE?: string;
      TURNO_REMOTE_TICKETS_PER_ADDRESS_PER_HOUR?: string;
      /** Live ticket sockets (see README "Live protocol"): per ticket, and per address. */
      TURNO_SOCKETS_PER_TICKET?: string;
      TURNO_TICKET_SOCKETS_PER_ADDRESS?: string;
      /** How many days each kind of personal record is kept (worker/storage/retention.ts, README "Personal data"). */
      TURNO_RETAIN_AUDIT_DAYS?: string;
      TURNO_RETAIN_AUDIT_ADDRESS_DAYS?: string;
      TURNO_RETAIN_SIGN_IN_ATTEMPTS_DAYS?: string;
      TURNO_RETAIN_TICKET_TOKEN_DAYS?: string;
      TURNO_RETAIN_CLERK_FIGURES_DAYS?: string;
      TURNO_RETAIN_FEEDBACK_COMMENT_DAYS?: string;
    }
  }
  interface Env extends Cloudflare.Env {}
}
