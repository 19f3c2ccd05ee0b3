import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";

describe("sample service (gitops/app-repo/front-end)", () => {
  const dir = path.join(__dirname, "../../../gitops/app-repo/front-end");

  it("builds FROM ECR Public and runs as the non-root uid the Deployment expects, on 8080", () => {
    const lines = fs.readFileSync(path.join(dir, "Dockerfile"), "utf8").split("\n");
    assert.match(
      lines.find((l) => l.startsWith("FROM "))!,
      /^FROM public\.ecr\.aws\/docker\/library\/node:\d+-alpine$/,
    );
    assert.ok(lines.includes("USER 1000:1000"));
    assert.ok(lines.includes("EXPOSE 8080"));
  });

  it("serves a page (with whether its secret is set), /healthz, 404 elsewhere, and exits cleanly on SIGTERM", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const secrets = fs.mkdtempSync(path.join(os.tmpdir(), "front-end-secrets-"));
    const child = spawn(process.execPath, ["server.js"], {
      cwd: dir,
      env: { PORT: String(port), APP_VERSION: "main-1f49071-24", SECRETS_DIR: secrets },
    });
    await new Promise((resolve) => child.stdout.once("data", resolve));
    const get = (p: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ port, path: p }, (res) => {
            let body = "";
            res.on("data", (c) => (body += c));
            res.on("end", () => resolve({ status: res.statusCode!, body }));
          })
          .on("error", reject);
      });
    try {
      assert.deepEqual(await get("/healthz"), { status: 200, body: "ok\n" });
      const page = await get("/");
      assert.equal(page.status, 200);
      assert.match(page.body, /Hello from front-end/);
      assert.match(page.body, /main-1f49071-24/);
      // The mounted Secret is read on every request (the kubelet updates it in place), never shown.
      assert.match(page.body, /Secret <code>api-token<\/code>: not configured\./);
      fs.writeFileSync(path.join(secrets, "api-token"), "s3cr3t-value");
      const withSecret = (await get("/")).body;
      assert.match(withSecret, /Secret <code>api-token<\/code>: configured\./);
      assert.doesNotMatch(withSecret, /s3cr3t-value/);
      assert.equal((await get("/missing")).status, 404);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
      fs.rmSync(secrets, { recursive: true, force: true });
    }
  });
});
