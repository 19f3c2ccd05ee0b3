import * as assert from "node:assert/strict";
import { allows } from "../../helpers/iam";
import { type RecordedResource, type StackRun } from "../../../harness/run";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { renderBuildspec } from "../../../components/delivery/buildspec";
import { pipelineNames, pipelinePolicies } from "../../../components/delivery/pipeline-policies";
import { SOURCE_ACTION } from "../../../components/delivery/build-router-script";
import { serviceTrustPolicy } from "../../../components/aws/iam";
import { fixtureRun } from "../../helpers/stacks";

const ARN = `arn:aws:%s:us-east-1:${MOCK_ACCOUNT}`;
const arn = (service: string, rest: string) => `${ARN.replace("%s", service)}:${rest}`;

describe("pipeline IAM documents", () => {
  const image = arn("ecr", "repository/front-end");
  const logs = arn("logs", "log-group:/aws/codebuild/gitops-shared-front-end");
  const bucket = "arn:aws:s3:::gitops-shared-front-end-artifact-123";
  const build = pipelinePolicies.build({ image, logs, bucket });

  it("CodeBuild: push only to its repository, log only to its group, read only its artifacts", () => {
    const yes: [string, string][] = [
      ["ecr:GetAuthorizationToken", "*"],
      ["ecr:PutImage", image],
      ["ecr:UploadLayerPart", image],
      ["ecr:BatchGetImage", image],
      // The layer cache: its own repository's layers.
      ["ecr:GetDownloadUrlForLayer", image],
      ["logs:PutLogEvents", `${logs}:log-stream:build-1`],
      ["logs:CreateLogStream", logs],
      ["s3:GetObject", `${bucket}/gitops-shared-front/source/abc.zip`],
    ];
    const no: [string, string][] = [
      ["ecr:PutImage", arn("ecr", "repository/other")],
      ["ecr:GetDownloadUrlForLayer", arn("ecr", "repository/other")],
      ["ecr:BatchDeleteImage", image],
      ["ecr:SetRepositoryPolicy", image],
      ["logs:PutLogEvents", arn("logs", "log-group:/aws/codebuild/other:log-stream:x")],
      ["s3:PutObject", `${bucket}/x`],
      ["s3:GetObject", "arn:aws:s3:::other-bucket/x"],
      ["codecommit:GitPush", arn("codecommit", "app-repo")],
      ["iam:PassRole", "*"],
    ];
    for (const [a, r] of yes) assert.ok(allows(build, a, r), `${a} on ${r} should be allowed`);
    for (const [a, r] of no) assert.ok(!allows(build, a, r), `${a} on ${r} should be denied`);
    assert.deepEqual(
      build.Statement.filter((s) => s.Effect === "Allow" && s.Resource === "*").map(
        (s) => s.Action,
      ),
      ["ecr:GetAuthorizationToken"],
    );
  });

  it("CodePipeline: read its source, run its build, use its bucket; nothing else", () => {
    const source = arn("codecommit", "app-repo");
    const project = arn("codebuild", "project/gitops-shared-front-end");
    const doc = pipelinePolicies.pipeline({ source, project, bucket });
    for (const [a, r] of [
      ["codecommit:GetBranch", source],
      ["codecommit:UploadArchive", source],
      ["codebuild:StartBuild", project],
      ["codebuild:BatchGetBuilds", project],
      ["s3:PutObject", `${bucket}/a`],
      ["s3:GetBucketVersioning", bucket],
    ]) {
      assert.ok(allows(doc, a, r), `${a} on ${r} should be allowed`);
    }
    for (const [a, r] of [
      ["codecommit:GitPush", source],
      ["codecommit:GetBranch", arn("codecommit", "flux-repo")],
      ["codebuild:StartBuild", arn("codebuild", "project/other")],
      ["codebuild:DeleteProject", project],
      ["s3:DeleteObject", `${bucket}/a`],
      ["s3:PutObject", "arn:aws:s3:::other/a"],
    ]) {
      assert.ok(!allows(doc, a, r), `${a} on ${r} should be denied`);
    }
    assert.ok(doc.Statement.every((s) => s.Effect === "Deny" || s.Resource !== "*"));
  });

  it("each role trusts one service, on behalf of this account only", () => {
    assert.deepEqual(serviceTrustPolicy("codebuild.amazonaws.com", MOCK_ACCOUNT), {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "codebuild.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT } },
        },
      ],
    });
  });

  it("names stay within AWS limits for long prefixes and odd service names", () => {
    const n = pipelineNames("a".repeat(60), "shop/cart.v2");
    assert.ok(n.project.length <= 255 && n.pipeline.length <= 100);
    for (const k of ["buildRole", "pipelineRole"] as const) {
      assert.ok(n[k].length <= 64, `${k} ${n[k]}`);
    }
    assert.ok(n.bucketPrefix.length <= 37 && /^[a-z0-9-]+$/.test(n.bucketPrefix));
    assert.equal(
      pipelineNames("gitops-shared", "shop/cart.v2").project,
      "gitops-shared-shop-cart-v2",
    );
  });
});

describe("ImagePipeline (shared stack)", () => {
  let shared: StackRun;
  const one = (type: string, name: string): RecordedResource => {
    const r = shared.resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `${type} ${name} missing`);
    return r;
  };
  before(async () => {
    shared = await fixtureRun("shared");
  });

  it("runs a V2 pipeline: CodeCommit source without polling, then CodeBuild with SOURCE_BRANCH", () => {
    const p = one("aws:codepipeline/pipeline:Pipeline", "pipeline-front-end-pipeline");
    assert.equal(p.inputs.pipelineType, "V2");
    assert.equal(p.inputs.executionMode, "QUEUED");
    const [source, build] = p.inputs.stages;
    assert.deepEqual(source.actions[0].configuration, {
      RepositoryName: "app-repo",
      BranchName: "main",
      PollForSourceChanges: "false",
      OutputArtifactFormat: "CODE_ZIP",
    });
    assert.equal(source.actions[0].namespace, "SourceVariables");
    assert.equal(build.actions[0].configuration.ProjectName, "gitops-shared-front-end");
    assert.deepEqual(JSON.parse(build.actions[0].configuration.EnvironmentVariables), [
      { name: "SOURCE_BRANCH", value: "#{SourceVariables.BranchName}", type: "PLAINTEXT" },
    ]);
    // The first run (at creation) waits for app-repo's seed commit.
    const seed = one("pulumi-nodejs:dynamic/codecommit:RepositorySeed", "repos-app-repo-seed");
    assert.ok(p.propertyDependencies.stages.includes(seed.urn));
    // ...and for both roles' policies, so that run is authorized.
    for (const n of ["build", "pipeline"]) {
      const policy = one("aws:iam/rolePolicy:RolePolicy", `pipeline-front-end-${n}`);
      assert.ok(p.dependencies.includes(policy.urn), `pipeline waits for ${n} policy`);
    }
    // One pipeline per service of the fixture's settings.
    assert.deepEqual(shared.outputs.imagePipelines, {
      "front-end": "gitops-shared-front-end",
      catalogue: "gitops-shared-catalogue",
    });
  });

  it("builds privileged with the settings' compute, the repository URI and its own log group", () => {
    const b = one("aws:codebuild/project:Project", "pipeline-front-end-build");
    const e = b.inputs.environment;
    assert.deepEqual(
      [e.type, e.computeType, e.image, e.privilegedMode],
      [
        "LINUX_CONTAINER",
        "BUILD_GENERAL1_SMALL",
        "aws/codebuild/amazonlinux-x86_64-standard:5.0",
        true,
      ],
    );
    assert.deepEqual(e.environmentVariables, [
      {
        name: "IMAGE_REPOSITORY_URI",
        value: `${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/front-end`,
        type: "PLAINTEXT",
      },
      { name: "SOURCE_BRANCH", value: "main", type: "PLAINTEXT" },
    ]);
    assert.equal(b.inputs.source.buildspec, renderBuildspec({ context: "front-end" }));
    const logs = one("aws:cloudwatch/logGroup:LogGroup", "pipeline-front-end-build-logs");
    assert.deepEqual(
      [logs.inputs.name, logs.inputs.retentionInDays, logs.protect],
      ["/aws/codebuild/gitops-shared-front-end", 30, true],
    );
    assert.equal(b.inputs.logsConfig.cloudwatchLogs.groupName, logs.inputs.name);
  });

  it("keeps artifacts in an encrypted, versioned, private, TLS-only bucket that expires them", () => {
    const name = "pipeline-front-end-artifacts";
    const pab = one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name).inputs;
    assert.deepEqual(
      [pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets],
      [true, true, true, true],
    );
    const sse = one(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      name,
    );
    assert.equal(sse.inputs.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
    const policy = JSON.parse(one("aws:s3/bucketPolicy:BucketPolicy", name).inputs.policy);
    assert.deepEqual(
      policy.Statement[0],
      pipelinePolicies.tlsOnly("arn:aws:s3:::pipeline-front-end-artifacts").Statement[0],
    );
    assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    const v = one("aws:s3/bucketVersioning:BucketVersioning", name);
    assert.equal(v.inputs.versioningConfiguration.status, "Enabled");
    const lc = one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", name);
    assert.deepEqual(
      [
        lc.inputs.rules[0].expiration.days,
        lc.inputs.rules[0].noncurrentVersionExpiration.noncurrentDays,
      ],
      [30, 30],
    );
  });

  it("has no trigger of its own (the build router starts it), and builds its service's folder", () => {
    const rules = shared.resources.filter(
      (r) => r.type === "aws:cloudwatch/eventRule:EventRule" && r.name !== "promotion-rule",
    );
    assert.deepEqual(
      rules.map((r) => r.name),
      ["build-router-push", "build-router-branch"],
    );
    const b = one("aws:codebuild/project:Project", "pipeline-catalogue-build");
    assert.equal(b.inputs.source.buildspec, renderBuildspec({ context: "catalogue" }));
    const p = one("aws:codepipeline/pipeline:Pipeline", "pipeline-catalogue-pipeline");
    assert.equal(p.inputs.stages[0].actions[0].name, SOURCE_ACTION);
  });

  it("attaches the least-privilege documents to the two roles", () => {
    const policy = (n: string) =>
      JSON.parse(one("aws:iam/rolePolicy:RolePolicy", `pipeline-front-end-${n}`).inputs.policy);
    const bucketArn = "arn:aws:s3:::pipeline-front-end-artifacts";
    assert.deepEqual(
      policy("build"),
      pipelinePolicies.build({
        image: arn("ecr", "repository/front-end"),
        logs: arn("logs", "log-group:/aws/codebuild/gitops-shared-front-end"),
        bucket: bucketArn,
      }),
    );
    assert.deepEqual(
      policy("pipeline"),
      pipelinePolicies.pipeline({
        source: arn("codecommit", "app-repo"),
        project: arn("codebuild", "project/gitops-shared-front-end"),
        bucket: bucketArn,
      }),
    );
    const trust = (n: string) =>
      JSON.parse(one("aws:iam/role:Role", `pipeline-front-end-${n}`).inputs.assumeRolePolicy)
        .Statement[0].Principal.Service;
    assert.deepEqual(["build", "pipeline"].map(trust), [
      "codebuild.amazonaws.com",
      "codepipeline.amazonaws.com",
    ]);
  });
});
