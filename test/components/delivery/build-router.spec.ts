/**
 * The build router: a push to app-repo starts only the pipelines of the services whose folder it
 * changed. The router's real script runs here on a real git history in a temporary repository,
 * with a stand-in `aws` command that records the calls; the push events are the documented
 * CodeCommit samples, matched against the recorded rules and transformed as EventBridge does.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type StackRun } from "../../../harness/run";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { codeCommitPushPattern } from "../../../components/aws/codecommit-events";
import {
  renderRouterBuildspec,
  routerInputs,
  routerScript,
  type RoutedService,
} from "../../../components/delivery/build-router-script";
import { routerNames, routerPolicies } from "../../../components/delivery/build-router-policies";
import { matches } from "../../helpers/event-pattern";
import { transformInput } from "../../helpers/input-transformer";
import { allows } from "../../helpers/iam";
import { named, ofType } from "../../helpers/resources";
import { fixtureRun } from "../../helpers/stacks";

const ARN = (service: string, rest: string) =>
  `arn:aws:${service}:us-east-1:${MOCK_ACCOUNT}:${rest}`;
const APP_REPO = ARN("codecommit", "app-repo");
const SERVICES: RoutedService[] = [
  { service: "front-end", folder: "front-end", pipeline: "gitops-shared-front-end" },
  { service: "catalogue", folder: "catalogue", pipeline: "gitops-shared-catalogue" },
  // A folder that is a prefix of another's name, and a nested one.
  { service: "cat", folder: "cat", pipeline: "gitops-shared-cat" },
  { service: "api", folder: "services/api", pipeline: "gitops-shared-api" },
];

const git = spawnSync("git", ["--version"], { encoding: "utf8" });
const bash = spawnSync("bash", ["--version"], { encoding: "utf8" });
const HAVE_TOOLS = git.status === 0 && bash.status === 0;

/** A temporary app-repo with a history of commits; each commit's files, by label. */
class TempRepo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "router-repo-"));
  private readonly bin = fs.mkdtempSync(path.join(os.tmpdir(), "router-bin-"));
  readonly log = path.join(this.bin, "calls.log");

  constructor() {
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.email", "dev@example.invalid");
    this.git("config", "user.name", "dev");
    // The stand-in AWS CLI: one line per call with its arguments.
    fs.writeFileSync(path.join(this.bin, "aws"), `#!/bin/sh\necho "$*" >> "${this.log}"\n`, {
      mode: 0o755,
    });
  }

  git(...args: string[]): string {
    const r = spawnSync("git", args, { cwd: this.dir, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  }

  /** Writes the files and commits them; returns the commit id. */
  commit(files: Record<string, string>): string {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
      fs.writeFileSync(path.join(this.dir, file), text);
    }
    this.git("add", "-A");
    this.git("commit", "-q", "-m", Object.keys(files).join(" "));
    return this.git("rev-parse", "HEAD");
  }

  /** Runs the router's script as CodeBuild would; returns its output and the recorded calls. */
  route(after: string, before?: string): { output: string; calls: string[] } {
    fs.rmSync(this.log, { force: true });
    const env: Record<string, string> = {
      PATH: `${this.bin}:${process.env.PATH}`,
      CODEBUILD_RESOLVED_SOURCE_VERSION: after,
    };
    if (before !== undefined) env.PUSH_BEFORE_COMMIT = before;
    const r = spawnSync("bash", ["-c", routerScript(SERVICES)], {
      cwd: this.dir,
      env,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const calls = fs.existsSync(this.log)
      ? fs.readFileSync(this.log, "utf8").trim().split("\n")
      : [];
    return { output: r.stdout, calls };
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.rmSync(this.bin, { recursive: true, force: true });
  }
}

/** The call that starts `service`'s pipeline at `commit`. */
const started = (service: string, commit: string) => {
  const s = SERVICES.find((x) => x.service === service) as RoutedService;
  return (
    `codepipeline start-pipeline-execution --name ${s.pipeline} --source-revisions ` +
    `actionName=Source,revisionType=COMMIT_ID,revisionValue=${commit} ` +
    `--client-request-token ${commit}-${service}`
  );
};

describe("build router script (a real git history, a stand-in aws CLI)", function () {
  let repo: TempRepo;
  let c: Record<string, string>;

  before(function () {
    if (!HAVE_TOOLS) {
      console.warn("    SKIPPED: git or bash is not installed, so the router script cannot run.");
      this.skip();
    }
    repo = new TempRepo();
    c = {
      seed: repo.commit({
        "README.md": "# app\n",
        "front-end/server.js": "1",
        "catalogue/server.js": "1",
        "cat/server.js": "1",
        "services/api/server.js": "1",
      }),
    };
    c.catalogue = repo.commit({ "catalogue/server.js": "2" });
    c.frontEnd = repo.commit({ "front-end/server.js": "2" });
    c.readme = repo.commit({ "README.md": "# app, again\n" });
    c.api = repo.commit({ "services/api/server.js": "2" });
  });

  after(() => repo?.remove());

  it("starts only catalogue's pipeline for a push that touches only catalogue/", () => {
    const { output, calls } = repo.route(c.catalogue, c.seed);
    assert.deepEqual(calls, [started("catalogue", c.catalogue)]);
    assert.match(output, /front-end: nothing changed in front-end\//);
    assert.match(output, /cat: nothing changed in cat\//);
    assert.match(output, /Started 1 of 4 pipelines\./);
  });

  it("looks at every commit of a push, not only the last one", () => {
    const { calls } = repo.route(c.api, c.seed);
    assert.deepEqual(calls, [
      started("front-end", c.api),
      started("catalogue", c.api),
      started("api", c.api),
    ]);
  });

  it("starts nothing for a push outside every service's folder", () => {
    const { output, calls } = repo.route(c.readme, c.frontEnd);
    assert.deepEqual(calls, []);
    assert.match(output, /Started 0 of 4 pipelines\./);
  });

  it("counts a file moved out of a folder as a change of that folder too", () => {
    repo.git("mv", "cat/server.js", "front-end/cat.js");
    repo.git("commit", "-q", "-m", "move");
    const moved = repo.git("rev-parse", "HEAD");
    assert.deepEqual(repo.route(moved, c.api).calls, [
      started("front-end", moved),
      started("cat", moved),
    ]);
  });

  it("starts every pipeline when there is no earlier commit to compare with", () => {
    const all = (commit: string) => SERVICES.map((s) => started(s.service, commit));
    // A push that created the branch (no PUSH_BEFORE_COMMIT) ...
    const created = repo.route(c.catalogue);
    assert.deepEqual(created.calls, all(c.catalogue));
    assert.match(created.output, /No earlier commit to compare with/);
    // ... or one whose old commit is gone (history rewritten).
    assert.deepEqual(repo.route(c.catalogue, "0".repeat(40)).calls, all(c.catalogue));
  });

  it("routes the documented push event: EventBridge rule, input transformer, then the script", () => {
    const event = {
      version: "0",
      "detail-type": "CodeCommit Repository State Change",
      source: "aws.codecommit",
      account: MOCK_ACCOUNT,
      region: "us-east-1",
      resources: [APP_REPO],
      detail: {
        event: "referenceUpdated",
        repositoryName: "app-repo",
        referenceType: "branch",
        referenceName: "main",
        referenceFullName: "refs/heads/main",
        commitId: c.catalogue,
        oldCommitId: c.seed,
      },
    };
    const input = transformInput(event, routerInputs().updated) as {
      sourceVersion: string;
      environmentVariablesOverride: { name: string; value: string; type: string }[];
    };
    assert.deepEqual(input, {
      sourceVersion: c.catalogue,
      environmentVariablesOverride: [
        { name: "PUSH_BEFORE_COMMIT", value: c.seed, type: "PLAINTEXT" },
      ],
    });
    const before = input.environmentVariablesOverride[0].value;
    assert.deepEqual(repo.route(input.sourceVersion, before).calls, [
      started("catalogue", c.catalogue),
    ]);
    // A created branch has no oldCommitId: its own template passes the commit only.
    const created = { ...event, detail: { ...event.detail, event: "referenceCreated" } };
    delete (created.detail as { oldCommitId?: string }).oldCommitId;
    assert.deepEqual(transformInput(created, routerInputs().created), {
      sourceVersion: c.catalogue,
    });
    assert.throws(
      () => transformInput(created, routerInputs().updated),
      /no \$\.detail\.oldCommitId/,
    );
  });
});

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
    const rules = ofType(shared, "aws:cloudwatch/eventRule:EventRule");
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
