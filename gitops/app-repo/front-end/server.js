// Sample web service: a page on / listing the catalogue API's items, a health check on /healthz,
// no dependencies.
"use strict";

const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const { join } = require("node:path");

const port = Number(process.env.PORT || 8080);
const version = process.env.APP_VERSION || "dev";
// Secret front-end-secrets, mounted as files when an environment has one (SOPS, in git).
const secretsDir = process.env.SECRETS_DIR || "";

// Whether the secret `name` is configured; read on every request, since the kubelet updates a
// mounted Secret in place. Its value is never shown.
function secretConfigured(name) {
  if (!secretsDir) return false;
  try {
    return fs.readFileSync(join(secretsDir, name), "utf8").length > 0;
  } catch {
    return false;
  }
}
// The catalogue's internal Service, by name (the Deployment sets it); its answer must come fast.
const catalogueUrl = process.env.CATALOGUE_URL || "http://catalogue.catalogue.svc.cluster.local";
const CATALOGUE_TIMEOUT_MS = 2000;

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The catalogue's items as an HTML list, or a note when the catalogue cannot be reached. */
async function catalogue() {
  try {
    const res = await fetch(`${catalogueUrl}/items`, {
      signal: AbortSignal.timeout(CATALOGUE_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const { items } = await res.json();
    const rows = items.map(
      (i) => `<li>${escape(i.name)}: ${escape((i.priceCents / 100).toFixed(2))}</li>`,
    );
    return `<ul>${rows.join("")}</ul>`;
  } catch (e) {
    // The page still answers: the catalogue being down must not take the front-end with it.
    return `<p>The catalogue is unavailable (${escape(e.message)}).</p>`;
  }
}

function page(items) {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>front-end</title></head>
  <body>
    <h1>Hello from front-end</h1>
    <p>Version <code>${version}</code>, served by <code>${os.hostname()}</code>.</p>
    <p>Secret <code>api-token</code>: ${secretConfigured("api-token") ? "configured" : "not configured"}.</p>
    <h2>Catalogue</h2>
    ${items}
  </body>
</html>
`;
}

const server = http.createServer((req, res) => {
  const path = new URL(req.url, "http://localhost").pathname;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
  } else if (path === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
  } else if (path === "/") {
    catalogue().then((items) =>
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(items)),
    );
  } else {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  }
});

server.listen(port, () => console.log(`front-end listening on port ${port}`));

// Kubernetes sends SIGTERM on rollout: finish in-flight requests, then exit.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
