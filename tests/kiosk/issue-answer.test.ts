import { describe, expect, it } from "vitest";
import { readIssueAnswer } from "../../kiosk/model/issue-answer";

const error = (status: number, code: string) => ({
  status,
  body: { error: { code, message: "" } },
});

describe("What the kiosk makes of the answer to a tap", () => {
  it("treats 401 and 403 as 'not a paired kiosk of this office', for the pairing screen.", () => {
    expect(readIssueAnswer(error(401, "not_paired"))).toEqual({
      kind: "denied",
      code: "not_paired",
    });
    expect(readIssueAnswer(error(403, "forbidden"))).toEqual({ kind: "denied", code: "forbidden" });
    expect(readIssueAnswer({ status: 401, body: null })).toEqual({
      kind: "denied",
      code: "forbidden",
    });
  });

  it("keeps the other refusals for the citizen, and no answer as unreachable.", () => {
    expect(readIssueAnswer(error(409, "office_closed"))).toEqual({
      kind: "refused",
      code: "office_closed",
    });
    expect(readIssueAnswer(error(429, "too_many_requests")).kind).toBe("refused");
    expect(readIssueAnswer({ status: 0, body: null })).toEqual({ kind: "unreachable" });
  });
});
