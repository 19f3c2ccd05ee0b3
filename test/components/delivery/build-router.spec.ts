/**
 * The build router's IAM documents (allow/deny tables) and its resources in the shared stack: the
 * rules and input transformers that start it, the project that clones app-repo, its roles. Its
 * script runs on a real git history in build-router-script.spec.ts.
 */
import * as assert from "node:assert/strict";
import { type StackRun } from "../../../harness/run";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { codeCommitPushPattern } from "../../../components/aws/codecommit-events";
import {
  renderRouterBuildspec,
  routerInputs,
} from "../../../components/delivery/build-router-script";
import { routerNames, routerPolicies } from "../../../components/delivery/build-router-policies";
import { matches } from "../../helpers/event-pattern";
import { allows } from "../../helpers/iam";
import { named, ofType } from "../../helpers/resources";
import { fixtureRun } from "../../helpers/stacks";

const ARN = (service: string, rest: string) =>
  `arn:aws:${service}:us-east-1:${MOCK_ACCOUNT}:${rest}`;
const APP_REPO = ARN("codecommit", "app-repo");

describe("build router IAM documents", () => {
  const source = APP_REPO;
  const pipelines = [
    ARN("codepipeline", "gitops-shared-front-end"),
    ARN("codepipeline", "gitops-shared-catalogue"),
  ];
  const logs = ARN("logs", "log-group:/aws/codebuild/gitops-shared-build-router");
  const doc = routerPolicies.router({ source, pipelines, logs });

  it("router: clone app-repo, start the services' pipelines, write its logs; nothing else", () => {
    const yes: [string, string][] = [
      ["codecommit:GitPull", source],
      ["codepipeline:StartPipelineExecution", pipelines[0]],
      ["codepipeline:StartPipelineExecution", pipelines[1]],
      ["logs:PutLogEvents", `${logs}:log-stream:abc`],
    ];
    const no: [string, string][] = [
      ["codecommit:GitPush", source],
      ["codecommit:GitPull", ARN("codecommit", "flux-repo")],
      ["codecommit:GitPull", ARN("codecommit", "microservices-repo")],
      ["codepipeline:StartPipelineExecution", ARN("codepipeline", "someone-elses")],
      ["codepipeline:UpdatePipeline", pipelines[0]],
      ["codepipeline:StopPipelineExecution", pipelines[0]],
      ["codebuild:StartBuild", ARN("codebuild", "project/gitops-shared-front-end")],
      ["logs:PutLogEvents", ARN("logs", "log-group:/aws/codebuild/other:log-stream:x")],
      ["iam:PassRole", "*"],
      ["iam:CreateAccessKey", "*"],
      ["ecr:PutImage", ARN("ecr", "repository/front-end")],
    ];
    for (const [a, r] of yes) assert.ok(allows(doc, a, r), `${a} on ${r} should be allowed`);
    for (const [a, r] of no) assert.ok(!allows(doc, a, r), `${a} on ${r} should be denied`);
    assert.ok(doc.Statement.every((s) => s.Resource !== "*"));
  });

  it("EventBridge: start the router build only", () => {
    const project = ARN("codebuild", "project/gitops-shared-build-router");
    const events = routerPolicies.startRouter(project);
    assert.ok(allows(events, "codebuild:StartBuild", project));
    assert.ok(
      !allows(events, "codebuild:StartBuild", ARN("codebuild", "project/gitops-shared-front-end")),
    );
    assert.ok(!allows(events, "codepipeline:StartPipelineExecution", pipelines[0]));
    assert.ok(!allows(events, "codebuild:UpdateProject", project));
  });

  it("names stay within AWS limits for the longest name prefix", () => {
    const n = routerNames("a".repeat(20));
    for (const k of ["role", "eventsRole", "updatedRule", "createdRule"] as const) {
      assert.ok(n[k].length <= 64, `${k} ${n[k]}`);
    }
  });
});

describe("BuildRouter (shared stack)", () => {
  let shared: StackRun;
  before(async () => {
    shared = await fixtureRun("shared");
  });

  it("clones app-repo in full and routes to every service's pipeline, by folder", () => {
    const project = named(shared, "aws:codebuild/project:Project", "build-router");
    assert.equal(project.inputs.name, "gitops-shared-build-router");
    assert.deepEqual(project.inputs.source, {
      type: "CODECOMMIT",
      location: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app-repo",
      gitCloneDepth: 0,
      buildspec: renderRouterBuildspec([
        { service: "front-end", folder: "front-end", pipeline: "gitops-shared-front-end" },
        { service: "catalogue", folder: "catalogue", pipeline: "gitops-shared-catalogue" },
      ]),
    });
    assert.equal(project.inputs.sourceVersion, "main");
    assert.equal(project.inputs.environment.privilegedMode, undefined);
    // The buildspec names the pipelines: the router comes after them (and after the seed).
    for (const p of ofType(shared, "aws:codepipeline/pipeline:Pipeline")) {
      assert.ok(project.propertyDependencies.source.includes(p.urn), p.name);
    }
  });

  it("is started by a push to main (updated or created), with the push's commits as input", () => {
    const rules = ofType(shared, "aws:cloudwatch/eventRule:EventRule").filter((r) =>
      r.name.startsWith("build-router-"),
    );
    const pattern = (name: string) =>
      JSON.parse(named(shared, "aws:cloudwatch/eventRule:EventRule", name).inputs.eventPattern);
    assert.equal(rules.length, 2);
    assert.deepEqual(
      pattern("build-router-push"),
      codeCommitPushPattern(APP_REPO, "main", ["referenceUpdated"]),
    );
    assert.deepEqual(
      pattern("build-router-branch"),
      codeCommitPushPattern(APP_REPO, "main", ["referenceCreated"]),
    );
    const push = {
      source: "aws.codecommit",
      "detail-type": "CodeCommit Repository State Change",
      resources: [APP_REPO],
      detail: { event: "referenceUpdated", referenceType: "branch", referenceName: "main" },
    };
    assert.ok(matches(pattern("build-router-push"), push));
    assert.ok(!matches(pattern("build-router-branch"), push));
    assert.ok(
      !matches(pattern("build-router-push"), {
        ...push,
        detail: { ...push.detail, referenceName: "feature" },
      }),
    );
    assert.ok(
      !matches(pattern("build-router-push"), {
        ...push,
        resources: [ARN("codecommit", "flux-repo")],
      }),
    );
    for (const [name, input] of [
      ["build-router-push", routerInputs().updated],
      ["build-router-branch", routerInputs().created],
    ] as const) {
      const target = named(shared, "aws:cloudwatch/eventTarget:EventTarget", name);
      assert.equal(target.inputs.arn, ARN("codebuild", "project/gitops-shared-build-router"));
      assert.equal(
        target.inputs.roleArn,
        `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-shared-build-router-events`,
      );
      assert.deepEqual(target.inputs.inputTransformer, input);
    }
  });

  it("attaches the router's documents to its two roles, each trusting one service", () => {
    const policy = (n: string) =>
      JSON.parse(named(shared, "aws:iam/rolePolicy:RolePolicy", n).inputs.policy);
    assert.deepEqual(
      policy("build-router"),
      routerPolicies.router({
        source: APP_REPO,
        pipelines: [
          ARN("codepipeline", "gitops-shared-front-end"),
          ARN("codepipeline", "gitops-shared-catalogue"),
        ],
        logs: ARN("logs", "log-group:/aws/codebuild/gitops-shared-build-router"),
      }),
    );
    assert.deepEqual(
      policy("build-router-events"),
      routerPolicies.startRouter(ARN("codebuild", "project/gitops-shared-build-router")),
    );
    const trust = (n: string) =>
      JSON.parse(named(shared, "aws:iam/role:Role", n).inputs.assumeRolePolicy).Statement[0]
        .Principal.Service;
    assert.deepEqual(["build-router", "build-router-events"].map(trust), [
      "codebuild.amazonaws.com",
      "events.amazonaws.com",
    ]);
    const logs = named(shared, "aws:cloudwatch/logGroup:LogGroup", "build-router-logs");
    assert.deepEqual(
      [logs.inputs.name, logs.inputs.retentionInDays, logs.protect],
      ["/aws/codebuild/gitops-shared-build-router", 30, true],
    );
  });
});
