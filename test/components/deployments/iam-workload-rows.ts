/** Rows of the environment IAM tables: what the boundary leaves any role the environment creates. */
import type { TableRow } from "../../helpers/iam";
import { created, eks, ec2, iamArn, owned, R, A, repo, row } from "./iam-rows";

/** What any role the environment creates can never do, whatever its own policy says. */
export function workloadRows(
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
    row("allow", "assume own role", "sts:AssumeRole", iamArn(`role/gitops-${env}-1`), mine),
    row(
      "deny",
      "assume another environment's role",
      "sts:AssumeRole",
      iamArn(`role/gitops-${other}-1`),
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
    row(
      "deny",
      "role without the boundary",
      "iam:CreateRole",
      iamArn(`role/gitops-${env}-z`),
      created(env),
    ),
    row("allow", "role with the boundary", "iam:CreateRole", iamArn(`role/gitops-${env}-z`), {
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
