// Sample catalogue API: the items the front-end lists, as JSON, no dependencies.
//   GET /items        every item
//   GET /items/<id>   one item, or 404
//   GET /healthz      the probes
"use strict";

const http = require("node:http");

const port = Number(process.env.PORT || 8080);
const version = process.env.APP_VERSION || "dev";

// A fixed catalogue: the sample shows the path from git to a running pod, not a database.
const ITEMS = Object.freeze([
  { id: "holy", name: "Holy", description: "Socks fit for a Messiah.", priceCents: 9900 },
  { id: "colourful", name: "Colourful", description: "A bright pair for grey days.", priceCents: 1800 },
  { id: "figueroa", name: "Figueroa", description: "Classic striped crew socks.", priceCents: 1450 },
]);

function send(res, status, body) {
  res
    .writeHead(status, { "content-type": "application/json", "x-catalogue-version": version })
    .end(JSON.stringify(body) + "\n");
}

function route(path) {
  if (path === "/healthz") return [200, { status: "ok" }];
  if (path === "/items") return [200, { items: ITEMS }];
  const one = /^\/items\/([a-z0-9-]+)$/.exec(path);
  if (one) {
    const item = ITEMS.find((i) => i.id === one[1]);
    return item ? [200, item] : [404, { error: `no item '${one[1]}'` }];
  }
  return [404, { error: "not found" }];
}

const server = http.createServer((req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const [status, body] = route(new URL(req.url, "http://localhost").pathname);
  send(res, status, body);
});

server.listen(port, () => console.log(`catalogue listening on port ${port}`));

// Kubernetes sends SIGTERM on rollout: finish in-flight requests, then exit.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
