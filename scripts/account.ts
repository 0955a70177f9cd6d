/**
 * `npm run account -- <command>`: creates a staff account or resets a
 * password on a running Turno, through the operator's setup routes. Never
 * asks for input; prints the password it set.
 *
 *   npm run account -- create <username> --role clerk|supervisor|admin --office <id|*> [--name "Full name"]
 *   npm run account -- reset-password <username>
 *
 * The password is TURNO_ACCOUNT_PASSWORD when set, else generated. Talks to
 * TURNO_URL (default http://127.0.0.1:8787) with TURNO_SETUP_TOKEN (default:
 * the local one that `npm start` created).
 */
import { parseArgs } from "node:util";
import { describeFailure, generatedPassword, operatorCall, PORT, setupToken } from "./operator";

const USAGE = `usage:
  npm run account -- create <username> --role clerk|supervisor|admin --office <office id or *> [--name "Full name"]
  npm run account -- reset-password <username>`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: "string" },
      office: { type: "string" },
      name: { type: "string" },
    },
  });
  const [command, username] = positionals;
  if (!username || (command !== "create" && command !== "reset-password")) {
    throw new Error(USAGE);
  }
  const base = process.env.TURNO_URL ?? `http://127.0.0.1:${PORT}`;
  const token = setupToken();
  const password = process.env.TURNO_ACCOUNT_PASSWORD ?? generatedPassword();
  const status = await operatorCall<{ exists: boolean }>(
    base,
    token,
    "GET",
    `/api/setup/status?username=${encodeURIComponent(username)}`,
  );
  if (status.status !== 200) throw describeFailure(`cannot reach Turno at ${base}`, status);

  if (command === "create") {
    if (status.body.exists)
      throw new Error(
        `"${username}" exists already; use reset-password to give it a new password.`,
      );
    if (!values.role || !values.office)
      throw new Error(`create needs --role and --office.\n${USAGE}`);
    const answer = await operatorCall(base, token, "POST", "/api/setup/accounts", {
      username,
      displayName: values.name ?? username,
      password,
      grants: [{ office: values.office, role: values.role }],
    });
    if (answer.status !== 201) throw describeFailure("could not create the account", answer);
    console.log(
      `Created "${username}" (${values.role} in ${values.office}). Password: ${password}`,
    );
    return;
  }
  if (!status.body.exists) throw new Error(`There is no account "${username}".`);
  const answer = await operatorCall(base, token, "POST", "/api/setup/accounts", {
    username,
    password,
  });
  if (answer.status !== 200) throw describeFailure("could not reset the password", answer);
  console.log(`New password for "${username}": ${password}  (their sessions have ended)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
