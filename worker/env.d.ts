import type { Office } from "./office/office";

declare global {
  namespace Cloudflare {
    interface Env {
      Office: DurableObjectNamespace<Office>;
      ASSETS: Fetcher;
    }
  }
  interface Env extends Cloudflare.Env {}
}
