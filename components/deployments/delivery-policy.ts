/**
 * What the delivery (shared) stack's Pulumi Deployments role may do: the calls its resources
 * need, listed action by action, on the names it owns. It manages the CodeCommit repositories
 * (and seeds them), the ECR repositories, the image pipelines (S3 artifact bucket, CodeBuild,
 * CodePipeline, EventBridge, their log groups and roles) and the Deployments wiring (OIDC
 * provider, one role and one boundary per stack, the CodeCommit trigger and its Git user). It
 * manages IAM for every stack, so it is the root of trust: its real controls are its trust policy
 * (only update/refresh/destroy deployments of this stack) and who may push to its branch. The
 * deployment-feedback connector's function, table and log group: delivery-feedback-policy.ts;
 * the promotion's: delivery-promotion-policy.ts.
 */
import { allow, type PolicyDocument } from "../aws";
import { EVENTS_OWNED_ACTIONS } from "./environment-services";
import { feedbackStatements } from "./delivery-feedback-policy";
import { promotionStatements } from "./delivery-promotion-policy";
import { deliveryFences } from "./delivery-fences";
import { DEPLOYMENT_ROLE_PATH, PULUMI_OIDC_HOST } from "./policy";

export interface DeliveryScope {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Prefix of the delivery stack's physical names (`gitops-shared`). */
  readonly namePrefix: string;
  /** CodeCommit repositories it creates (flux-repo, microservices-repo, app-repo). */
  readonly repositories: readonly string[];
  /** microservices-repo's name (approval rule templates, the later stages' branches). */
  readonly microservicesRepository: string;
  /** ECR repositories it creates (one per service). */
  readonly imageRepositories: readonly string[];
}

export const CODECOMMIT_ACTIONS = [
  "codecommit:CreateRepository",
  "codecommit:GetRepository",
  "codecommit:UpdateRepositoryDescription",
  "codecommit:UpdateDefaultBranch",
  "codecommit:DeleteRepository",
  "codecommit:TagResource",
  "codecommit:UntagResource",
  "codecommit:ListTagsForResource",
  // The one-time seed (components/delivery/repository-seed.ts).
  "codecommit:GetBranch",
  "codecommit:ListBranches",
  "codecommit:CreateCommit",
] as const;

export const ECR_ACTIONS = [
  "ecr:CreateRepository",
  "ecr:DescribeRepositories",
  "ecr:DeleteRepository",
  "ecr:PutImageTagMutability",
  "ecr:PutImageScanningConfiguration",
  "ecr:TagResource",
  "ecr:UntagResource",
  "ecr:ListTagsForResource",
  "ecr:PutLifecyclePolicy",
  "ecr:GetLifecyclePolicy",
  "ecr:DeleteLifecyclePolicy",
  "ecr:SetRepositoryPolicy",
  "ecr:GetRepositoryPolicy",
  "ecr:DeleteRepositoryPolicy",
] as const;

/** The artifact buckets and their configuration resources (a v7 bucket reads all of them). */
export const S3_ACTIONS = [
  "s3:CreateBucket",
  "s3:DeleteBucket",
  "s3:ListBucket",
  "s3:ListBucketVersions",
  "s3:GetBucket*",
  "s3:GetAccelerateConfiguration",
  "s3:GetEncryptionConfiguration",
  "s3:GetLifecycleConfiguration",
  "s3:GetReplicationConfiguration",
  "s3:PutBucketTagging",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:PutEncryptionConfiguration",
  "s3:PutBucketVersioning",
  "s3:PutLifecycleConfiguration",
  // forceDestroy empties the bucket before deleting it.
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
] as const;

export const BUILD_ACTIONS = [
  "codebuild:CreateProject",
  "codebuild:UpdateProject",
  "codebuild:DeleteProject",
  "codebuild:BatchGetProjects",
  "codepipeline:CreatePipeline",
  "codepipeline:UpdatePipeline",
  "codepipeline:DeletePipeline",
  "codepipeline:GetPipeline",
  "codepipeline:TagResource",
  "codepipeline:UntagResource",
  "codepipeline:ListTagsForResource",
] as const;

export const EVENTS_ACTIONS = [
  ...EVENTS_OWNED_ACTIONS,
  "events:CreateConnection",
  "events:UpdateConnection",
  "events:DescribeConnection",
  "events:DeleteConnection",
  "events:CreateApiDestination",
  "events:UpdateApiDestination",
  "events:DescribeApiDestination",
  "events:DeleteApiDestination",
] as const;

export const LOGS_ACTIONS = [
  "logs:CreateLogGroup",
  "logs:PutRetentionPolicy",
  "logs:DeleteRetentionPolicy",
  "logs:DeleteLogGroup",
  "logs:TagResource",
  "logs:UntagResource",
  "logs:ListTagsForResource",
] as const;

/** Roles, inline policies and boundaries of the pipelines and of Deployments. */
export const IAM_ACTIONS = [
  "iam:CreateRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:DeleteRole",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:DeleteRolePermissionsBoundary",
  "iam:CreatePolicy",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicyVersion",
  "iam:DeletePolicy",
  "iam:TagPolicy",
  "iam:UntagPolicy",
] as const;

/** The pull-only Git user Deployments clones a CodeCommit-hosted program with. */
export const GIT_USER_ACTIONS = [
  "iam:CreateUser",
  "iam:DeleteUser",
  "iam:TagUser",
  "iam:UntagUser",
  "iam:PutUserPolicy",
  "iam:DeleteUserPolicy",
  "iam:CreateServiceSpecificCredential",
  "iam:UpdateServiceSpecificCredential",
  "iam:DeleteServiceSpecificCredential",
] as const;

export const OIDC_PROVIDER_ACTIONS = [
  "iam:CreateOpenIDConnectProvider",
  "iam:DeleteOpenIDConnectProvider",
  "iam:AddClientIDToOpenIDConnectProvider",
  "iam:RemoveClientIDFromOpenIDConnectProvider",
  "iam:UpdateOpenIDConnectProviderThumbprint",
  "iam:TagOpenIDConnectProvider",
  "iam:UntagOpenIDConnectProvider",
] as const;

/** Services the delivery stack passes its roles to. */
export const DELIVERY_PASS_ROLE_SERVICES = [
  "codebuild.amazonaws.com",
  "codepipeline.amazonaws.com",
  "events.amazonaws.com",
] as const;

/** Reads a deployment and a refresh make. */
export const DELIVERY_READ_ACTIONS = [
  "iam:Get*",
  "iam:List*",
  "logs:DescribeLogGroups",
  "sts:GetCallerIdentity",
] as const;

export function deliveryPolicy(scope: DeliveryScope): PolicyDocument {
  const { partition: p, accountId: a, region: r, namePrefix } = scope;
  const arn = (service: string, resource: string, regional = true) =>
    `arn:${p}:${service}:${regional ? r : ""}:${a}:${resource}`;
  const iam = (resource: string) => `arn:${p}:iam::${a}:${resource}`;
  // S3 bucket names are lower case (components/delivery/pipeline-policies.ts, bucketPrefix).
  const bucket = `arn:${p}:s3:::${namePrefix.toLowerCase()}-*`;
  const roles = [iam(`role/${namePrefix}-*`), iam(`role${DEPLOYMENT_ROLE_PATH}${namePrefix}-*`)];
  return {
    Version: "2012-10-17",
    Statement: [
      allow("Read", DELIVERY_READ_ACTIONS, "*"),
      allow(
        "CodeCommit",
        CODECOMMIT_ACTIONS,
        scope.repositories.map((n) => arn("codecommit", n)),
      ),
      allow(
        "Ecr",
        ECR_ACTIONS,
        scope.imageRepositories.map((n) => arn("ecr", `repository/${n}`)),
      ),
      allow("ArtifactBuckets", S3_ACTIONS, [bucket, `${bucket}/*`]),
      allow("Builds", BUILD_ACTIONS, [
        arn("codebuild", `project/${namePrefix}-*`),
        arn("codepipeline", `${namePrefix}-*`),
      ]),
      allow("Events", EVENTS_ACTIONS, [
        arn("events", `rule/${namePrefix}-*`),
        arn("events", `connection/${namePrefix}-*`),
        arn("events", `api-destination/${namePrefix}-*`),
      ]),
      allow("BuildLogs", LOGS_ACTIONS, arn("logs", `log-group:/aws/codebuild/${namePrefix}-*`)),
      allow("Roles", IAM_ACTIONS, [...roles, iam(`policy${DEPLOYMENT_ROLE_PATH}${namePrefix}-*`)]),
      allow("PassPipelineRoles", ["iam:PassRole"], iam(`role/${namePrefix}-*`), {
        StringEquals: { "iam:PassedToService": [...DELIVERY_PASS_ROLE_SERVICES] },
      }),
      allow("GitUser", GIT_USER_ACTIONS, iam(`user${DEPLOYMENT_ROLE_PATH}${namePrefix}-*`)),
      allow(
        "DeploymentsOidcProvider",
        OIDC_PROVIDER_ACTIONS,
        iam(`oidc-provider/${PULUMI_OIDC_HOST}`),
      ),
      // An EventBridge connection keeps its credential in a secret that EventBridge creates
      // in the caller's name (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html).
      allow(
        "EventBridgeConnectionSecrets",
        [
          "secretsmanager:CreateSecret",
          "secretsmanager:UpdateSecret",
          "secretsmanager:DeleteSecret",
          "secretsmanager:DescribeSecret",
          "secretsmanager:PutSecretValue",
          "secretsmanager:TagResource",
        ],
        arn("secretsmanager", `secret:events!connection/${namePrefix}-*`),
      ),
      ...feedbackStatements(scope),
      ...promotionStatements(scope),
      ...deliveryFences({ partition: p, accountId: a, namePrefix }),
    ],
  };
}
