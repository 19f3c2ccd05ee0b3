/**
 * The sample services of gitops/app-repo, run on localhost: the catalogue API (JSON) and the
 * front-end that lists its items by calling it, as it calls the catalogue's Service in a cluster.
 */
import * as assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";

const APP_REPO = path.join(__dirname, "../../../gitops/app-repo");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** A sample's server.js on a free port, started and listening. */
async function start(
  service: string,
  env: Record<string, string> = {},
): Promise<{ port: number; child: ChildProcessWithoutNullStreams }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["server.js"], {
    cwd: path.join(APP_REPO, service),
    env: { PORT: String(port), ...env },
  });
  await new Promise((resolve) => child.stdout.once("data", resolve));
  return { port, child };
}

/** Stops it as Kubernetes does (SIGTERM); resolves with the exit code. */
function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  return exited;
}

function get(
  port: number,
  p: string,
): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ port, path: p }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, type: res.headers["content-type"], body }),
        );
      })
      .on("error", reject);
  });
}

describe("sample services (gitops/app-repo)", () => {
  for (const service of ["front-end", "catalogue"]) {
    it(`${service}: builds FROM ECR Public as the non-root uid the Deployment runs, on 8080`, () => {
      const lines = fs.readFileSync(path.join(APP_REPO, service, "Dockerfile"), "utf8").split("\n");
      assert.match(
        lines.find((l) => l.startsWith("FROM "))!,
        /^FROM public\.ecr\.aws\/docker\/library\/node:\d+-alpine$/,
      );
      assert.ok(lines.includes("USER 1000:1000"));
      assert.ok(lines.includes("EXPOSE 8080"));
    });
  }

  it("catalogue: answers JSON for every item, one item, a missing one, and its health", async () => {
    const { port, child } = await start("catalogue", { APP_VERSION: "main-1f49071-24" });
    try {
      const all = await get(port, "/items");
      assert.equal(all.status, 200);
      assert.equal(all.type, "application/json");
      const { items } = JSON.parse(all.body) as { items: { id: string; priceCents: number }[] };
      assert.deepEqual(
        items.map((i) => i.id),
        ["holy", "colourful", "figueroa"],
      );
      assert.ok(items.every((i) => Number.isInteger(i.priceCents) && i.priceCents > 0));
      assert.deepEqual(JSON.parse((await get(port, "/items/holy")).body), {
        id: "holy",
        name: "Holy",
        description: "Socks fit for a Messiah.",
        priceCents: 9900,
      });
      const missing = await get(port, "/items/argyle");
      assert.deepEqual(
        [missing.status, JSON.parse(missing.body)],
        [404, { error: "no item 'argyle'" }],
      );
      assert.deepEqual(JSON.parse((await get(port, "/healthz")).body), { status: "ok" });
      assert.equal((await get(port, "/")).status, 404);
    } finally {
      assert.equal(await stop(child), 0);
    }
  });

  it("front-end: lists the catalogue's items, reaching it by the URL the Deployment sets", async () => {
    const catalogue = await start("catalogue");
    const front = await start("front-end", {
      APP_VERSION: "main-1f49071-24",
      CATALOGUE_URL: `http://localhost:${catalogue.port}`,
    });
    try {
      assert.deepEqual(await get(front.port, "/healthz"), {
        status: 200,
        type: "text/plain",
        body: "ok\n",
      });
      const page = await get(front.port, "/");
      assert.equal(page.status, 200);
      assert.match(page.body, /Hello from front-end/);
      assert.match(page.body, /main-1f49071-24/);
      assert.match(
        page.body,
        /<ul><li>Holy: 99\.00<\/li><li>Colourful: 18\.00<\/li><li>Figueroa: 14\.50<\/li><\/ul>/,
      );
      assert.equal((await get(front.port, "/missing")).status, 404);
    } finally {
      assert.equal(await stop(front.child), 0);
      assert.equal(await stop(catalogue.child), 0);
    }
  });

  it("front-end: says whether its secret is set (read on every request), never its value", async () => {
    const secrets = fs.mkdtempSync(path.join(os.tmpdir(), "front-end-secrets-"));
    const front = await start("front-end", {
      SECRETS_DIR: secrets,
      CATALOGUE_URL: "http://127.0.0.1:9",
    });
    try {
      assert.match(
        (await get(front.port, "/")).body,
        /Secret <code>api-token<\/code>: not configured\./,
      );
      // The kubelet updates a mounted Secret in place: no restart needed.
      fs.writeFileSync(path.join(secrets, "api-token"), "s3cr3t-value");
      const page = (await get(front.port, "/")).body;
      assert.match(page, /Secret <code>api-token<\/code>: configured\./);
      assert.doesNotMatch(page, /s3cr3t-value/);
    } finally {
      assert.equal(await stop(front.child), 0);
      fs.rmSync(secrets, { recursive: true, force: true });
    }
  });

  it("front-end: still answers, saying so, when the catalogue is down; health stays ok", async () => {
    const front = await start("front-end", {
      CATALOGUE_URL: `http://localhost:${await freePort()}`,
    });
    try {
      const page = await get(front.port, "/");
      assert.equal(page.status, 200);
      assert.match(page.body, /<p>The catalogue is unavailable \(fetch failed\)\.<\/p>/);
      assert.equal((await get(front.port, "/healthz")).status, 200);
    } finally {
      assert.equal(await stop(front.child), 0);
    }
  });

  it("front-end: calls the catalogue by its internal Service's DNS name, on the Service's port", () => {
    const base = path.join(APP_REPO, "../microservices-repo/base");
    const yaml = (file: string) => parse(fs.readFileSync(path.join(base, file), "utf8"));
    const env = yaml("front-end/deployment.yaml").spec.template.spec.containers[0].env as {
      name: string;
      value: string;
    }[];
    const url = env.find((e) => e.name === "CATALOGUE_URL")?.value;
    const service = yaml("catalogue/service.yaml");
    const namespace = yaml("catalogue/kustomization.yaml").namespace as string;
    assert.equal(url, `http://${service.metadata.name}.${namespace}.svc.cluster.local`);
    assert.equal(service.spec.type, "ClusterIP");
    assert.equal(service.spec.ports[0].port, 80);
    assert.equal(fs.existsSync(path.join(base, "catalogue/ingress.yaml")), false);
  });
});
