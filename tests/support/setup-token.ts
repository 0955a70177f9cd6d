/** The operator's setup token in the worker tests' runtime (a binding in vitest.config.ts). */
export const WORKER_TEST_SETUP_TOKEN = "test-operator-token-0123456789abcdef0123456789";

/** The booking proof-of-work key in the worker tests' runtime (TURNO_BOOKING_PROOF_KEY). */
export const WORKER_TEST_PROOF_KEY = "test-booking-proof-key-0123456789abcdef012345";
