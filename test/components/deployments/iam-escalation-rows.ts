/**
 * Rows of the environment IAM tables: IAM, the Deployments identities and static credentials for
 * an environment's Deployments role, and what the boundary leaves any role it creates.
 */
import type { TableRow } from "../../helpers/iam";
import { created, iamArn, owned, R, A, repo, row } from "./iam-rows";

/** IAM: own roles with the boundary; the boundary, Deployments and static credentials out of reach. */
export function iamRows(
  env: string,
  other: string,
  delivery: string,
  boundaryArn: string,
  otherBoundary: string,
): TableRow[] {
  const mine = owned(env);
  const theirs = owned(other);
  return [
    // IAM: own roles, with the boundary, and nothing that escapes it.
    row("allow", "role with the boundary", "iam:CreateRole", iamArn(`role/gitops-${env}-node-1`), {
      ...created(env),
      "iam:PermissionsBoundary": boundaryArn,
    }),
    row(
      "deny",
      "role without a boundary",
      "iam:CreateRole",
      iamArn(`role/gitops-${env}-node-1`),
      created(env),
    ),
    row(
      "deny",
      "role with another environment's boundary",
      "iam:CreateRole",
      iamArn(`role/gitops-${env}-node-1`),
      { ...created(env), "iam:PermissionsBoundary": otherBoundary },
    ),
    row(
      "deny",
      "role for another environment",
      "iam:CreateRole",
      iamArn(`role/gitops-${env}-node-1`),
      {
        ...created(other),
        "iam:PermissionsBoundary": boundaryArn,
      },
    ),
    row(
      "deny",
      "role inside the Deployments fence",
      "iam:CreateRole",
      iamArn("role/pulumi-deployments/x"),
      { ...created(env), "iam:PermissionsBoundary": boundaryArn },
    ),
    row(
      "allow",
      "inline policy on own role",
      "iam:PutRolePolicy",
      iamArn(`role/gitops-${env}-node-1`),
      mine,
    ),
    row(
      "deny",
      "inline policy on another environment's role",
      "iam:PutRolePolicy",
      iamArn(`role/gitops-${other}-node-1`),
      theirs,
    ),
    row(
      "deny",
      "inline policy on an untagged (admin) role",
      "iam:PutRolePolicy",
      iamArn("role/Admin"),
      {},
    ),
    row(
      "allow",
      "attach an EKS managed policy",
      "iam:AttachRolePolicy",
      iamArn(`role/gitops-${env}-node-1`),
      {
        ...mine,
        "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      },
    ),
    row(
      "deny",
      "attach AdministratorAccess",
      "iam:AttachRolePolicy",
      iamArn(`role/gitops-${env}-node-1`),
      {
        ...mine,
        "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess",
      },
    ),
    row("deny", "attach outside the fenced roles", "iam:AttachRolePolicy", iamArn("role/Admin"), {
      "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    }),
    row(
      "allow",
      "set own boundary",
      "iam:PutRolePermissionsBoundary",
      iamArn(`role/gitops-${env}-node-1`),
      {
        ...mine,
        "iam:PermissionsBoundary": boundaryArn,
      },
    ),
    row(
      "deny",
      "swap the boundary",
      "iam:PutRolePermissionsBoundary",
      iamArn(`role/gitops-${env}-node-1`),
      {
        ...mine,
        "iam:PermissionsBoundary": otherBoundary,
      },
    ),
    row(
      "deny",
      "remove the boundary",
      "iam:DeleteRolePermissionsBoundary",
      iamArn(`role/gitops-${env}-node-1`),
      mine,
    ),
    row("allow", "pass own role to EKS", "iam:PassRole", iamArn(`role/gitops-${env}-cluster-1`), {
      ...mine,
      "iam:PassedToService": "eks.amazonaws.com",
    }),
    row("deny", "pass own role to Lambda", "iam:PassRole", iamArn(`role/gitops-${env}-cluster-1`), {
      ...mine,
      "iam:PassedToService": "lambda.amazonaws.com",
    }),
    row(
      "deny",
      "pass another environment's role",
      "iam:PassRole",
      iamArn(`role/gitops-${other}-cluster-1`),
      {
        ...theirs,
        "iam:PassedToService": "eks.amazonaws.com",
      },
    ),
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
