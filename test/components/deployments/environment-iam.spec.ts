/**
 * Allow/deny tables of every environment's Pulumi Deployments role (its identity policies under
 * its boundary) and of the roles it creates (the boundary under an allow-all policy, the worst a
 * deployment could write), on the documents the program writes, evaluated with conditions.
 */
import * as assert from "node:assert/strict";
import { STACK_TAG } from "../../../components/aws";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { oidcSubject } from "../../../components/deployments/policy";
import { tableFailures, trusts, type TableRow } from "../../helpers/iam";
import { deploymentsIam, type DeploymentsIam, type StackIam } from "../../helpers/deployments-iam";

const A = MOCK_ACCOUNT;
const R = "us-east-1";
const created = (stack: string) => ({ [`aws:RequestTag/${STACK_TAG}`]: stack });
const owned = (stack: string) => ({ [`aws:ResourceTag/${STACK_TAG}`]: stack });
const ec2 = (type: string, id: string) => `arn:aws:ec2:${R}:${A}:${type}/${id}`;
const eks = (path: string) => `arn:aws:eks:${R}:${A}:${path}`;
const iamArn = (path: string) => `arn:aws:iam::${A}:${path}`;
const repo = (name: string) => `arn:aws:codecommit:${R}:${A}:${name}`;

function row(
  expect: TableRow["expect"],
  why: string,
  action: string,
  resource: string,
  context: TableRow["context"] = {},
): TableRow {
  return { expect, why, action, resource, context };
}

/** What the Deployments role of `env` may and may not do (`other`: another environment). */
function deploymentRows(
  env: string,
  other: string,
  delivery: string,
  boundaryArn: string,
  otherBoundary: string,
): TableRow[] {
  const mine = owned(env);
  const theirs = owned(other);
  return [
    // Create, with the request tag; never with another stack's tag or none.
    row("allow", "create own VPC", "ec2:CreateVpc", ec2("vpc", "*"), created(env)),
    row(
      "deny",
      "VPC tagged for another environment",
      "ec2:CreateVpc",
      ec2("vpc", "*"),
      created(other),
    ),
    row("deny", "untagged VPC", "ec2:CreateVpc", ec2("vpc", "*")),
    row(
      "allow",
      "subnet in own VPC: the subnet",
      "ec2:CreateSubnet",
      ec2("subnet", "*"),
      created(env),
    ),
    row("allow", "subnet in own VPC: the VPC", "ec2:CreateSubnet", ec2("vpc", "vpc-1"), {
      ...created(env),
      ...mine,
    }),
    row("deny", "subnet in another environment's VPC", "ec2:CreateSubnet", ec2("vpc", "vpc-2"), {
      ...created(env),
      ...theirs,
    }),
    row(
      "deny",
      "NAT gateway in another environment's subnet",
      "ec2:CreateNatGateway",
      ec2("subnet", "s-2"),
      { ...created(env), ...theirs },
    ),
    row("allow", "tag on create", "ec2:CreateTags", ec2("security-group", "*"), {
      ...created(env),
      "ec2:CreateAction": "CreateSecurityGroup",
    }),
    row("deny", "tag another environment's subnet", "ec2:CreateTags", ec2("subnet", "s-2"), {
      ...theirs,
      ...created(env),
    }),
    row("deny", "retag own VPC to another environment", "ec2:CreateTags", ec2("vpc", "vpc-1"), {
      ...mine,
      ...created(other),
    }),
    row("deny", "remove the stack tag", "ec2:DeleteTags", ec2("vpc", "vpc-1"), {
      ...mine,
      "aws:TagKeys": [STACK_TAG],
    }),
    row("allow", "remove another tag", "ec2:DeleteTags", ec2("vpc", "vpc-1"), {
      ...mine,
      "aws:TagKeys": ["Name"],
    }),
    // Change and delete own resources only.
    row(
      "allow",
      "open own security group",
      "ec2:AuthorizeSecurityGroupIngress",
      ec2("security-group", "sg-1"),
      mine,
    ),
    row("allow", "its rule", "ec2:AuthorizeSecurityGroupIngress", ec2("security-group-rule", "*")),
    row(
      "deny",
      "open another environment's security group",
      "ec2:AuthorizeSecurityGroupIngress",
      ec2("security-group", "sg-2"),
      theirs,
    ),
    row("allow", "delete own VPC", "ec2:DeleteVpc", ec2("vpc", "vpc-1"), mine),
    row("deny", "delete another environment's VPC", "ec2:DeleteVpc", ec2("vpc", "vpc-2"), theirs),
    row("deny", "delete an untagged VPC", "ec2:DeleteVpc", ec2("vpc", "vpc-3")),
    row(
      "deny",
      "route another environment's traffic",
      "ec2:CreateRoute",
      ec2("route-table", "rtb-2"),
      theirs,
    ),
    row("deny", "run an instance", "ec2:RunInstances", ec2("instance", "*"), created(env)),
    row("allow", "create own cluster", "eks:CreateCluster", "*", created(env)),
    row("deny", "cluster tagged for another environment", "eks:CreateCluster", "*", created(other)),
    row("allow", "node group in own cluster", "eks:CreateNodegroup", eks(`cluster/c`), {
      ...created(env),
      ...mine,
    }),
    row(
      "deny",
      "node group in another environment's cluster",
      "eks:CreateNodegroup",
      eks(`cluster/p`),
      { ...created(env), ...theirs },
    ),
    row("allow", "change own cluster", "eks:UpdateClusterConfig", eks("cluster/c"), mine),
    row(
      "deny",
      "delete another environment's cluster",
      "eks:DeleteCluster",
      eks("cluster/p"),
      theirs,
    ),
    row(
      "allow",
      "access policy on own access entry",
      "eks:AssociateAccessPolicy",
      eks("access-entry/c/role/1/x/y"),
      mine,
    ),
    row(
      "deny",
      "admin on another environment's cluster",
      "eks:CreateAccessEntry",
      eks("cluster/p"),
      { ...created(env), ...theirs },
    ),
    row("allow", "own KMS key", "kms:CreateKey", "*", created(env)),
    row("allow", "EKS grant on own key", "kms:CreateGrant", `arn:aws:kms:${R}:${A}:key/k1`, mine),
    row(
      "deny",
      "delete another environment's key",
      "kms:ScheduleKeyDeletion",
      `arn:aws:kms:${R}:${A}:key/k2`,
      theirs,
    ),
    row(
      "allow",
      "own alias",
      "kms:CreateAlias",
      `arn:aws:kms:${R}:${A}:alias/gitops-platform/${env}/sops`,
    ),
    row(
      "deny",
      "another environment's alias",
      "kms:CreateAlias",
      `arn:aws:kms:${R}:${A}:alias/gitops-platform/${other}/sops`,
    ),
    row(
      "deny",
      "decrypt with another environment's key",
      "kms:Decrypt",
      `arn:aws:kms:${R}:${A}:key/k2`,
      theirs,
    ),
    row(
      "allow",
      "own log group",
      "logs:CreateLogGroup",
      `arn:aws:logs:${R}:${A}:log-group:/aws/eks/c/cluster`,
      created(env),
    ),
    row(
      "allow",
      "own retention",
      "logs:PutRetentionPolicy",
      `arn:aws:logs:${R}:${A}:log-group:/aws/eks/c/cluster`,
      mine,
    ),
    row(
      "deny",
      "another environment's logs",
      "logs:DeleteLogGroup",
      `arn:aws:logs:${R}:${A}:log-group:/aws/eks/p/cluster`,
      theirs,
    ),
    // IAM: own roles, with the boundary, and nothing that escapes it.
    row("allow", "role with the boundary", "iam:CreateRole", iamArn("role/x-node-1"), {
      ...created(env),
      "iam:PermissionsBoundary": boundaryArn,
    }),
    row("deny", "role without a boundary", "iam:CreateRole", iamArn("role/x-node-1"), created(env)),
    row(
      "deny",
      "role with another environment's boundary",
      "iam:CreateRole",
      iamArn("role/x-node-1"),
      { ...created(env), "iam:PermissionsBoundary": otherBoundary },
    ),
    row("deny", "role for another environment", "iam:CreateRole", iamArn("role/x-node-1"), {
      ...created(other),
      "iam:PermissionsBoundary": boundaryArn,
    }),
    row(
      "deny",
      "role inside the Deployments fence",
      "iam:CreateRole",
      iamArn("role/pulumi-deployments/x"),
      { ...created(env), "iam:PermissionsBoundary": boundaryArn },
    ),
    row("allow", "inline policy on own role", "iam:PutRolePolicy", iamArn("role/x-node-1"), mine),
    row(
      "deny",
      "inline policy on another environment's role",
      "iam:PutRolePolicy",
      iamArn("role/y-node-1"),
      theirs,
    ),
    row(
      "deny",
      "inline policy on an untagged (admin) role",
      "iam:PutRolePolicy",
      iamArn("role/Admin"),
      {},
    ),
    row("allow", "attach an EKS managed policy", "iam:AttachRolePolicy", iamArn("role/x-node-1"), {
      ...mine,
      "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    }),
    row("deny", "attach AdministratorAccess", "iam:AttachRolePolicy", iamArn("role/x-node-1"), {
      ...mine,
      "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess",
    }),
    row("deny", "attach outside the fenced roles", "iam:AttachRolePolicy", iamArn("role/Admin"), {
      "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    }),
    row("allow", "set own boundary", "iam:PutRolePermissionsBoundary", iamArn("role/x-node-1"), {
      ...mine,
      "iam:PermissionsBoundary": boundaryArn,
    }),
    row("deny", "swap the boundary", "iam:PutRolePermissionsBoundary", iamArn("role/x-node-1"), {
      ...mine,
      "iam:PermissionsBoundary": otherBoundary,
    }),
    row(
      "deny",
      "remove the boundary",
      "iam:DeleteRolePermissionsBoundary",
      iamArn("role/x-node-1"),
      mine,
    ),
    row("allow", "pass own role to EKS", "iam:PassRole", iamArn("role/x-cluster-1"), {
      ...mine,
      "iam:PassedToService": "eks.amazonaws.com",
    }),
    row("deny", "pass own role to Lambda", "iam:PassRole", iamArn("role/x-cluster-1"), {
      ...mine,
      "iam:PassedToService": "lambda.amazonaws.com",
    }),
    row("deny", "pass another environment's role", "iam:PassRole", iamArn("role/y-cluster-1"), {
      ...theirs,
      "iam:PassedToService": "eks.amazonaws.com",
    }),
    row(
      "allow",
      "EKS service-linked role",
      "iam:CreateServiceLinkedRole",
      iamArn("role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS"),
      { "iam:AWSServiceName": "eks.amazonaws.com" },
    ),
    row(
      "deny",
      "other service-linked roles",
      "iam:CreateServiceLinkedRole",
      iamArn("role/aws-service-role/x"),
      { "iam:AWSServiceName": "ssm.amazonaws.com" },
    ),
    row(
      "allow",
      "cluster OIDC provider",
      "iam:CreateOpenIDConnectProvider",
      iamArn("oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/AB"),
      created(env),
    ),
    // The boundary, the Deployments identities and Pulumi's OIDC provider are out of reach.
    row("deny", "rewrite the boundary", "iam:CreatePolicyVersion", boundaryArn, owned(delivery)),
    row("deny", "delete the boundary", "iam:DeletePolicy", boundaryArn, owned(delivery)),
    row(
      "deny",
      "rewrite its own trust",
      "iam:UpdateAssumeRolePolicy",
      iamArn(`role/pulumi-deployments/gitops-shared-deploy-${env}`),
      owned(delivery),
    ),
    row(
      "deny",
      "another stack's Deployments role",
      "iam:PutRolePolicy",
      iamArn("role/pulumi-deployments/gitops-shared-deploy-shared"),
      owned(delivery),
    ),
    row(
      "deny",
      "Pulumi's OIDC provider",
      "iam:UpdateOpenIDConnectProviderThumbprint",
      iamArn("oidc-provider/api.pulumi.com/oidc"),
      owned(delivery),
    ),
    row(
      "deny",
      "another audience on it",
      "iam:AddClientIDToOpenIDConnectProvider",
      iamArn("oidc-provider/api.pulumi.com/oidc"),
      owned(delivery),
    ),
    // The escalations of issue 12: the Git user Deployments clones with, and static credentials.
    row(
      "deny",
      "push rights for the Git user",
      "iam:PutUserPolicy",
      iamArn("user/pulumi-deployments/gitops-shared-deploy-git"),
      owned(delivery),
    ),
    row(
      "deny",
      "a managed policy on the Git user",
      "iam:AttachUserPolicy",
      iamArn("user/pulumi-deployments/gitops-shared-deploy-git"),
      owned(delivery),
    ),
    row(
      "deny",
      "a password for the Git user",
      "iam:CreateServiceSpecificCredential",
      iamArn("user/pulumi-deployments/gitops-shared-deploy-git"),
      owned(delivery),
    ),
    row("deny", "an SSH key", "iam:UploadSSHPublicKey", iamArn("user/x"), mine),
    row("deny", "an access key", "iam:CreateAccessKey", iamArn("user/x"), mine),
    row("deny", "a console password", "iam:CreateLoginProfile", iamArn("user/x"), mine),
    row("deny", "a signing certificate", "iam:UploadSigningCertificate", iamArn("user/x"), mine),
    row("deny", "a user at all", "iam:CreateUser", iamArn("user/x"), {
      ...created(env),
      "iam:PermissionsBoundary": boundaryArn,
    }),
    row(
      "deny",
      "push to the program's repository",
      "codecommit:GitPush",
      repo("platform-infra"),
      {},
    ),
    row(
      "deny",
      "the delivery stack's ECR",
      "ecr:DeleteRepository",
      `arn:aws:ecr:${R}:${A}:repository/front-end`,
      owned(delivery),
    ),
    row("deny", "AWS Organizations", "organizations:LeaveOrganization", "*"),
  ];
}

/** What any role the environment creates can never do, whatever its own policy says. */
function workloadRows(
  env: string,
  other: string,
  delivery: string,
  boundaryArn: string,
): TableRow[] {
  const mine = owned(env);
  return [
    row("allow", "pull flux-repo", "codecommit:GitPull", repo("flux-repo"), owned(delivery)),
    row(
      "allow",
      "image automation pushes microservices-repo",
      "codecommit:GitPush",
      repo("microservices-repo"),
      owned(delivery),
    ),
    row("deny", "push flux-repo", "codecommit:GitPush", repo("flux-repo"), owned(delivery)),
    row("deny", "push the program's repository", "codecommit:GitPush", repo("platform-infra"), {}),
    row(
      "deny",
      "rewrite a GitOps repository",
      "codecommit:DeleteBranch",
      repo("microservices-repo"),
      owned(delivery),
    ),
    row(
      "allow",
      "pull images",
      "ecr:BatchGetImage",
      `arn:aws:ecr:${R}:${A}:repository/front-end`,
      owned(delivery),
    ),
    row(
      "deny",
      "push images",
      "ecr:PutImage",
      `arn:aws:ecr:${R}:${A}:repository/front-end`,
      owned(delivery),
    ),
    row("allow", "own cluster", "eks:DeleteCluster", eks("cluster/c"), mine),
    row(
      "deny",
      "another environment's cluster",
      "eks:DeleteCluster",
      eks("cluster/p"),
      owned(other),
    ),
    row(
      "deny",
      "another environment's instance",
      "ec2:TerminateInstances",
      ec2("instance", "i-2"),
      owned(other),
    ),
    row("allow", "assume own role", "sts:AssumeRole", iamArn("role/x-1"), mine),
    row(
      "deny",
      "assume another environment's role",
      "sts:AssumeRole",
      iamArn("role/y-1"),
      owned(other),
    ),
    row("deny", "assume an untagged (admin) role", "sts:AssumeRole", iamArn("role/Admin")),
    row(
      "deny",
      "assume a Deployments role",
      "sts:AssumeRole",
      iamArn("role/pulumi-deployments/gitops-shared-deploy-prod"),
      owned(delivery),
    ),
    row("deny", "pass an untagged role", "iam:PassRole", iamArn("role/Admin"), {
      "iam:PassedToService": "lambda.amazonaws.com",
    }),
    row("deny", "role without the boundary", "iam:CreateRole", iamArn("role/z"), created(env)),
    row("allow", "role with the boundary", "iam:CreateRole", iamArn("role/z"), {
      ...created(env),
      "iam:PermissionsBoundary": boundaryArn,
    }),
    row(
      "deny",
      "Git user push rights",
      "iam:PutUserPolicy",
      iamArn("user/pulumi-deployments/gitops-shared-deploy-git"),
      owned(delivery),
    ),
    row("deny", "an SSH key", "iam:UploadSSHPublicKey", iamArn("user/z"), mine),
    row(
      "deny",
      "a service-specific credential",
      "iam:CreateServiceSpecificCredential",
      iamArn("user/z"),
      mine,
    ),
    row("deny", "an access key", "iam:CreateAccessKey", iamArn("user/z"), mine),
    row("deny", "federation tokens", "sts:GetFederationToken", "*"),
    row("deny", "account password policy", "iam:UpdateAccountPasswordPolicy", "*"),
  ];
}

const ALLOW_ALL = {
  Version: "2012-10-17" as const,
  Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }],
};

describe("components/deployments: environment IAM tables", () => {
  let iam: DeploymentsIam;
  before(async () => (iam = await deploymentsIam()));

  const others = (e: StackIam) => iam.environments.filter((x) => x.stack !== e.stack);

  it("covers every environment stack the shared stack deploys", () => {
    assert.ok(iam.environments.length >= 2, "needs two environments to test confinement");
    assert.deepEqual(
      iam.environments.map((e) => e.boundaryArn),
      iam.environments.map(
        (e) => `arn:aws:iam::${A}:policy/pulumi-deployments/gitops-shared-boundary-${e.stack}`,
      ),
    );
  });

  it("each Deployments role: own environment allowed; other environments and every escalation denied", () => {
    const failures = iam.environments.flatMap((e) =>
      others(e).flatMap((o) =>
        tableFailures(
          deploymentRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!, o.boundaryArn!),
          e.identity,
          e.boundary,
        ).map((f) => `${e.stack} (other: ${o.stack}): ${f}`),
      ),
    );
    assert.deepEqual(failures, []);
  });

  it("each role an environment creates: the boundary holds whatever policy the role gets", () => {
    const failures = iam.environments.flatMap((e) =>
      others(e).flatMap((o) =>
        tableFailures(
          workloadRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!),
          [ALLOW_ALL],
          e.boundary,
        ).map((f) => `${e.stack}: ${f}`),
      ),
    );
    assert.deepEqual(failures, []);
  });

  it("the tables can fail: under allow-all with no boundary (the old PowerUser + iam:*), every deny row is allowed", () => {
    const [e, o] = iam.environments;
    const rows = [
      ...deploymentRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!, o.boundaryArn!),
      ...workloadRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!),
    ];
    const denies = rows.filter((r) => r.expect === "deny");
    assert.equal(tableFailures(denies, [ALLOW_ALL]).length, denies.length);
  });

  it("no role trusts a preview; each trusts only its own stack's other operations", () => {
    const principal = {
      type: "Federated" as const,
      id: "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc",
    };
    const token = (stack: string, op: "preview" | "update") => ({
      action: "sts:AssumeRoleWithWebIdentity",
      resource: "*",
      context: {
        "api.pulumi.com/oidc:aud": "example-org",
        "api.pulumi.com/oidc:sub": oidcSubject(
          { organization: "example-org", project: "gitops-platform", stack },
          op,
        ),
      },
    });
    for (const s of [iam.delivery, ...iam.environments]) {
      assert.equal(
        trusts(s.trust, principal, token(s.stack, "preview")),
        false,
        `${s.stack}: preview`,
      );
      assert.equal(
        trusts(s.trust, principal, token(s.stack, "update")),
        true,
        `${s.stack}: update`,
      );
      for (const o of [iam.delivery, ...iam.environments].filter((x) => x.stack !== s.stack)) {
        assert.equal(
          trusts(s.trust, principal, token(o.stack, "update")),
          false,
          `${s.stack} <- ${o.stack}`,
        );
      }
    }
  });
});
