/**
 * The Lambda code as deployed: bundled by the same function `pulumi up` runs, written to a file,
 * loaded with `require`, and called with function-URL events. The AWS SDK inside the bundle is
 * mocked with aws-sdk-client-mock on the bundle's own client classes (exported as `sdk`), and
 * every call it makes is asserted.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import { bundleConnector } from "../../components/feedback/bundle";
import { CONNECTOR_ENVIRONMENT } from "../../connector/src/config";
import { KEY, SHA_A, fluxEvent, urlEvent } from "./fixtures";
import { OVERLAY } from "./ports";

const PREFIX = "/gitops-shared/deployment-feedback/keys/";
const ENV = {
  [CONNECTOR_ENVIRONMENT.table]: "gitops-shared-deployments",
  [CONNECTOR_ENVIRONMENT.keyParameterPrefix]: PREFIX,
  [CONNECTOR_ENVIRONMENT.repositories]: "flux-repo,microservices-repo",
  [CONNECTOR_ENVIRONMENT.ecrRegistry]: "123456789012.dkr.ecr.us-east-1.amazonaws.com",
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

/** A condition with its `#n`/`:v` aliases replaced by the names and values they stand for. */
function readable(
  expression: string,
  u: {
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, { S?: string }>;
  },
): string {
  return expression.replace(/[#:][nv]\d+/g, (alias) =>
    alias.startsWith("#")
      ? u.ExpressionAttributeNames[alias]
      : JSON.stringify(u.ExpressionAttributeValues[alias].S),
  );
}

interface Loaded {
  handler(event: unknown): Promise<{ statusCode: number; body: string }>;
  resetForTests(): void;
  sdk: Record<string, any>;
}

describe("connector: the bundle (esbuild), loaded and called with mocked AWS SDK clients", function () {
  let dir: string;
  let mod: Loaded;
  let mocks: Record<"ssm" | "ddb" | "cc" | "eb", AwsStub<any, any, any>>;
  const saved: Record<string, string | undefined> = {};
  const logs: string[] = [];
  const log = console.log;
  const error = console.error;

  before(() => {
    const bundle = bundleConnector();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-connector-"));
    fs.writeFileSync(path.join(dir, "index.js"), bundle.code);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.join(dir, "index.js")) as Loaded;
    for (const [k, v] of Object.entries(ENV)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    mocks = {
      ssm: mockClient(mod.sdk.SSMClient),
      ddb: mockClient(mod.sdk.DynamoDBClient),
      cc: mockClient(mod.sdk.CodeCommitClient),
      eb: mockClient(mod.sdk.EventBridgeClient),
    };
    console.log = (...a: unknown[]) => void logs.push(a.join(" "));
    console.error = (...a: unknown[]) => void logs.push(a.join(" "));
  });

  after(() => {
    console.log = log;
    console.error = error;
    for (const m of Object.values(mocks)) m.restore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    for (const m of Object.values(mocks)) m.reset();
    mod.resetForTests();
    logs.length = 0;
    mocks.ssm
      .on(mod.sdk.GetParameterCommand, { Name: `${PREFIX}dev`, WithDecryption: true })
      .resolves({ Parameter: { Value: KEY.toString() } });
    mocks.ssm
      .on(mod.sdk.GetParameterCommand, { Name: `${PREFIX}qa` })
      .rejects(new mod.sdk.ParameterNotFound({ message: "not found", $metadata: {} }));
    mocks.ddb.on(mod.sdk.UpdateItemCommand).resolves({});
    mocks.cc
      .on(mod.sdk.GetFileCommand)
      .resolves({ fileContent: Buffer.from(OVERLAY("main-1f49071-1")) })
      .on(mod.sdk.GetCommitCommand)
      .resolves({ commit: { commitId: SHA_A, parents: ["0".repeat(40)] } })
      .on(mod.sdk.PostCommentForComparedCommitCommand)
      .resolves({});
    mocks.eb
      .on(mod.sdk.PutEventsCommand)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: "1" }] });
  });

  it("is one CommonJS file under 1 MB that needs only Node's own modules", () => {
    const bundle = bundleConnector();
    assert.ok(bundle.bytes < 1_000_000, `${bundle.bytes} bytes`);
    const required = [
      ...new Set([...bundle.code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])),
    ];
    // The SDK's optional CRT signer is required inside a try (SigV4a only), never loaded here.
    assert.deepEqual(
      required.filter((r) => !r.startsWith("node:") && !["buffer", "process"].includes(r)),
      ["@aws-sdk/signature-v4-crt"],
    );
    assert.equal(typeof mod.handler, "function");
  });

  it("records a signed success: key, images, ledger writes, comment and event", async () => {
    const res = await mod.handler(urlEvent(fluxEvent()));
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(JSON.parse(res.body), {
      result: "recorded",
      change: "transition",
      status: "succeeded",
      announced: [{ revision: `main@sha1:${SHA_A}`, status: "succeeded" }],
    });
    assert.deepEqual(
      mocks.ssm.calls().map((c) => c.args[0].input),
      [{ Name: `${PREFIX}dev`, WithDecryption: true }],
    );
    assert.deepEqual(
      mocks.cc.calls().map((c) => [c.args[0].constructor.name, c.args[0].input]),
      [
        [
          "GetFileCommand",
          {
            repositoryName: "microservices-repo",
            commitSpecifier: SHA_A,
            filePath: "overlays/dev/kustomization.yaml",
          },
        ],
        ["GetCommitCommand", { repositoryName: "microservices-repo", commitId: SHA_A }],
        [
          "PostCommentForComparedCommitCommand",
          {
            repositoryName: "microservices-repo",
            beforeCommitId: "0".repeat(40),
            afterCommitId: SHA_A,
            content: mocks.cc.commandCalls(mod.sdk.PostCommentForComparedCommitCommand)[0].args[0]
              .input.content,
            clientRequestToken: JSON.parse(mocks.eb.calls()[0].args[0].input.Entries[0].Detail).id,
          },
        ],
      ],
    );
    const [entry] = mocks.eb.calls()[0].args[0].input.Entries;
    assert.deepEqual(
      [entry.Source, entry.DetailType],
      ["gitops-platform", "Deployment Status Change"],
    );
    assert.deepEqual(JSON.parse(entry.Detail).images, [
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/front-end:main-1f49071-1",
    ]);
    const updates = mocks.ddb.calls().map((c) => c.args[0].input);
    assert.deepEqual(
      updates.map((u) => [u.TableName, u.Key.sk.S, readable(u.ConditionExpression, u)]),
      [
        [
          "gitops-shared-deployments",
          `revision#Kustomization/flux-system/front-end#main@sha1:${SHA_A}`,
          '(attribute_not_exists(sk) OR (lastEventOrder < "2026-08-07T16:12:44.000Z#4" AND status <> "succeeded"))',
        ],
        [
          "gitops-shared-deployments",
          `revision#Kustomization/flux-system/front-end#main@sha1:${SHA_A}`,
          '(attribute_exists(sk) AND (attribute_not_exists(notifiedOrder) OR notifiedOrder < "2026-08-07T16:12:44.000Z#4"))',
        ],
        [
          "gitops-shared-deployments",
          "current#Kustomization/flux-system/front-end",
          '(attribute_not_exists(sk) OR since < "2026-08-07T16:12:44.000Z")',
        ],
      ],
    );
    assert.ok(
      updates.every(
        (u) => u.ReturnValues === "ALL_OLD" && u.ReturnValuesOnConditionCheckFailure === "ALL_OLD",
      ),
    );
    assert.match(logs.join("\n"), /"change":"transition"/);
  });

  it("takes a failed condition as 'not newer' (ConditionalCheckFailedException with the item)", async () => {
    const stored = {
      pk: { S: "dev" },
      sk: { S: `revision#Kustomization/flux-system/front-end#main@sha1:${SHA_A}` },
      status: { S: "succeeded" },
      lastEventOrder: { S: "2026-08-07T17:00:00.000Z#4" },
    };
    mocks.ddb.on(mod.sdk.UpdateItemCommand).rejects(
      new mod.sdk.ConditionalCheckFailedException({
        message: "The conditional request failed",
        $metadata: {},
        Item: stored,
      }),
    );
    const res = await mod.handler(urlEvent(fluxEvent()));
    assert.deepEqual(
      [res.statusCode, JSON.parse(res.body)],
      [200, { result: "recorded", change: "stale", status: "succeeded", announced: [] }],
    );
    // Transition, then refresh; both refused; nothing announced.
    assert.equal(mocks.ddb.calls().length, 2);
    assert.equal(mocks.eb.calls().length, 0);
    assert.equal(mocks.cc.commandCalls(mod.sdk.PostCommentForComparedCommitCommand).length, 0);
  });

  it("refuses a bad signature and an unknown environment without touching the ledger", async () => {
    const bad = await mod.handler(urlEvent(fluxEvent(), { key: Buffer.from("wrong") }));
    const unknown = await mod.handler(urlEvent(fluxEvent(), { environment: "qa" }));
    assert.deepEqual([bad.statusCode, unknown.statusCode], [401, 404]);
    assert.equal(mocks.ddb.calls().length, 0);
    assert.equal(mocks.eb.calls().length, 0);
    // dev's key was read once (cached for the refresh after the mismatch), qa's once.
    assert.deepEqual(
      mocks.ssm.calls().map((c) => c.args[0].input.Name),
      [`${PREFIX}dev`, `${PREFIX}qa`],
    );
  });

  it("answers 500 (notification-controller retries) when AWS fails, logging the cause", async () => {
    mocks.eb.on(mod.sdk.PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "try again" }],
    });
    const res = await mod.handler(urlEvent(fluxEvent()));
    assert.deepEqual(
      [res.statusCode, JSON.parse(res.body)],
      [500, { error: "internal error: the event was not (fully) recorded, retry" }],
    );
    assert.match(logs.join("\n"), /PutEvents failed: InternalFailure try again/);
  });
});
