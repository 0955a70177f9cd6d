/** The operator's setup token in the worker tests' runtime (a binding in vitest.config.ts). */
export const WORKER_TEST_SETUP_TOKEN = "test-operator-token-0123456789abcdef0123456789";
