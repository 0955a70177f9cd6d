import { fuzzRouteSlice } from "./fuzz-routes";

/**
 * Every third route of /api/openapi.json, from the 3rd, fuzzed: see
 * tests/worker/fuzz-routes.ts. Three files, so that the two cores share them.
 */
fuzzRouteSlice("fuzz-routes-3.test.ts", 3, 3);
