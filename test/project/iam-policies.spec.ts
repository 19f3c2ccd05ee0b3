/**
 * Every IAM document the program writes, in every fixture stack (the shared stack with Pulumi
 * Deployments on, a CodeCommit-hosted program and Flux's https-credential mode included), checked
 * against the Service Authorization Reference and IAM's size quotas.
 */
import * as assert from "node:assert/strict";
import type { StackRun } from "../../harness/run";
import { environmentBoundary } from "../../components/deployments/boundary";
import { environmentDocuments } from "../../components/deployments/environment-documents";
import { documentProblems, referenceVersion } from "../helpers/iam-reference";
import { policyDocuments } from "../helpers/iam-documents";
import { deploymentsIam } from "../helpers/deployments-iam";
import { ofType } from "../helpers/resources";
import { FIXTURE_ENVIRONMENTS, fixtureRun, runFixture } from "../helpers/stacks";

/** IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), whitespace excluded. */
const MANAGED_POLICY_MAX = 6144;
const INLINE_PER_ROLE_MAX = 10240;

describe("project: IAM documents against the Service Authorization Reference", () => {
  const runs: StackRun[] = [];
  before(async () => {
    runs.push((await deploymentsIam()).run);
    for (const env of FIXTURE_ENVIRONMENTS) runs.push(await fixtureRun(env));
    runs.push(await runFixture("staging", { config: { fluxGitAuth: "https-credential" } }));
  });

  it("every action exists and every condition key relied on is supported by its actions", async () => {
    const documents = runs.flatMap(policyDocuments);
    assert.ok(documents.length > 40, `${documents.length} documents`);
    const problems: string[] = [];
    for (const d of documents) problems.push(...(await documentProblems(d.document, d.where)));
    assert.deepEqual(problems, [], `reference ${await referenceVersion()}`);
  });

  it("every managed policy fits 6,144 characters, every role's inline policies 10,240", () => {
    for (const run of runs) {
      for (const p of ofType(run, "aws:iam/policy:Policy")) {
        assert.ok(
          (p.inputs.policy as string).length <= MANAGED_POLICY_MAX,
          `${p.name}: ${(p.inputs.policy as string).length}`,
        );
      }
      const inline = new Map<string, number>();
      for (const p of ofType(run, "aws:iam/rolePolicy:RolePolicy")) {
        const role = String(p.inputs.role);
        inline.set(role, (inline.get(role) ?? 0) + (p.inputs.policy as string).length);
      }
      for (const [role, size] of inline) assert.ok(size <= INLINE_PER_ROLE_MAX, `${role}: ${size}`);
    }
  });

  it("an environment with a 30-character stack name still fits", () => {
    const environment = "production-eu-central-1-blue-x";
    assert.equal(environment.length, 30);
    const scope = {
      partition: "aws",
      accountId: "123456789012",
      environment,
      boundaryArn: `arn:aws:iam::123456789012:policy/pulumi-deployments/gitops-shared-boundary-${environment}`,
      feedbackKeyParameter: `/gitops-shared-pr-x/deployment-feedback/keys/${environment}`,
      clusterName: `gitops-${environment}`,
      namePrefix: "gitops-production-eu",
    };
    const sizes = [
      ...Object.values(environmentDocuments(scope)),
      environmentBoundary({
        ...scope,
        deliveryStack: "shared",
        gitPullRepositoryArns: [
          "arn:aws:codecommit:eu-central-1:123456789012:flux-repo",
          "arn:aws:codecommit:eu-central-1:123456789012:microservices-repo",
        ],
        gitPushRepositoryArns: ["arn:aws:codecommit:eu-central-1:123456789012:microservices-repo"],
        // The longest name prefix (stacks/rules.ts: 20 characters), in the shared one too.
        namePrefix: "gitops-production-eu",
        feedbackKeyParameter: `/gitops-shared-produc/deployment-feedback/keys/${environment}`,
      }),
    ].map((d) => JSON.stringify(d).length);
    for (const s of sizes) assert.ok(s <= MANAGED_POLICY_MAX, `${s}`);
  });
});
