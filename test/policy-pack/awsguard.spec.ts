/**
 * Pulumi's published AWS pack (@pulumi/awsguard, every policy mandatory) on every fixture
 * stack's recorded plan, through the same in-process handlers as our own pack. Each finding is
 * fixed in the program or justified here (and in the README, Policy pack).
 */
import * as assert from "node:assert/strict";
import type { StackRun } from "../../harness/run";
import { analyzeRun, loadPack, type LoadedPack } from "../helpers/policy-pack";
import { deploymentsIam } from "../helpers/deployments-iam";
import { FIXTURE_ENVIRONMENTS, fixtureRun } from "../helpers/stacks";

/**
 * `<stack> <policy> <resource>` (a pattern: `*` is one service's name) -> why the finding stands.
 * One artifact bucket per service pipeline.
 */
export const JUSTIFIED: Readonly<Record<string, string>> = {
  "shared s3-bucket-logging-enabled pipeline-*-artifacts":
    "Pipeline artifacts are copies of app-repo commits that expire after artifactExpiryDays; only the " +
    "pipeline's CodePipeline and CodeBuild roles can reach them (public access blocked, TLS-only bucket " +
    "policy). S3 server access logs would need a second bucket per pipeline and are delivered on a " +
    "best-effort basis; AWS recommends CloudTrail data events for object-level audit " +
    "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/logging-with-S3.html), an account-wide choice " +
    "outside this program.",
};

/**
 * Off: `acm-certificate-expiration` asks ACM for the certificate's expiry (DescribeCertificate on
 * the resource's ARN), so it throws on any plan where the certificate does not exist yet (every
 * first preview, and every offline plan). It guards imported certificates; this program's are
 * ACM-issued and DNS-validated, which ACM renews on its own while the validation record stays
 * (https://docs.aws.amazon.com/acm/latest/userguide/dns-renewal-validation.html).
 */
const ACM_EXPIRY = "acm-certificate-expiration";

let guard: LoadedPack | undefined;
function awsGuard(): LoadedPack {
  // aws-sdk v2 (an awsguard dependency) prints an end-of-support notice when loaded.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AwsGuard } = require("@pulumi/awsguard");
  // The engine applies the constructor's config through its configure call, which the in-process
  // harness does not make: the disabled policy is left out of the loaded list instead.
  if (!guard) {
    const loaded = loadPack(
      () => new AwsGuard({ all: "mandatory", acmCertificateExpiration: "disabled" }),
    );
    guard = { ...loaded, policies: loaded.policies.filter((p) => p.name !== ACM_EXPIRY) };
  }
  return guard;
}

describe("policy-pack: @pulumi/awsguard", () => {
  const runs: StackRun[] = [];
  before(async () => {
    for (const stack of ["shared", ...FIXTURE_ENVIRONMENTS]) runs.push(await fixtureRun(stack));
    runs.push((await deploymentsIam()).run);
  });

  it("loads every AWS policy but the certificate-expiry lookup", () => {
    assert.equal(awsGuard().name, "pulumi-awsguard");
    assert.equal(awsGuard().policies.length, 25, "26 less the one turned off");
    assert.ok(!awsGuard().policies.some((p) => p.name === ACM_EXPIRY));
  });

  it("finds only what is justified, and each justification still has its finding", async () => {
    const found = new Set<string>();
    for (const run of runs) {
      for (const f of await analyzeRun(awsGuard(), run)) {
        found.add(`${run.stack} ${f.policy} ${f.urn?.split("::").pop()}`);
      }
    }
    const pattern = (p: string) => new RegExp(`^${p.replace(/\*/g, "[a-z0-9-]+")}$`);
    const justified = Object.keys(JUSTIFIED).map(pattern);
    for (const f of found)
      assert.ok(
        justified.some((p) => p.test(f)),
        `not justified: ${f}`,
      );
    for (const p of justified)
      assert.ok(
        [...found].some((f) => p.test(f)),
        `no finding: ${p}`,
      );
    // One per service of the fixture shared stack.
    const shared = runs.find((r) => r.stack === "shared")!;
    const buckets = shared.resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
    assert.equal(found.size, buckets.length);
  });
});
