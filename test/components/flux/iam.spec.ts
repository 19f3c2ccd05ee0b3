import * as assert from "node:assert/strict";

/** The policy as AWS receives it (serialized, parsed back). */

const wire = (doc: unknown): any => JSON.parse(JSON.stringify(doc));
import { protectedRefsDeny } from "../../../components/aws";
import { PROTECTED_REFS } from "../../../components/delivery";
import {
  codeCommitUserPolicy,
  ECR_READ_ACTIONS,
  imageAutomationPolicy,
  imageReflectorPolicy,
  sourceControllerPolicy,
  type FluxIamTargets,
} from "../../../components/flux/iam";

const FLUX_REPO = "arn:aws:codecommit:us-east-1:123456789012:flux-repo";
const MICRO_REPO = "arn:aws:codecommit:us-east-1:123456789012:microservices-repo";
const ECR = (n: string) => `arn:aws:ecr:us-east-1:123456789012:repository/${n}`;
const TARGETS: FluxIamTargets = {
  fluxRepoArn: FLUX_REPO,
  microservicesRepoArn: MICRO_REPO,
  ecrRepositoryArns: [ECR("orders"), ECR("front-end"), ECR("orders")],
  pushBranch: "main",
};
/** The denies every Flux policy ends with (their effect: refs-iam.spec.ts). */
const GUARD = wire(protectedRefsDeny(PROTECTED_REFS, "Flux"));
const PUSH_MAIN = {
  Sid: "GitPushOwnBranch",
  Effect: "Allow",
  Action: ["codecommit:GitPush"],
  Resource: [MICRO_REPO],
  Condition: { "ForAllValues:StringEquals": { "codecommit:References": ["refs/heads/main"] } },
};

describe("components/flux-iam: controller and Git user policies", () => {
  it("source-controller: GitPull on flux-repo and microservices-repo only", () => {
    assert.deepEqual(wire(sourceControllerPolicy(TARGETS)), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GitPull",
          Effect: "Allow",
          Action: ["codecommit:GitPull"],
          Resource: [FLUX_REPO, MICRO_REPO],
        },
        ...GUARD,
      ],
    });
  });

  it("image-automation-controller: GitPull on microservices-repo, GitPush to the first stage's branch only", () => {
    assert.deepEqual(wire(imageAutomationPolicy(TARGETS)), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GitPull",
          Effect: "Allow",
          Action: ["codecommit:GitPull"],
          Resource: [MICRO_REPO],
        },
        PUSH_MAIN,
        ...GUARD,
      ],
    });
  });

  it("image-reflector-controller: auth token on *, reads scoped to the shared repositories", () => {
    const doc = wire(imageReflectorPolicy(TARGETS));
    assert.deepEqual(doc.Statement, [
      {
        Sid: "EcrAuthToken",
        Effect: "Allow",
        Action: ["ecr:GetAuthorizationToken"],
        Resource: "*",
      },
      {
        Sid: "EcrRead",
        Effect: "Allow",
        Action: [...ECR_READ_ACTIONS],
        Resource: [ECR("front-end"), ECR("orders")],
      },
      ...GUARD,
    ]);
    // Tag listing and manifest reads are what a scan needs; no write action slips in.
    for (const a of ["ecr:ListImages", "ecr:BatchGetImage", "ecr:DescribeImages"]) {
      assert.ok(doc.Statement[1].Action.includes(a), a);
    }
    const writes = doc.Statement.filter((s: { Effect: string }) => s.Effect === "Allow")
      .flatMap((s: { Action: string[] }) => s.Action)
      .filter((a: string) =>
        /Put|Upload|Delete|Complete|Initiate|Set|Tag[A-Z]|Replicat/.test(a.split(":")[1]),
      );
    assert.deepEqual(writes, []);
  });

  it("CodeCommit HTTPS user: pull both repositories, push microservices-repo only", () => {
    assert.deepEqual(wire(codeCommitUserPolicy(TARGETS, true)).Statement, [
      {
        Sid: "GitPull",
        Effect: "Allow",
        Action: ["codecommit:GitPull"],
        Resource: [FLUX_REPO, MICRO_REPO],
      },
      PUSH_MAIN,
      ...GUARD,
    ]);
  });

  it("CodeCommit HTTPS user without image automation: no push at all", () => {
    const actions = wire(codeCommitUserPolicy(TARGETS, false))
      .Statement.filter((s: { Effect: string }) => s.Effect === "Allow")
      .flatMap((s: { Action: string[] }) => s.Action);
    assert.deepEqual(actions, ["codecommit:GitPull"]);
  });

  it("refuses empty or non-ARN resources instead of writing a policy on nothing", () => {
    assert.throws(
      () => imageReflectorPolicy({ ...TARGETS, ecrRepositoryArns: [] }),
      new Error("imageReflectorPolicy ECR repositories: expected one or more ARNs, got []."),
    );
    assert.throws(
      () => sourceControllerPolicy({ ...TARGETS, fluxRepoArn: "flux-repo" }),
      new Error(
        `sourceControllerPolicy repositories: expected one or more ARNs, got ["flux-repo","${MICRO_REPO}"].`,
      ),
    );
  });
});
