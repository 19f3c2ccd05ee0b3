/**
 * Calls the AWS provider makes for the delivery stack's resource types (Terraform AWS provider
 * under @pulumi/aws 7): create (with tag-on-create where the service authorizes the tags as a
 * separate action), read (refresh and the read after each write), update, tag and delete.
 */
import { arns, on, physicalName, type Call, type CallsOf, type Scope, type Target } from "./types";

/** `iam:PassRole` of `roleArn` to `service` (what a create or update that takes a role makes). */
export function passRole(roleArn: unknown, service: string, phase: Call["phase"]): Call[] {
  if (typeof roleArn !== "string") return [];
  return [
    {
      phase,
      action: "iam:PassRole",
      resource: roleArn,
      context: { "iam:PassedToService": service },
    },
  ];
}

/** The create call(s) of a resource, with its tags in the request. */
export function created(target: Target, resource: string, ...actions: string[]): Call[] {
  return actions.map((action) => ({
    phase: "create",
    action,
    resource,
    requestTags: target.tags,
  }));
}

/** The bucket an S3 configuration resource belongs to (by the bucket's logical name). */
function bucketOf(target: Target, scope: Scope): string {
  const ref = String(target.inputs.bucket);
  const bucket = scope.targets.find(
    (t) => t.type === "aws:s3/bucket:Bucket" && (ref === t.name || ref.startsWith(`${t.name}-`)),
  );
  if (!bucket) throw new Error(`${target.type} ${target.name}: no bucket ${ref} in the stack`);
  return bucketName(bucket);
}

function bucketName(bucket: Target): string {
  const prefix = bucket.inputs.bucketPrefix;
  return typeof prefix === "string" ? `${prefix}20261202` : physicalName(bucket, "bucket");
}

function s3Config(put: string, get: string, del = put): (t: Target, s: Scope) => Call[] {
  return (t, s) => {
    const arn = `arn:${s.partition}:s3:::${bucketOf(t, s)}`;
    return on(arn, t.tags, [
      ["create", put],
      ["read", get],
      ["update", put],
      ["delete", del],
    ]);
  };
}

export const DELIVERY_CALLS: Readonly<Record<string, CallsOf>> = {
  "aws:codecommit/repository:Repository": (t, s) => {
    const arn = arns(s).regional("codecommit", physicalName(t, "repositoryName"));
    return [
      ...created(t, arn, "codecommit:CreateRepository"),
      ...on(arn, t.tags, [
        ["read", "codecommit:GetRepository", "codecommit:ListTagsForResource"],
        ["update", "codecommit:UpdateRepositoryDescription", "codecommit:UpdateDefaultBranch"],
        ["tag", "codecommit:TagResource", "codecommit:UntagResource"],
        ["delete", "codecommit:DeleteRepository"],
      ]),
    ];
  },
  "aws:ecr/repository:Repository": (t, s) => {
    const arn = arns(s).regional("ecr", `repository/${physicalName(t)}`);
    return [
      ...created(t, arn, "ecr:CreateRepository", "ecr:TagResource"),
      ...on(arn, t.tags, [
        ["read", "ecr:DescribeRepositories", "ecr:ListTagsForResource"],
        ["update", "ecr:PutImageTagMutability", "ecr:PutImageScanningConfiguration"],
        ["tag", "ecr:TagResource", "ecr:UntagResource"],
        ["delete", "ecr:DeleteRepository"],
      ]),
    ];
  },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": (t, s) =>
    on(arns(s).regional("ecr", `repository/${String(t.inputs.repository)}`), t.tags, [
      ["create", "ecr:PutLifecyclePolicy"],
      ["read", "ecr:GetLifecyclePolicy"],
      ["update", "ecr:PutLifecyclePolicy"],
      ["delete", "ecr:DeleteLifecyclePolicy"],
    ]),
  "aws:s3/bucket:Bucket": (t, s) => {
    const arn = `arn:${s.partition}:s3:::${bucketName(t)}`;
    return [
      ...created(t, arn, "s3:CreateBucket", "s3:PutBucketTagging"),
      ...on(arn, t.tags, [
        [
          "read",
          "s3:ListBucket",
          "s3:GetBucketTagging",
          "s3:GetBucketPolicy",
          "s3:GetBucketAcl",
          "s3:GetBucketCORS",
          "s3:GetBucketWebsite",
          "s3:GetBucketVersioning",
          "s3:GetBucketLogging",
          "s3:GetBucketRequestPayment",
          "s3:GetBucketObjectLockConfiguration",
          "s3:GetAccelerateConfiguration",
          "s3:GetEncryptionConfiguration",
          "s3:GetLifecycleConfiguration",
          "s3:GetReplicationConfiguration",
        ],
        ["tag", "s3:PutBucketTagging"],
        // forceDestroy: the bucket is emptied first.
        ["delete", "s3:ListBucketVersions", "s3:DeleteBucket"],
      ]),
      ...on(`${arn}/artifact.zip`, undefined, [
        ["delete", "s3:DeleteObject", "s3:DeleteObjectVersion"],
      ]),
    ];
  },
  // DeletePublicAccessBlock, an empty lifecycle or encryption are authorized as the Put.
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": s3Config(
    "s3:PutBucketPublicAccessBlock",
    "s3:GetBucketPublicAccessBlock",
  ),
  "aws:s3/bucketVersioning:BucketVersioning": s3Config(
    "s3:PutBucketVersioning",
    "s3:GetBucketVersioning",
  ),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    s3Config("s3:PutEncryptionConfiguration", "s3:GetEncryptionConfiguration"),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": s3Config(
    "s3:PutLifecycleConfiguration",
    "s3:GetLifecycleConfiguration",
  ),
  "aws:s3/bucketPolicy:BucketPolicy": s3Config(
    "s3:PutBucketPolicy",
    "s3:GetBucketPolicy",
    "s3:DeleteBucketPolicy",
  ),
  "aws:codebuild/project:Project": (t, s) => {
    const arn = arns(s).regional("codebuild", `project/${physicalName(t)}`);
    return [
      ...created(t, arn, "codebuild:CreateProject"),
      ...passRole(t.inputs.serviceRole, "codebuild.amazonaws.com", "create"),
      ...passRole(t.inputs.serviceRole, "codebuild.amazonaws.com", "update"),
      ...on(arn, t.tags, [
        ["read", "codebuild:BatchGetProjects"],
        ["update", "codebuild:UpdateProject"],
        ["tag", "codebuild:UpdateProject"],
        ["delete", "codebuild:DeleteProject"],
      ]),
    ];
  },
  "aws:codepipeline/pipeline:Pipeline": (t, s) => {
    const arn = arns(s).regional("codepipeline", physicalName(t));
    return [
      ...created(t, arn, "codepipeline:CreatePipeline", "codepipeline:TagResource"),
      ...passRole(t.inputs.roleArn, "codepipeline.amazonaws.com", "create"),
      ...passRole(t.inputs.roleArn, "codepipeline.amazonaws.com", "update"),
      ...on(arn, t.tags, [
        ["read", "codepipeline:GetPipeline", "codepipeline:ListTagsForResource"],
        ["update", "codepipeline:UpdatePipeline"],
        ["tag", "codepipeline:TagResource", "codepipeline:UntagResource"],
        ["delete", "codepipeline:DeletePipeline"],
      ]),
    ];
  },
  "aws:cloudwatch/eventConnection:EventConnection": (t, s) => {
    const name = physicalName(t);
    const arn = arns(s).regional("events", `connection/${name}/0a1b2c3d`);
    // EventBridge keeps the credential in a secret it creates with the caller's permissions.
    const secret = arns(s).regional("secretsmanager", `secret:events!connection/${name}-AbCdEf`);
    return [
      ...created(t, arn, "events:CreateConnection"),
      ...on(arn, t.tags, [
        ["read", "events:DescribeConnection"],
        ["update", "events:UpdateConnection"],
        ["delete", "events:DeleteConnection"],
      ]),
      ...on(secret, undefined, [
        ["create", "secretsmanager:CreateSecret", "secretsmanager:PutSecretValue"],
        ["read", "secretsmanager:DescribeSecret"],
        ["update", "secretsmanager:UpdateSecret", "secretsmanager:PutSecretValue"],
        ["delete", "secretsmanager:DeleteSecret"],
      ]),
    ];
  },
  "aws:cloudwatch/eventApiDestination:EventApiDestination": (t, s) => {
    const arn = arns(s).regional("events", `api-destination/${physicalName(t)}/0a1b2c3d`);
    return on(arn, undefined, [
      ["create", "events:CreateApiDestination"],
      ["read", "events:DescribeApiDestination"],
      ["update", "events:UpdateApiDestination"],
      ["delete", "events:DeleteApiDestination"],
    ]);
  },
};
