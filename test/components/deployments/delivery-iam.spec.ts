/**
 * Allow/deny table of the delivery (shared) stack's Pulumi Deployments role on the policy the
 * program writes: what the delivery plane needs is allowed, listed; the environments' resources,
 * other names and static credentials beyond the one Git user are denied.
 */
import * as assert from "node:assert/strict";
import { STACK_TAG } from "../../../components/aws";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { row } from "./iam-rows";
import { deploymentsIam, type DeploymentsIam } from "../../helpers/deployments-iam";

const A = MOCK_ACCOUNT;
const R = "us-east-1";
const iamArn = (path: string) => `arn:aws:iam::${A}:${path}`;

function deliveryRows(environment: string): TableRow[] {
  const theirs = { [`aws:ResourceTag/${STACK_TAG}`]: environment };
  return [
    row(
      "allow",
      "create a GitOps repository",
      "codecommit:CreateRepository",
      `arn:aws:codecommit:${R}:${A}:flux-repo`,
    ),
    row("allow", "seed it", "codecommit:CreateCommit", `arn:aws:codecommit:${R}:${A}:app-repo`),
    row(
      "deny",
      "delete the program's repository",
      "codecommit:DeleteRepository",
      `arn:aws:codecommit:${R}:${A}:platform-infra`,
    ),
    row(
      "deny",
      "push to the program's repository",
      "codecommit:GitPush",
      `arn:aws:codecommit:${R}:${A}:platform-infra`,
    ),
    row(
      "allow",
      "manage its ECR repository",
      "ecr:PutLifecyclePolicy",
      `arn:aws:ecr:${R}:${A}:repository/front-end`,
    ),
    row(
      "deny",
      "another ECR repository",
      "ecr:DeleteRepository",
      `arn:aws:ecr:${R}:${A}:repository/other`,
    ),
    row("deny", "push images", "ecr:PutImage", `arn:aws:ecr:${R}:${A}:repository/front-end`),
    row(
      "allow",
      "artifact bucket",
      "s3:CreateBucket",
      "arn:aws:s3:::gitops-shared-front-end-artifact-123",
    ),
    row(
      "allow",
      "empty it on destroy",
      "s3:DeleteObjectVersion",
      "arn:aws:s3:::gitops-shared-front-end-artifact-123/x.zip",
    ),
    row("deny", "another bucket", "s3:DeleteBucket", "arn:aws:s3:::customer-data"),
    row(
      "deny",
      "read artifacts",
      "s3:GetObject",
      "arn:aws:s3:::gitops-shared-front-end-artifact-123/x.zip",
    ),
    row(
      "allow",
      "build project",
      "codebuild:CreateProject",
      `arn:aws:codebuild:${R}:${A}:project/gitops-shared-front-end`,
    ),
    row(
      "deny",
      "start builds",
      "codebuild:StartBuild",
      `arn:aws:codebuild:${R}:${A}:project/gitops-shared-front-end`,
    ),
    row(
      "allow",
      "pipeline",
      "codepipeline:CreatePipeline",
      `arn:aws:codepipeline:${R}:${A}:gitops-shared-front-end`,
    ),
    row(
      "allow",
      "push trigger",
      "events:PutTargets",
      `arn:aws:events:${R}:${A}:rule/gitops-shared-deploy-prod`,
    ),
    row(
      "deny",
      "another rule",
      "events:PutTargets",
      `arn:aws:events:${R}:${A}:rule/security-alerts`,
    ),
    row(
      "allow",
      "build log group",
      "logs:PutRetentionPolicy",
      `arn:aws:logs:${R}:${A}:log-group:/aws/codebuild/gitops-shared-front-end`,
    ),
    row(
      "deny",
      "an environment's log group",
      "logs:DeleteLogGroup",
      `arn:aws:logs:${R}:${A}:log-group:/aws/eks/gitops-${environment}/cluster`,
    ),
    row("allow", "pipeline role", "iam:CreateRole", iamArn("role/gitops-shared-front-end-build")),
    row(
      "allow",
      "a stack's Deployments role",
      "iam:PutRolePolicy",
      iamArn(`role/pulumi-deployments/gitops-shared-deploy-${environment}`),
    ),
    row(
      "allow",
      "an environment's boundary",
      "iam:CreatePolicyVersion",
      iamArn(`policy/pulumi-deployments/gitops-shared-boundary-${environment}`),
    ),
    row(
      "deny",
      "an environment's own roles",
      "iam:PutRolePolicy",
      iamArn(`role/gitops-${environment}-node-1`),
      theirs,
    ),
    row("deny", "roles outside its names", "iam:CreateRole", iamArn("role/Admin")),
    row(
      "allow",
      "pass a pipeline role to CodeBuild",
      "iam:PassRole",
      iamArn("role/gitops-shared-front-end-build"),
      { "iam:PassedToService": "codebuild.amazonaws.com" },
    ),
    row("deny", "pass it to EC2", "iam:PassRole", iamArn("role/gitops-shared-front-end-build"), {
      "iam:PassedToService": "ec2.amazonaws.com",
    }),
    row(
      "deny",
      "pass a Deployments role",
      "iam:PassRole",
      iamArn(`role/pulumi-deployments/gitops-shared-deploy-${environment}`),
      { "iam:PassedToService": "lambda.amazonaws.com" },
    ),
    row(
      "allow",
      "the Git user's credential",
      "iam:CreateServiceSpecificCredential",
      iamArn("user/pulumi-deployments/gitops-shared-deploy-git"),
    ),
    row(
      "deny",
      "another user's credential",
      "iam:CreateServiceSpecificCredential",
      iamArn("user/alice"),
    ),
    row(
      "deny",
      "an SSH key for the Git user",
      "iam:UploadSSHPublicKey",
      iamArn("user/pulumi-deployments/gitops-shared-deploy-git"),
    ),
    row(
      "deny",
      "an access key",
      "iam:CreateAccessKey",
      iamArn("user/pulumi-deployments/gitops-shared-deploy-git"),
    ),
    row(
      "deny",
      "a console password",
      "iam:CreateLoginProfile",
      iamArn("user/pulumi-deployments/gitops-shared-deploy-git"),
    ),
    row(
      "allow",
      "Pulumi's OIDC provider",
      "iam:AddClientIDToOpenIDConnectProvider",
      iamArn("oidc-provider/api.pulumi.com/oidc"),
    ),
    row(
      "deny",
      "a cluster's OIDC provider",
      "iam:DeleteOpenIDConnectProvider",
      iamArn("oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/AB"),
    ),
    row(
      "allow",
      "the connection's secret",
      "secretsmanager:CreateSecret",
      `arn:aws:secretsmanager:${R}:${A}:secret:events!connection/gitops-shared-pulumi-api-abc`,
    ),
    row(
      "deny",
      "read it",
      "secretsmanager:GetSecretValue",
      `arn:aws:secretsmanager:${R}:${A}:secret:events!connection/gitops-shared-pulumi-api-abc`,
    ),
    row(
      "deny",
      "other secrets",
      "secretsmanager:CreateSecret",
      `arn:aws:secretsmanager:${R}:${A}:secret:db-password`,
    ),
    row(
      "deny",
      "an environment's cluster",
      "eks:DeleteCluster",
      `arn:aws:eks:${R}:${A}:cluster/gitops-${environment}`,
      theirs,
    ),
    row(
      "deny",
      "an environment's network",
      "ec2:DeleteVpc",
      `arn:aws:ec2:${R}:${A}:vpc/vpc-1`,
      theirs,
    ),
    row("deny", "AWS Organizations", "organizations:LeaveOrganization", "*"),
  ];
}

describe("components/deployments: delivery IAM table", () => {
  let iam: DeploymentsIam;
  before(async () => (iam = await deploymentsIam()));

  it("the delivery role: what the delivery plane needs, nothing of the environments", () => {
    const failures = iam.environments.flatMap((e) =>
      tableFailures(deliveryRows(e.stack), iam.delivery.identity).map((f) => `${e.stack}: ${f}`),
    );
    assert.deepEqual(failures, []);
  });

  it("lists its actions: no `*`, no `service:*` (only read families such as iam:Get*)", () => {
    const actions = iam.delivery.identity.flatMap((d) =>
      d.Statement.flatMap((s) => [s.Action ?? []].flat()),
    );
    assert.ok(actions.length > 80, `${actions.length} actions`);
    assert.deepEqual(
      actions.filter((a) => a === "*" || a.endsWith(":*")),
      [],
    );
    assert.ok(
      iam.delivery.identity.every((d) =>
        // Its only denies are the fences of delivery-fences.ts (delivery-fences.spec.ts).
        d.Statement.every(
          (s) =>
            s.NotAction === undefined &&
            (s.Effect === "Allow" || /^(Attach|Only|Keep)/.test(s.Sid ?? "")),
        ),
      ),
    );
  });
});
