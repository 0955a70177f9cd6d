/** A refusal the Worker turns into its HTTP error answer as it is. */
export type Failure = {
  error: { status: number; code: string; message: string; retryAfterMs?: number };
};

export const failure = (status: number, code: string, message: string): Failure => ({
  error: { status, code, message },
});
