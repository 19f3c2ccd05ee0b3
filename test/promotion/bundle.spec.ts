/**
 * The promotion function as deployed: bundled by the function `pulumi up` runs, loaded with
 * `require`, called with SQS events; the SDK clients inside the bundle are mocked on the bundle's
 * own classes, with the tested commit's files served from the shipped content.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import { bundleLambda } from "../../components/aws/bundle";
import { PROMOTION_ENTRY } from "../../components/promotion/promotion";
import { keepTag } from "../../components/promotion/stages";
import { blobId } from "../../promotion/src/changes";
import { PROMOTION_ENVIRONMENT } from "../../promotion/src/config";
import { REGISTRY, shippedFiles, STAGES } from "./rig";

const TESTED = "a".repeat(40);
const BASE = "b".repeat(40);
const DIGEST = `sha256:${"d".repeat(64)}`;
const TAG = "main-1a2b3c4-7";
const [FIRST, SECOND] = STAGES.map((s) => s.environment);
const ENV = {
  [PROMOTION_ENVIRONMENT.repository]: "microservices-repo",
  [PROMOTION_ENVIRONMENT.defaultBranch]: "main",
  [PROMOTION_ENVIRONMENT.stages]: JSON.stringify(STAGES),
  [PROMOTION_ENVIRONMENT.ecrRegistry]: REGISTRY,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

interface Loaded {
  handler(event: unknown): Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  resetForTests(): void;
  sdk: Record<string, any>;
}

const files = shippedFiles();
const tested: Record<string, string> = {
  ...files,
  [`overlays/${FIRST}/front-end/kustomization.yaml`]: files[
    `overlays/${FIRST}/front-end/kustomization.yaml`
  ].replace(/newTag: \S+/, `newTag: ${TAG}`),
};
const at = (commit: string) => (commit === TESTED ? tested : files);

function sqsEvent(detail: Record<string, unknown>, messageId = "m-1") {
  return {
    Records: [
      {
        messageId,
        body: JSON.stringify({
          source: "gitops-platform",
          "detail-type": "Deployment Status Change",
          detail,
        }),
      },
    ],
  };
}

const DETAIL = {
  schemaVersion: 1,
  id: "event-1",
  environment: FIRST,
  cluster: "gitops-dev",
  application: "Kustomization/flux-system/front-end",
  revision: `main@sha1:${TESTED}`,
  commitId: TESTED,
  repository: "microservices-repo",
  images: [`${REGISTRY}/front-end:${TAG}`],
  status: "succeeded",
  reason: "ReconciliationSucceeded",
  message: "",
  firstSeenAt: "2026-12-02T09:00:00Z",
  statusSince: "2026-12-02T09:05:00Z",
};

describe("promotion: the bundle (esbuild), loaded and called with mocked AWS SDK clients", function () {
  let dir: string;
  let mod: Loaded;
  let cc: AwsStub<any, any, any>;
  let ecr: AwsStub<any, any, any>;
  const saved: Record<string, string | undefined> = {};
  const logs: string[] = [];
  const log = console.log;
  const error = console.error;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-promotion-"));
    fs.writeFileSync(path.join(dir, "index.js"), bundleLambda(PROMOTION_ENTRY).code);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.join(dir, "index.js")) as Loaded;
    for (const [k, v] of Object.entries(ENV)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    cc = mockClient(mod.sdk.CodeCommitClient);
    ecr = mockClient(mod.sdk.ECRClient);
    console.log = (...a: unknown[]) => void logs.push(a.join(" "));
    console.error = (...a: unknown[]) => void logs.push(a.join(" "));
  });

  after(() => {
    console.log = log;
    console.error = error;
    cc.restore();
    ecr.restore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    cc.reset();
    ecr.reset();
    mod.resetForTests();
    logs.length = 0;
    const { commands: c, errors } = mod.sdk;
    const missing = (E: any) => new E({ message: "absent", $metadata: {} });
    cc.on(c.GetBranchCommand, { branchName: `env/${SECOND}` }).resolves({
      branch: { commitId: BASE },
    });
    cc.on(c.GetBranchCommand, { branchName: `promotion/${SECOND}` }).rejects(
      missing(errors.BranchDoesNotExistException),
    );
    cc.on(c.ListPullRequestsCommand).resolves({ pullRequestIds: [] });
    cc.on(c.CreateBranchCommand).resolves({});
    cc.on(c.GetFolderCommand).callsFake(
      (input: { commitSpecifier: string; folderPath: string }) => {
        const folder = input.folderPath.replace(/^\//, "");
        const tree = at(input.commitSpecifier);
        const inside = Object.keys(tree).filter((p) => p.startsWith(`${folder}/`));
        if (inside.length === 0) throw missing(errors.FolderDoesNotExistException);
        const direct = inside.filter((p) => !p.slice(folder.length + 1).includes("/"));
        const subs = [
          ...new Set(
            inside
              .filter((p) => !direct.includes(p))
              .map((p) =>
                p
                  .split("/")
                  .slice(0, folder.split("/").length + 1)
                  .join("/"),
              ),
          ),
        ];
        return {
          commitId: input.commitSpecifier,
          folderPath: input.folderPath,
          files: direct.map((p) => ({
            absolutePath: p,
            blobId: blobId(tree[p]),
            fileMode: "NORMAL",
          })),
          subFolders: subs.map((p) => ({ absolutePath: p })),
        };
      },
    );
    cc.on(c.GetFileCommand).callsFake((input: { commitSpecifier: string; filePath: string }) => {
      const text = at(input.commitSpecifier)[input.filePath];
      if (text === undefined) throw missing(errors.FileDoesNotExistException);
      return { fileContent: Buffer.from(text) };
    });
    cc.on(c.CreateCommitCommand).resolves({ commitId: "c".repeat(40) });
    cc.on(c.CreatePullRequestCommand).resolves({ pullRequest: { pullRequestId: "42" } });
    ecr
      .on(c.DescribeImagesCommand)
      .resolves({ imageDetails: [{ imageDigest: DIGEST, imageTags: [TAG] }] });
    ecr.on(c.BatchGetImageCommand).resolves({
      images: [
        {
          imageManifest: '{"schemaVersion":2}',
          imageManifestMediaType: "application/vnd.oci.image.manifest.v1+json",
        },
      ],
    });
    ecr.on(c.PutImageCommand).resolves({});
  });

  it("is one CommonJS file under 1 MB that needs only Node's own modules", () => {
    const bundle = bundleLambda(PROMOTION_ENTRY);
    assert.ok(bundle.bytes < 1_000_000, `${bundle.bytes} bytes`);
    const required = [
      ...new Set([...bundle.code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])),
    ];
    assert.deepEqual(
      required.filter((r) => !r.startsWith("node:") && !["buffer", "process"].includes(r)),
      ["@aws-sdk/signature-v4-crt"],
    );
  });

  it("a healthy first-stage revision: keep tag, one commit on promotion/<next>, one pull request", async () => {
    const res = await mod.handler(sqsEvent(DETAIL));
    assert.deepEqual(res, { batchItemFailures: [] }, logs.join("\n"));
    const { commands: c } = mod.sdk;
    assert.deepEqual(ecr.commandCalls(c.DescribeImagesCommand)[0].args[0].input, {
      repositoryName: "front-end",
      imageIds: [{ imageTag: TAG }],
    });
    assert.deepEqual(ecr.commandCalls(c.PutImageCommand)[0].args[0].input, {
      repositoryName: "front-end",
      imageManifest: '{"schemaVersion":2}',
      imageManifestMediaType: "application/vnd.oci.image.manifest.v1+json",
      imageTag: keepTag(SECOND, DIGEST),
      imageDigest: DIGEST,
    });
    assert.deepEqual(cc.commandCalls(c.CreateBranchCommand)[0].args[0].input, {
      repositoryName: "microservices-repo",
      branchName: `promotion/${SECOND}`,
      commitId: BASE,
    });
    const commit = cc.commandCalls(c.CreateCommitCommand)[0].args[0].input;
    assert.equal(commit.branchName, `promotion/${SECOND}`);
    assert.equal(commit.parentCommitId, BASE);
    assert.deepEqual(
      commit.putFiles.map((f: { filePath: string }) => f.filePath),
      [`overlays/${SECOND}/front-end/kustomization.yaml`],
    );
    const text = Buffer.from(commit.putFiles[0].fileContent).toString();
    assert.ok(text.includes(`newTag: ${TAG}\n`) && text.includes(`digest: ${DIGEST}\n`), text);
    const pr = cc.commandCalls(c.CreatePullRequestCommand)[0].args[0].input;
    assert.deepEqual(pr.targets, [
      {
        repositoryName: "microservices-repo",
        sourceReference: `promotion/${SECOND}`,
        destinationReference: `env/${SECOND}`,
      },
    ]);
    assert.equal(pr.title, `Promote to ${SECOND}: front-end ${TAG}`);
    assert.ok(JSON.parse(logs.at(-1) as string).action === "opened", logs.join("\n"));
  });

  it("an AWS error fails the message (SQS retries it); a body that is not an event is dropped", async () => {
    cc.on(mod.sdk.commands.CreateCommitCommand).rejects(new Error("throttled"));
    assert.deepEqual(await mod.handler(sqsEvent(DETAIL, "m-2")), {
      batchItemFailures: [{ itemIdentifier: "m-2" }],
    });
    const junk = { Records: [{ messageId: "m-3", body: "{}" }] };
    assert.deepEqual(await mod.handler(junk), { batchItemFailures: [] });
    assert.match(logs.at(-1) as string, /"action":"dropped"/);
  });
});
