import { fuzzSocketRole } from "./fuzz-sockets";

/** Random frames on counter sockets, from every caller that may open one: see tests/worker/fuzz-sockets.ts. */
fuzzSocketRole("fuzz-live-counter.test.ts", "counter", 80);
