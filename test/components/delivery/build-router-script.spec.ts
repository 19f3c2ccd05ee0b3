/**
 * The build router: a push to app-repo starts only the pipelines of the services whose folder it
 * changed. The router's real script runs here on a real git history in a temporary repository,
 * with a stand-in `aws` command that records the calls; the push events are the documented
 * CodeCommit samples, transformed as EventBridge does (build-router.spec.ts matches them against
 * the recorded rules).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import {
  routerInputs,
  routerScript,
  type RoutedService,
} from "../../../components/delivery/build-router-script";
import { transformInput } from "../../helpers/input-transformer";

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
