import { fuzzSocketRole } from "./fuzz-sockets";

/** Random frames on kiosk sockets, from every caller that may open one: see tests/worker/fuzz-sockets.ts. */
fuzzSocketRole("fuzz-live-kiosk.test.ts", "kiosk", 60);
