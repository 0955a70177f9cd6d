import { readErrorBody } from "../../shared/client/error-body";
import type { CommandResult } from "../../shared/client/live-office";
import { IssuedTicket } from "../../shared/protocol/responses";

export type IssueAnswer =
  /** The 201 body of issueTicket (README: "Kiosk and counter sockets may send commands"). */
  | { kind: "issued"; body: IssuedTicket }
  /** The server refused the tap (4xx): `code` is its stable error code. */
  | { kind: "refused"; code: string }
  /** No answer reached us (status 0: offline or timeout); the ticket may or may not exist. */
  | { kind: "unreachable" }
  /** 401/403: this browser is not (or no longer) a paired kiosk of the office. */
  | { kind: "denied"; code: string };

export function readIssueAnswer(result: CommandResult): IssueAnswer {
  if (result.status === 0) return { kind: "unreachable" };
  if (result.status === 201 || result.status === 200) {
    const body = IssuedTicket.safeParse(result.body);
    return body.success
      ? { kind: "issued", body: body.data }
      : { kind: "refused", code: "generic" };
  }
  if (result.status === 429) return { kind: "refused", code: "too_many_requests" };
  const code = readErrorBody(result.body)?.code;
  if (result.status === 401 || result.status === 403) {
    return { kind: "denied", code: code ?? "forbidden" };
  }
  return { kind: "refused", code: code ?? "generic" };
}
