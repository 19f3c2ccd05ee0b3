/**
 * The sample source of a new service in app-repo `<folder>/`: a dependency-free Node.js server
 * that answers JSON and its health path, and the Dockerfile the pipeline builds (the buildspec
 * builds `<folder>/Dockerfile` with `<folder>/` as the context). Replace it with the real service.
 */
import type { ServiceSpec } from "./spec";

/**
 * Node.js base image, from ECR Public (Docker's official image mirrored by AWS): CodeBuild pulls
 * it without Docker Hub's anonymous rate limit. The next LTS: https://nodejs.org/en/about/previous-releases
 * (the tag list: https://gallery.ecr.aws/docker/library/node).
 */
export const NODE_BASE_IMAGE = "public.ecr.aws/docker/library/node:22-alpine";

export function sourceDockerfile(s: ServiceSpec): string {
  return `# Base image from ECR Public (the Docker official image mirrored by AWS): CodeBuild pulls it
# without Docker Hub's anonymous rate limit.
FROM ${NODE_BASE_IMAGE}

# The buildspec passes the image tag, reported by the service.
ARG APP_VERSION=dev
ENV NODE_ENV=production PORT=${s.port} APP_VERSION=$APP_VERSION
WORKDIR /app
COPY package.json server.js ./

# The image's \`node\` user is uid/gid 1000, which the Deployment's securityContext runs as.
USER 1000:1000
EXPOSE ${s.port}
CMD ["node", "server.js"]
`;
}

export function sourceDockerignore(): string {
  return "*\n!package.json\n!server.js\n";
}

export function sourcePackageJson(s: ServiceSpec): string {
  const pkg = {
    name: s.name,
    version: "1.0.0",
    private: true,
    description: `Service ${s.name} of the GitOps platform: JSON on port ${s.port}, health on ${s.healthPath}.`,
    main: "server.js",
    license: "Apache-2.0",
    scripts: { start: "node server.js" },
    engines: { node: ">=22" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function sourceServer(s: ServiceSpec): string {
  return `// Service ${s.name}: JSON on every path, ${s.healthPath} for the probes, no dependencies.
"use strict";

const http = require("node:http");
const os = require("node:os");

const port = Number(process.env.PORT || ${s.port});
const version = process.env.APP_VERSION || "dev";

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body) + "\\n");
}

const server = http.createServer((req, res) => {
  const path = new URL(req.url, "http://localhost").pathname;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
  } else if (path === "${s.healthPath}") {
    send(res, 200, { status: "ok" });
  } else {
    send(res, 200, { service: "${s.name}", version, host: os.hostname(), path });
  }
});

server.listen(port, () => console.log(\`${s.name} listening on port \${port}\`));

// Kubernetes sends SIGTERM on rollout: finish in-flight requests, then exit.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
`;
}
