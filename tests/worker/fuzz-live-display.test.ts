import { fuzzSocketRole } from "./fuzz-sockets";

/** Random frames on display sockets, from every caller that may open one: see tests/worker/fuzz-sockets.ts. */
fuzzSocketRole("fuzz-live-display.test.ts", "display", 60);
