/**
 * ImagePipeline: for one service, a CodePipeline (V2) that takes app-repo's branch from CodeCommit
 * and builds and pushes the image with a privileged CodeBuild project to the service's ECR
 * repository. It runs once at creation; after that the build router (build-router.ts) starts it,
 * at the pushed commit, for pushes that change the service's folder (no polling, no rule of its
 * own). Roles are least privilege.
 * https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodeCommit.html
 * https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodeBuild.html
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy, type PolicyDocument } from "../aws";
import { artifactBucketPolicy } from "./artifact-fence";
import { BUILD_VARIABLES, renderBuildspec } from "./buildspec";
import { SOURCE_ACTION } from "./build-router-script";
import {
  buildActionVariables,
  pipelineNames,
  pipelinePolicies,
  SOURCE_NAMESPACE,
} from "./pipeline-policies";

export interface ImagePipelineArgs {
  /** Service name (its ECR repository name); part of every physical name. */
  readonly service: string;
  /** Prefix of physical names, e.g. `gitops-shared`. */
  readonly namePrefix: string;
  /** Account of the pipeline: trust policies accept only calls made on its behalf (aws:SourceAccount). */
  readonly accountId: pulumi.Input<string>;
  /** The app-repo CodeCommit repository (name and ARN). */
  readonly source: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
  /** Branch that triggers builds and starts the tag, e.g. `main`. */
  readonly branch: string;
  /** Docker build context (folder of the service in app-repo). Default: the service name. */
  readonly context?: string;
  /** The service's ECR repository (ARN for the push policy, URL for the tag). */
  readonly image: { readonly arn: pulumi.Input<string>; readonly url: pulumi.Input<string> };
  /**
   * CodeBuild compute type. `BUILD_GENERAL1_SMALL` (3 GB, 2 vCPU) is about $0.005 per build minute
   * on Linux (https://aws.amazon.com/codebuild/pricing/).
   */
  readonly computeType: string;
  /** CodeBuild image, e.g. `aws/codebuild/amazonlinux-x86_64-standard:5.0` (Docker included). */
  readonly buildImage: string;
  /** Retention of the build log group, in days (a CloudWatch Logs allowed value). */
  readonly logRetentionDays: number;
  /** Days after which pipeline artifacts (source zips) expire from the artifact bucket. */
  readonly artifactExpiryDays: number;
  /** Protect the build log group from `pulumi destroy`. */
  readonly protect: boolean;
  /**
   * The shared stack's deployer: its Deployments role (which keeps access to the artifact bucket
   * beside the pipeline's own roles) and the Deployments path, whose other roles are fenced off
   * it (artifact-fence.ts).
   */
  readonly deployer: { readonly roleArn: pulumi.Input<string>; readonly path: string };
}

export class ImagePipeline extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  public readonly project: aws.codebuild.Project;
  public readonly pipeline: aws.codepipeline.Pipeline;

  constructor(name: string, args: ImagePipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:delivery:ImagePipeline", name, {}, opts);
    const names = pipelineNames(args.namePrefix, args.service);
    const parent = { parent: this };

    const artifacts = this.createArtifactBucket(name, names.bucketPrefix, args.artifactExpiryDays);
    this.bucket = artifacts.bucket;
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-build-logs`,
      { name: names.logGroup, retentionInDays: args.logRetentionDays },
      { parent: this, protect: args.protect },
    );
    const buildRole = this.role(`${name}-build`, names.buildRole, "codebuild.amazonaws.com", args);
    const buildPolicy = new aws.iam.RolePolicy(
      `${name}-build`,
      {
        role: buildRole.name,
        policy: json(
          pulumi
            .all([args.image.arn, logGroup.arn, this.bucket.arn])
            .apply(([image, logs, bucket]) => pipelinePolicies.build({ image, logs, bucket })),
        ),
      },
      parent,
    );
    this.project = new aws.codebuild.Project(
      `${name}-build`,
      {
        name: names.project,
        description: `Builds the ${args.service} image and pushes it to ECR.`,
        serviceRole: buildRole.arn,
        buildTimeout: 30,
        artifacts: { type: "CODEPIPELINE" },
        source: {
          type: "CODEPIPELINE",
          buildspec: renderBuildspec({ context: args.context ?? args.service }),
        },
        environment: {
          type: "LINUX_CONTAINER",
          computeType: args.computeType,
          image: args.buildImage,
          imagePullCredentialsType: "CODEBUILD",
          // Docker builds need the daemon: privileged mode.
          privilegedMode: true,
          environmentVariables: [
            { name: BUILD_VARIABLES.repositoryUri, value: args.image.url, type: "PLAINTEXT" },
            // Overridden by the pipeline; set so a build started by hand still tags correctly.
            { name: BUILD_VARIABLES.sourceBranch, value: args.branch, type: "PLAINTEXT" },
          ],
        },
        logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name } },
      },
      parent,
    );

    const pipelineRole = this.role(
      `${name}-pipeline`,
      names.pipelineRole,
      "codepipeline.amazonaws.com",
      args,
    );
    const pipelinePolicy = new aws.iam.RolePolicy(
      `${name}-pipeline`,
      {
        role: pipelineRole.name,
        policy: json(
          pulumi
            .all([args.source.arn, this.project.arn, this.bucket.arn])
            .apply(([source, project, bucket]) =>
              pipelinePolicies.pipeline({ source, project, bucket }),
            ),
        ),
      },
      parent,
    );
    this.pipeline = new aws.codepipeline.Pipeline(
      `${name}-pipeline`,
      {
        name: names.pipeline,
        pipelineType: "V2",
        // Every push is built, in order (SUPERSEDED would skip commits that arrive mid-run).
        executionMode: "QUEUED",
        roleArn: pipelineRole.arn,
        artifactStores: [{ type: "S3", location: this.bucket.bucket }],
        stages: [
          {
            name: "Source",
            actions: [
              {
                // The build router's source revision override names this action.
                name: SOURCE_ACTION,
                category: "Source",
                owner: "AWS",
                provider: "CodeCommit",
                version: "1",
                namespace: SOURCE_NAMESPACE,
                outputArtifacts: ["source"],
                configuration: {
                  RepositoryName: args.source.name,
                  BranchName: args.branch,
                  // The build router starts the pipeline; polling would start it for every push.
                  PollForSourceChanges: "false",
                  OutputArtifactFormat: "CODE_ZIP",
                },
              },
            ],
          },
          {
            name: "Build",
            actions: [
              {
                name: "Build",
                category: "Build",
                owner: "AWS",
                provider: "CodeBuild",
                version: "1",
                inputArtifacts: ["source"],
                configuration: {
                  ProjectName: this.project.name,
                  EnvironmentVariables: JSON.stringify(buildActionVariables()),
                },
              },
            ],
          },
        ],
      },
      // Both roles' policies must exist before the first execution, which starts at creation.
      { parent: this, dependsOn: [pipelinePolicy, buildPolicy] },
    );

    // After the access block: S3 may abort concurrent changes to one bucket (OperationAborted).
    new aws.s3.BucketPolicy(
      `${name}-artifacts`,
      {
        bucket: this.bucket.id,
        policy: json(
          pulumi
            .all([this.bucket.arn, pipelineRole.arn, buildRole.arn, args.deployer.roleArn])
            .apply(([bucketArn, ...allowed]) =>
              artifactBucketPolicy({ bucketArn, allowed, deploymentsPath: args.deployer.path }),
            ),
        ),
      },
      { parent: this, dependsOn: [artifacts.publicAccess] },
    );
    this.registerOutputs({ bucket: this.bucket, project: this.project, pipeline: this.pipeline });
  }

  private createArtifactBucket(name: string, prefix: string, expiryDays: number) {
    const parent = { parent: this };
    const bucket = new aws.s3.Bucket(
      `${name}-artifacts`,
      { bucketPrefix: prefix, forceDestroy: true },
      parent,
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-artifacts`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-artifacts`,
      {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      },
      parent,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-artifacts`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      parent,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-artifacts`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "expire-artifacts",
            status: "Enabled",
            filter: {},
            expiration: { days: expiryDays },
            noncurrentVersionExpiration: { noncurrentDays: expiryDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      // Noncurrent-version rules act once versioning is on (provider docs order them so).
      { parent: this, dependsOn: [versioning] },
    );
    return { bucket, publicAccess };
  }

  private role(name: string, roleName: string, service: string, args: ImagePipelineArgs) {
    return new aws.iam.Role(
      name,
      {
        name: roleName,
        assumeRolePolicy: json(
          pulumi.output(args.accountId).apply((a) => serviceTrustPolicy(service, a)),
        ),
      },
      { parent: this },
    );
  }
}

function json(
  value: pulumi.Output<PolicyDocument | Record<string, unknown>>,
): pulumi.Output<string> {
  return value.apply((v) => JSON.stringify(v));
}
