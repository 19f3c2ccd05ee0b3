// Sample web service: a page on / and a health check on /healthz, no dependencies.
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

function page() {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>front-end</title></head>
  <body>
    <h1>Hello from front-end</h1>
    <p>Version <code>${version}</code>, served by <code>${os.hostname()}</code>.</p>
    <p>Secret <code>api-token</code>: ${secretConfigured("api-token") ? "configured" : "not configured"}.</p>
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
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page());
  } else {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  }
});

server.listen(port, () => console.log(`front-end listening on port ${port}`));

// Kubernetes sends SIGTERM on rollout: finish in-flight requests, then exit.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
