import { fuzzRouteSlice } from "./fuzz-routes";

/**
 * Every third route of /api/openapi.json, from the 2nd, fuzzed: see
 * tests/worker/fuzz-routes.ts. Three files, so that the two cores share them.
 */
fuzzRouteSlice("fuzz-routes-2.test.ts", 2, 3);
