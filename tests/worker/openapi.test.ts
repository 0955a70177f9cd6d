import { describe, expect, it } from "vitest";
import { api } from "./helpers";

/** The parts of /api/openapi.json these checks read. */
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}
interface Operation {
  operationId: string;
  parameters: Parameter[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const document = (await api<OpenApiDocument>("GET", "/openapi.json")).body;
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, ...operation })),
);

/** Every "$ref" anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "$ref" && typeof inner === "string" ? [inner] : refsIn(inner),
  );
}

describe("The OpenAPI document is sound", () => {
  it("Every path parameter of every operation is declared, required and has a schema.", () => {
    for (const op of operations) {
      const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      const declared = op.parameters.filter((p) => p.in === "path");
      expect(declared.map((p) => p.name).sort(), `${op.method} ${op.path}`).toEqual(
        [...inPath].sort(),
      );
      for (const parameter of declared) {
        expect(parameter.required, `${op.operationId} ${parameter.name}`).toBe(true);
        expect(parameter.schema, `${op.operationId} ${parameter.name}`).toBeDefined();
      }
    }
  });

  it("Every operationId is unique.", () => {
    const ids = operations.map((op) => op.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it("Every $ref points at a schema under components.", () => {
    const refs = new Set(refsIn(document));
    expect(refs.size).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas, ref).toHaveProperty(
        ref.slice("#/components/schemas/".length),
      );
    }
  });

  it("The query parameters the routes read are listed, e.g. the reports' from and to.", () => {
    const query = (operationId: string) =>
      operations
        .find((op) => op.operationId === operationId)
        ?.parameters.filter((p) => p.in === "query")
        .map((p) => `${p.name}${p.required ? "" : "?"}`);
    expect(query("report")).toEqual(["from", "to", "onTimeMinutes?"]);
    expect(query("ticketsCsv")).toEqual(["from", "to", "format?"]);
    expect(query("appointmentsCsv")).toEqual(["from", "to", "format?"]);
    expect(query("officeAudit")).toEqual(["before?", "limit?"]);
    expect(query("currentDevice")).toEqual(["role"]);
  });

  it("Every JSON success answer has a schema; shared ones are components.", () => {
    for (const op of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!status.startsWith("2") || !response.content?.["application/json"]) continue;
        expect(response.content["application/json"].schema, op.operationId).toBeDefined();
      }
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["Error", "OfficeView", "CounterAnswer", "Ticket", "IssuedTicket"]),
    );
  });
});
