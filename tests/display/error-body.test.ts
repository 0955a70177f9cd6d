import { describe, expect, it } from "vitest";
import { errorCode, readErrorBody } from "../../shared/client/error-body";

describe("Reading the API's { error } body", () => {
  it("reads the code, the server's sentence and the issues of a refused request.", () => {
    const issues = [{ path: "services.0.prefix", message: "taken" }];
    expect(
      readErrorBody({ error: { code: "invalid_request", message: "services.0.prefix", issues } }),
    ).toEqual({ code: "invalid_request", message: "services.0.prefix", issues });
    expect(readErrorBody({ error: { code: "queue_empty" } })).toEqual({ code: "queue_empty" });
  });

  it("answers null (and an empty code) for anything that is not an error body.", () => {
    for (const body of [null, "queue_empty", { error: "queue_empty" }, { error: { code: 409 } }]) {
      expect(readErrorBody(body)).toBeNull();
      expect(errorCode(body)).toBe("");
    }
  });
});
