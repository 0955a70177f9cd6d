import { app } from "./app";

export { Office } from "./office/office";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
