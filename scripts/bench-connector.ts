/**
 * `npm run bench:connector [events]`: events per second the connector handles on one core, in two
 * setups, a benchmark and not a test (numbers depend on the machine):
 * - the bundle as deployed, its AWS SDK clients mocked with aws-sdk-client-mock (every event a new
 *   status: three ledger writes, a comment and an event each, the worst case);
 * - the pure logic on MemoryStore (Flux's usual mix: mostly periodic successes of a known revision).
 * Also prints the bundle's size and how long loading it takes (the cold-start part it controls).
 */
import { createHmac } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mockClient } from "aws-sdk-client-mock";
import { bundleConnector } from "../components/feedback";
import { CONNECTOR_ENVIRONMENT } from "../connector/src/config";
import { handleRequest, type Ports } from "../connector/src/process";
import { MemoryStore } from "../connector/src/store";

const KEY = "k".repeat(64);
const sha = (i: number) => i.toString(16).padStart(40, "0");

function request(i: number, revisions: number) {
  const rev = Math.floor(i / 10) % revisions;
  const body = JSON.stringify({
    involvedObject: { kind: "Kustomization", namespace: "flux-system", name: `app-${i % 5}` },
    severity: "info",
    timestamp: new Date(Date.UTC(2026, 7, 7, 0, 0, i)).toISOString().replace(".000", ""),
    message: "Reconciliation finished in 1.2s, next run in 5m0s",
    reason: i % 10 === 0 ? "Progressing" : "ReconciliationSucceeded",
    metadata: {
      revision: `main@sha1:${sha(rev + 1)}`,
      ...(i % 10 === 0 ? {} : { commit_status: "update" }),
      repository: "microservices-repo",
      path: "./overlays/dev",
      environment: "dev",
      cluster: "gitops-dev",
    },
    reportingController: "kustomize-controller",
  });
  return {
    rawPath: "/v1/environments/dev/events",
    requestContext: { http: { method: "POST" } },
    headers: { "x-signature": `sha256=${createHmac("sha256", KEY).update(body).digest("hex")}` },
    body,
    isBase64Encoded: false,
  };
}

async function measure(label: string, n: number, call: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await call(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await call(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(
    `${label.padEnd(52)} ${String(n).padStart(6)} events  ${(n / (ms / 1000)).toFixed(0).padStart(7)} events/s  (${(ms / n).toFixed(3)} ms each)\n`,
  );
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 5000);
  const built = Date.now();
  const bundle = bundleConnector();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-connector-"));
  fs.writeFileSync(path.join(dir, "index.js"), bundle.code);
  console.log(`bundle: ${(bundle.bytes / 1024).toFixed(0)} KiB, built in ${Date.now() - built} ms`);
  const t = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(dir, "index.js"));
  console.log(`require(bundle): ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(1)} ms`);
  Object.assign(process.env, {
    [CONNECTOR_ENVIRONMENT.table]: "bench",
    [CONNECTOR_ENVIRONMENT.keyParameterPrefix]: "/bench/",
    [CONNECTOR_ENVIRONMENT.repositories]: "flux-repo,microservices-repo",
    [CONNECTOR_ENVIRONMENT.ecrRegistry]: "123456789012.dkr.ecr.us-east-1.amazonaws.com",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "bench",
  });
  // The bundle's own SDK classes (handler.ts `sdk`), so responses are typed loosely here.
  const reply = (output: Record<string, unknown>) => output as never;
  const mocks = [
    mockClient(mod.sdk.SSMClient),
    mockClient(mod.sdk.DynamoDBClient),
    mockClient(mod.sdk.EventBridgeClient),
    mockClient(mod.sdk.CodeCommitClient),
  ];
  mocks[0].onAnyCommand().resolves(reply({ Parameter: { Value: KEY } }));
  mocks[1].onAnyCommand().resolves({});
  mocks[2].onAnyCommand().resolves(reply({ FailedEntryCount: 0 }));
  mocks[3]
    .on(mod.sdk.GetFileCommand)
    .resolves(
      reply({
        fileContent: Buffer.from("images:\n  - name: front-end\n    newTag: main-1f49071-1\n"),
      }),
    )
    .on(mod.sdk.GetCommitCommand)
    .resolves(reply({ commit: { parents: [] } }))
    .on(mod.sdk.PostCommentForComparedCommitCommand)
    .resolves({});
  // The handler logs one JSON line per event (for CloudWatch); a terminal is not CloudWatch.
  const log = console.log;
  console.log = () => undefined;
  // sinon records every call; forgetting them keeps its garbage out of the figure.
  await measure("bundle, SDK mocked (every event a new status)", n, (i) => {
    if (i % 100 === 0) for (const m of mocks) m.resetHistory();
    return mod.handler(request(i, 50));
  });
  console.log = log;

  const store = new MemoryStore();
  const ports: Ports = {
    keys: {
      get: () => Promise.resolve(Buffer.from(KEY)),
      refresh: () => Promise.resolve(Buffer.from(KEY)),
    },
    store,
    git: {
      getCommit: (_r, commitId) => Promise.resolve({ commitId, parents: [] }),
      getFile: () => Promise.resolve(undefined),
      comment: () => Promise.resolve(),
    },
    events: { put: () => Promise.resolve() },
    now: () => new Date(),
    log: () => undefined,
  };
  const config = { repositories: ["microservices-repo"], substitutions: {} };
  await measure("pure logic on MemoryStore (Flux's usual mix)", n, (i) =>
    handleRequest(request(i, 50), ports, config),
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  },
);
