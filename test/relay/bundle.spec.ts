/**
 * The relay as deployed: bundled by the same function `pulumi up` runs, written to a file, loaded
 * with `require`, and invoked with EventBridge events. The SSM client inside the bundle is mocked
 * with aws-sdk-client-mock on the bundle's own class (exported as `sdk`); `fetch` is replaced by
 * a recorder that answers as notification-controller would, checking path and signature.
 */
import * as assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import { bundleConnector } from "../../components/feedback";
import { RELAY_ENTRY } from "../../components/receivers";
import { RELAY_ENVIRONMENT } from "../../relay/src/config";
import { codeCommitEvent, ecrEvent } from "../components/receivers/events";

const TOKEN = "k".repeat(64);
const ENDPOINT =
  "http://internal-gitops-dev-flux-hooks-0123456789abcdef.elb.us-east-1.amazonaws.com";
const ENV = {
  [RELAY_ENVIRONMENT.tokenParameter]: "/gitops-dev/flux-receivers/token",
  [RELAY_ENVIRONMENT.endpoint]: ENDPOINT,
  [RELAY_ENVIRONMENT.routes]: JSON.stringify({
    namespace: "flux-system",
    images: { receiver: "images", repositories: ["front-end"] },
    git: { "microservices-repo": { receiver: "microservices-repo", branches: ["main"] } },
  }),
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

/** What a Receiver named `name` in flux-system answers to (Flux's formula, written out again). */
const hookOf = (name: string) =>
  `${ENDPOINT}/hook/${createHash("sha256").update(`${TOKEN}${name}flux-system`).digest("hex")}`;

interface Loaded {
  handler(event: unknown): Promise<unknown>;
  resetForTests(): void;
  sdk: Record<string, any>;
}

describe("relay: the bundle (esbuild), loaded and invoked with EventBridge events", function () {
  let dir: string;
  let mod: Loaded;
  let ssm: AwsStub<any, any, any>;
  const saved: Record<string, string | undefined> = {};
  const realFetch = globalThis.fetch;
  const log = console.log;
  let calls: { url: string; body: string; headers: Record<string, string> }[] = [];
  let answer = 200;

  before(() => {
    const bundle = bundleConnector(RELAY_ENTRY);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-relay-"));
    fs.writeFileSync(path.join(dir, "index.js"), bundle.code);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.join(dir, "index.js")) as Loaded;
    for (const [k, v] of Object.entries(ENV)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    ssm = mockClient(mod.sdk.SSMClient);
    globalThis.fetch = ((url: string, init: RequestInit) => {
      const body = init.body as string;
      const headers = init.headers as Record<string, string>;
      calls.push({ url, body, headers });
      // notification-controller: unknown path 404, bad signature 400 (receiver_handlers.go).
      const receivers = ["images", "microservices-repo"].map(hookOf);
      const expected = `sha256=${createHmac("sha256", TOKEN).update(body).digest("hex")}`;
      const status = !receivers.includes(url)
        ? 404
        : headers["X-Signature"] !== expected
          ? 400
          : answer;
      return Promise.resolve(new Response(null, { status }));
    }) as typeof fetch;
    console.log = () => undefined;
  });

  after(() => {
    console.log = log;
    globalThis.fetch = realFetch;
    ssm.restore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    ssm.reset();
    mod.resetForTests();
    calls = [];
    answer = 200;
    ssm
      .on(mod.sdk.GetParameterCommand, { Name: ENV[RELAY_ENVIRONMENT.tokenParameter] })
      .resolves({ Parameter: { Value: TOKEN } });
  });

  it("is one CommonJS file under 600 kB that needs only Node's own modules", () => {
    const bundle = bundleConnector(RELAY_ENTRY);
    assert.ok(bundle.bytes < 600_000, `${bundle.bytes} bytes`);
    const required = [
      ...new Set([...bundle.code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])),
    ];
    assert.deepEqual(
      required.filter((r) => !r.startsWith("node:") && !["buffer", "process"].includes(r)),
      ["@aws-sdk/signature-v4-crt"],
    );
  });

  it("posts a signed call to the image Receiver's path for an image push, reading the token once", async () => {
    assert.deepEqual(await mod.handler(ecrEvent()), {
      result: "notified",
      receiver: "images",
      status: 200,
    });
    await mod.handler(codeCommitEvent("microservices-repo"));
    assert.deepEqual(
      calls.map((c) => c.url),
      [hookOf("images"), hookOf("microservices-repo")],
    );
    assert.deepEqual(JSON.parse(calls[0].body), {
      id: ecrEvent().id,
      source: "aws.ecr",
      subject: "front-end:main-1f49071-12",
    });
    assert.equal(calls[0].headers["Content-Type"], "application/json");
    assert.deepEqual(
      ssm.calls().map((c) => c.args[0].input),
      [{ Name: "/gitops-dev/flux-receivers/token", WithDecryption: true }],
    );
  });

  it("calls nothing for an event this environment does not sync", async () => {
    const result = await mod.handler(
      codeCommitEvent("microservices-repo", { referenceName: "env/prod" }),
    );
    assert.deepEqual(result, {
      result: "skipped",
      reason: "microservices-repo branch env/prod is not synced here",
    });
    assert.equal(calls.length, 0);
    assert.equal(ssm.calls().length, 0);
  });

  it("fails the invocation (Lambda retries) when the Receiver refuses or is not ready", async () => {
    answer = 503;
    await assert.rejects(
      mod.handler(ecrEvent()),
      /^Error: receiver images answered 503 for front-end:main-1f49071-12$/,
    );
  });

  it("fails when the token cannot be read, and reads it again on the retry", async () => {
    ssm.reset();
    ssm
      .on(mod.sdk.GetParameterCommand)
      .rejectsOnce(new Error("throttled"))
      .resolves({
        Parameter: { Value: TOKEN },
      });
    await assert.rejects(mod.handler(ecrEvent()), /throttled/);
    assert.deepEqual(await mod.handler(ecrEvent()), {
      result: "notified",
      receiver: "images",
      status: 200,
    });
    assert.equal(ssm.calls().length, 2);
  });
});
