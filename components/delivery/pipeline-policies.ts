/**
 * Pure parts of an image pipeline: names, least-privilege IAM documents (functions of ARNs), the
 * Build action's variables.
 * Sources: CodePipeline service role permissions per action
 * (https://docs.aws.amazon.com/codepipeline/latest/userguide/security-iam.html#how-to-custom-role),
 * ECR push permissions (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html),
 * CodeBuild service role (https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html).
 */
import { BUILD_VARIABLES } from "./buildspec";
import { protectedRefsDeny, type PolicyDocument } from "../aws";
import { PROTECTED_REFS } from "./protected-refs";

/** Name of the Source action's variable namespace (its BranchName feeds SOURCE_BRANCH). */
export const SOURCE_NAMESPACE = "SourceVariables";

/** Physical names of one service's pipeline resources, within the AWS length limits. */
export function pipelineNames(namePrefix: string, service: string) {
  // CodeBuild project names allow [A-Za-z0-9_-]; service names (DNS labels) already fit.
  const base = `${namePrefix}-${service.replace(/[^A-Za-z0-9-]/g, "-")}`;
  return {
    /** CodeBuild project (2-255 chars). */
    project: base.slice(0, 255),
    /** CodePipeline (max 100 chars). */
    pipeline: base.slice(0, 100),
    /** CodeBuild's conventional log group name. */
    logGroup: `/aws/codebuild/${base}`,
    /** IAM role names: max 64 chars. */
    buildRole: `${base.slice(0, 58)}-build`,
    pipelineRole: `${base.slice(0, 55)}-pipeline`,
    /** S3 `bucketPrefix`: lower case, at most 37 chars; the provider appends a unique suffix. */
    bucketPrefix: `${base.toLowerCase().slice(0, 27)}-artifact-`,
  };
}

/**
 * What CodeBuild needs to push an image layer by layer (besides the registry login). AWS's push
 * policy also grants `ecr:BatchGetImage`: newer Docker/buildx clients read the manifest before a
 * push (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html).
 * `ecr:GetDownloadUrlForLayer`: the layer cache (buildspec.ts `--cache-from`) downloads the cached
 * layers of its own repository (the pull policy's third action, image-pull-iam.html).
 */
export const ECR_PUSH_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
  "ecr:CompleteLayerUpload",
  "ecr:InitiateLayerUpload",
  "ecr:PutImage",
  "ecr:UploadLayerPart",
] as const;

/** What CodePipeline needs to read a CodeCommit source (the guide's CodeCommit statement). */
export const CODECOMMIT_SOURCE_ACTIONS = [
  "codecommit:CancelUploadArchive",
  "codecommit:GetBranch",
  "codecommit:GetCommit",
  "codecommit:GetUploadArchiveStatus",
  "codecommit:UploadArchive",
] as const;

/** What CodePipeline needs to run a CodeBuild action. */
export const CODEBUILD_START_ACTIONS = [
  "codebuild:BatchGetBuilds",
  "codebuild:StartBuild",
] as const;

export const pipelinePolicies = {
  /**
   * CodeBuild: log in to ECR (GetAuthorizationToken has no resource type, hence `*`), push to its
   * own repository only, write its own log group only, read the pipeline's artifacts only.
   */
  build(arns: { image: string; logs: string; bucket: string }): PolicyDocument {
    return {
      Version: "2012-10-17",
      Statement: [
        { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        { Sid: "EcrPush", Effect: "Allow", Action: [...ECR_PUSH_ACTIONS], Resource: arns.image },
        {
          Sid: "BuildLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [arns.logs, `${arns.logs}:log-stream:*`],
        },
        {
          Sid: "ReadArtifacts",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:GetObjectVersion"],
          Resource: `${arns.bucket}/*`,
        },
        {
          Sid: "ArtifactBucket",
          Effect: "Allow",
          Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"],
          Resource: arns.bucket,
        },
        // CI never writes what an environment after the first syncs, nor its approval rules.
        ...protectedRefsDeny(PROTECTED_REFS, "Ci"),
      ],
    };
  },

  /** CodePipeline: read its source repository, start and watch its build, use its bucket. */
  pipeline(arns: { source: string; project: string; bucket: string }): PolicyDocument {
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Source",
          Effect: "Allow",
          Action: [...CODECOMMIT_SOURCE_ACTIONS],
          Resource: arns.source,
        },
        {
          Sid: "Build",
          Effect: "Allow",
          Action: [...CODEBUILD_START_ACTIONS],
          Resource: arns.project,
        },
        {
          Sid: "Artifacts",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl"],
          Resource: `${arns.bucket}/*`,
        },
        {
          Sid: "ArtifactBucket",
          Effect: "Allow",
          Action: ["s3:GetBucketAcl", "s3:GetBucketLocation", "s3:GetBucketVersioning"],
          Resource: arns.bucket,
        },
        ...protectedRefsDeny(PROTECTED_REFS, "Ci"),
      ],
    };
  },

  /** Bucket policy refusing any request to the bucket or its objects made without TLS. */
  tlsOnly(bucketArn: string): PolicyDocument {
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucketArn, `${bucketArn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    };
  },
};

/** The Build action's variables: SOURCE_BRANCH from the Source action's output variable. */
export function buildActionVariables(): { name: string; value: string; type: "PLAINTEXT" }[] {
  return [
    {
      name: BUILD_VARIABLES.sourceBranch,
      value: `#{${SOURCE_NAMESPACE}.BranchName}`,
      type: "PLAINTEXT",
    },
  ];
}
