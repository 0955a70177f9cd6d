import { fuzzSocketRole } from "./fuzz-sockets";

/** Random frames on ticket sockets, from every caller that may open one: see tests/worker/fuzz-sockets.ts. */
fuzzSocketRole("fuzz-live-ticket.test.ts", "ticket", 150);
