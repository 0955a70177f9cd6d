import { fuzzRouteSlice } from "./fuzz-routes";

/**
 * Every third route of /api/openapi.json, from the 1st, fuzzed: see
 * tests/worker/fuzz-routes.ts. Three files, so that the two cores share them.
 */
fuzzRouteSlice("fuzz-routes-1.test.ts", 1, 3);
