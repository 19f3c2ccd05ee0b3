/**
 * The permissions boundary of one environment: the ceiling of its Deployments role and of every
 * role that role creates (the EKS cluster and node roles, IRSA roles of Flux and the load balancer
 * controller, the flow-log role). The Deployments role may create roles only with this boundary
 * (`iam:PermissionsBoundary`), and the boundary forbids removing it, so whatever a deployment
 * creates stays inside the environment.
 *
 * Allow-all minus explicit denies, because the EKS roles carry AWS managed policies whose action
 * lists AWS maintains (a listed exception of the policy pack); the denies are the wall:
 * - resources tagged with another environment's stack tag; resources of the delivery stack except
 *   reading them and the Git and image traffic Flux needs; tagging anything with another stack;
 * - IAM outside the environment (identities, policies and providers without its tag), passing or
 *   assuming roles without its tag, identities without this boundary, removing the boundary;
 * - the Deployments identities (path `/pulumi-deployments/`) and Pulumi's OIDC provider;
 * - static credentials of any kind (access keys, console passwords, SSH keys, service-specific
 *   credentials, signing certificates);
 * - CodeCommit except pulling the GitOps repositories and pushing the one image automation writes;
 *   never a branch under `env/` nor an approval rule or state (promotion-guard.ts);
 * - AWS Organizations and account settings;
 * - and the fences of fences.ts: only the services an environment uses, no changes to untagged
 *   EC2 and load balancing resources, IAM names under the environment's prefix, its own SSM key.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
import { STACK_TAG, type PolicyDocument, type PolicyStatement } from "../aws";
import { environmentFences } from "./fences";
import { DEPLOYMENT_ROLE_PATH, PULUMI_OIDC_HOST } from "./policy";
import { promotionGuardStatements } from "./promotion-guard";

export interface BoundaryScope {
  readonly partition: string;
  readonly accountId: string;
  /** The environment's stack name (its resources' stack tag). */
  readonly environment: string;
  /** The delivery stack's name: its resources are read-only to environments. */
  readonly deliveryStack: string;
  /** ARN of this boundary (identities created inside the environment must carry it). */
  readonly boundaryArn: string;
  /** ARNs of the CodeCommit repositories Flux pulls (flux-repo, microservices-repo). */
  readonly gitPullRepositoryArns: readonly string[];
  /** ARNs of the repositories image automation pushes to (microservices-repo). */
  readonly gitPushRepositoryArns: readonly string[];
  /** The environment's name prefix: its IAM names start `<it>-` (fences.ts). */
  readonly namePrefix: string;
  /** Its deployment-feedback key parameter, the one parameter it may write (fences.ts). */
  readonly feedbackKeyParameter: string;
}

/** Every way IAM and STS mint a long-lived credential. */
export const STATIC_CREDENTIAL_ACTIONS = [
  // Create, update, delete (and read) of each kind: patterns keep the 6,144-character boundary short.
  "iam:*AccessKey",
  "iam:*LoginProfile",
  "iam:*SSHPublicKey",
  "iam:*ServiceSpecificCredential",
  "iam:*SigningCertificate",
] as const;

/** IAM calls that create an identity, a policy or a provider (`aws:RequestTag` decides). */
export const IAM_CREATE_ACTIONS = [
  "iam:CreateRole",
  "iam:CreateUser",
  "iam:CreatePolicy",
  "iam:CreateInstanceProfile",
  "iam:CreateOpenIDConnectProvider",
  "iam:CreateSAMLProvider",
] as const;

/** IAM calls that change or delete an existing identity, policy or provider (`aws:ResourceTag`). */
export const IAM_CHANGE_ACTIONS = [
  "iam:Add*",
  "iam:Attach*",
  "iam:CreatePolicyVersion",
  "iam:Delete*",
  "iam:Detach*",
  "iam:PassRole",
  "iam:Put*",
  "iam:Remove*",
  "iam:SetDefaultPolicyVersion",
  "iam:Tag*",
  "iam:Untag*",
  "iam:Update*",
] as const;

/** What an environment may do to the delivery stack's resources: read, pull Git, pull images. */
export const DELIVERY_RESOURCE_ACTIONS = [
  // Git pull and push; image pulls (BatchCheckLayerAvailability, BatchGetImage,
  // GetDownloadUrlForLayer) and reads: patterns keep the 6,144-character boundary short.
  "codecommit:Git*",
  "ecr:BatchCheck*",
  "ecr:BatchGet*",
  "ecr:Get*",
  "ecr:Describe*",
  "ecr:List*",
  "iam:Get*",
  "iam:List*",
] as const;

/** Actions that remove tags: the stack tag of a resource is never removed. */
export const UNTAG_ACTIONS = [
  "acm:RemoveTagsFromCertificate",
  "ec2:DeleteTags",
  "eks:UntagResource",
  "events:UntagResource",
  "iam:Untag*",
  "kms:UntagResource",
  "logs:Untag*",
  "sqs:UntagQueue",
  "ssm:RemoveTagsFromResource",
] as const;

export function environmentBoundary(scope: BoundaryScope): PolicyDocument {
  const iamArn = (resource: string) => `arn:${scope.partition}:iam::${scope.accountId}:${resource}`;
  const requestTag = `aws:RequestTag/${STACK_TAG}`;
  const resourceTag = `aws:ResourceTag/${STACK_TAG}`;
  const env = scope.environment;
  const statements: PolicyStatement[] = [
    { Sid: "Ceiling", Effect: "Allow", Action: "*", Resource: "*" },
    {
      Sid: "OtherEnvironments",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: {
        Null: { [resourceTag]: "false" },
        StringNotEquals: { [resourceTag]: [env, scope.deliveryStack] },
      },
    },
    {
      Sid: "DeliveryReadOnly",
      Effect: "Deny",
      NotAction: [...DELIVERY_RESOURCE_ACTIONS],
      Resource: "*",
      Condition: { StringEquals: { [resourceTag]: scope.deliveryStack } },
    },
    {
      Sid: "OnlyOwnStackTag",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { Null: { [requestTag]: "false" }, StringNotEquals: { [requestTag]: env } },
    },
    {
      Sid: "KeepStackTag",
      Effect: "Deny",
      Action: [...UNTAG_ACTIONS],
      Resource: "*",
      Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": [STACK_TAG] } },
    },
    {
      Sid: "IamCreateInsideOnly",
      Effect: "Deny",
      Action: [...IAM_CREATE_ACTIONS],
      Resource: "*",
      Condition: { StringNotEquals: { [requestTag]: env } },
    },
    {
      Sid: "IamChangeInsideOnly",
      Effect: "Deny",
      Action: [...IAM_CHANGE_ACTIONS, "sts:AssumeRole"],
      Resource: "*",
      Condition: { StringNotEquals: { [resourceTag]: env } },
    },
    {
      Sid: "CarryThisBoundary",
      Effect: "Deny",
      Action: [
        "iam:CreateRole",
        "iam:CreateUser",
        "iam:PutRolePermissionsBoundary",
        "iam:PutUserPermissionsBoundary",
      ],
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": scope.boundaryArn } },
    },
    {
      Sid: "KeepThisBoundary",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
      Resource: "*",
    },
    {
      Sid: "LeaveDeploymentsAlone",
      Effect: "Deny",
      NotAction: ["iam:Get*", "iam:List*"],
      // Every IAM entity on the Deployments path (roles, the Git user, the boundaries and
      // policies): one pattern keeps the 6,144-character boundary short.
      Resource: [iamArn(`*${DEPLOYMENT_ROLE_PATH}*`), iamArn(`oidc-provider/${PULUMI_OIDC_HOST}`)],
    },
    {
      Sid: "NoStaticCredentials",
      Effect: "Deny",
      Action: [...STATIC_CREDENTIAL_ACTIONS, "sts:GetFederationToken"],
      Resource: "*",
    },
    {
      Sid: "GitOpsReposOnly",
      Effect: "Deny",
      Action: "codecommit:*",
      NotResource: [...scope.gitPullRepositoryArns],
    },
    // Of CodeCommit, only GitPull and GitPush are allowed at all (fences.ts).
    {
      Sid: "PushOnlyAutomationRepo",
      Effect: "Deny",
      Action: "codecommit:GitPush",
      NotResource: [...scope.gitPushRepositoryArns],
    },
    ...promotionGuardStatements(),
    {
      // Organizations and Account are outside the services allowed at all (fences.ts).
      Sid: "NoAccountSettings",
      Effect: "Deny",
      Action: ["iam:*Account*", "iam:SetSecurityTokenServicePreferences"],
      Resource: "*",
    },
    ...environmentFences(scope),
  ];
  return { Version: "2012-10-17", Statement: statements.map(withoutSid) };
}

/**
 * The boundary is one managed policy of at most 6,144 characters: the Sids name its statements
 * here in the code, not in the stored document; but `Ceiling`, the one allow-all statement, which
 * the policy pack recognizes by it (policy-pack/rules/iam.ts).
 */
function withoutSid(statement: PolicyStatement): PolicyStatement {
  if (statement.Sid === "Ceiling") return statement;
  const rest = { ...statement };
  delete rest.Sid;
  return rest;
}
