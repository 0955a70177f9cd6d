/*
 * The API reference: Swagger UI (swagger-ui-dist, copied here by the build)
 * over the server's own /api/openapi.json. A file of its own, not an inline
 * script: Turno's Content-Security-Policy allows no inline scripts.
 */
window.addEventListener("load", () => {
  window.ui = window.SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No call to the public validator service: connect-src is 'self' only.
    validatorUrl: null,
    // Reading is harmless to try from here; changes belong in Turno's own apps.
    supportedSubmitMethods: ["get"],
  });
});
