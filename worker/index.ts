import { app } from "./app";

export { Directory } from "./auth/directory";
export { Office } from "./office/office";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
