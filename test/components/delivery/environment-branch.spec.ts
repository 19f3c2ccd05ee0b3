/**
 * A later stage's branch of microservices-repo: the provider against a mocked CodeCommit (created
 * once from the seed commit, held on a fresh repository, left alone when it exists), and the
 * shared stack's declarations (one branch per later stage of the promotion path).
 */
import * as assert from "node:assert/strict";
import {
  BranchDoesNotExistException,
  BranchNameExistsException,
  CodeCommitClient,
  CreateBranchCommand,
  CreateCommitCommand,
  GetBranchCommand,
} from "@aws-sdk/client-codecommit";
import { mockClient } from "aws-sdk-client-mock";
import {
  environmentBranchProvider,
  type EnvironmentBranchInputs,
} from "../../../components/delivery/environment-branch";
import { HOLD_FILE, holdFiles } from "../../../components/delivery/promotion-hold";
import { ofType } from "../../helpers/resources";
import { fixtureRun, fixtureSharedOutputs, runFixture } from "../../helpers/stacks";

const cc = mockClient(CodeCommitClient);
const SEED = "5eed".padEnd(40, "0");
const noBranch = () => new BranchDoesNotExistException({ message: "no", $metadata: {} });
/** CodeCommit with `main` at SEED and no env/staging yet. */
const fresh = () =>
  cc
    .on(GetBranchCommand)
    .rejects(noBranch())
    .on(GetBranchCommand, { branchName: "main" })
    .resolves({ branch: { branchName: "main", commitId: SEED } });

const inputs = (over: Partial<EnvironmentBranchInputs> = {}): EnvironmentBranchInputs => ({
  region: "eu-west-1",
  profile: "",
  repositoryName: "microservices-repo",
  branch: "env/staging",
  fromBranch: "main",
  files: holdFiles("staging", ["front-end", "catalogue"]),
  commitMessage: "env/staging: branch for promotions, held until the first one",
  authorName: "gitops-platform",
  email: "gitops-platform@users.noreply.local",
  ...over,
});

/** The provider's create, its outputs required. */
async function create(i: EnvironmentBranchInputs) {
  const r = await environmentBranchProvider.create(i);
  assert.ok(r.outs);
  return { id: r.id, outs: r.outs };
}

describe("components/delivery: EnvironmentBranch provider (mocked CodeCommit)", () => {
  beforeEach(() => cc.reset());

  it("creates the branch at the default branch's head, then commits the hold on it", async () => {
    fresh();
    cc.on(CreateBranchCommand).resolves({});
    cc.on(CreateCommitCommand).resolves({ commitId: "4b1d".padEnd(40, "0") });
    const { id, outs } = await create(inputs());
    assert.equal(id, "microservices-repo/env/staging");
    assert.deepEqual(cc.commandCalls(CreateBranchCommand)[0].args[0].input, {
      repositoryName: "microservices-repo",
      branchName: "env/staging",
      commitId: SEED,
    });
    const commit = cc.commandCalls(CreateCommitCommand)[0].args[0].input;
    assert.equal(commit.branchName, "env/staging");
    assert.equal(commit.parentCommitId, SEED);
    assert.deepEqual(
      commit.putFiles!.map((f) => f.filePath),
      [
        "overlays/staging/front-end/kustomization.yaml",
        `overlays/staging/front-end/${HOLD_FILE}`,
        "overlays/staging/catalogue/kustomization.yaml",
        `overlays/staging/catalogue/${HOLD_FILE}`,
      ],
    );
    assert.match(Buffer.from(commit.putFiles![1].fileContent!).toString(), /kind: ConfigMap/);
    assert.equal(outs.commitId, "4b1d".padEnd(40, "0"));
    assert.equal(outs.created, true);
  });

  it("without hold files, the branch alone", async () => {
    fresh();
    cc.on(CreateBranchCommand).resolves({});
    const { outs } = await create(inputs({ files: [] }));
    assert.equal(cc.commandCalls(CreateBranchCommand).length, 1);
    assert.equal(cc.commandCalls(CreateCommitCommand).length, 0);
    assert.equal(outs.commitId, SEED);
  });

  it("leaves an existing branch alone: approved pull requests own it", async () => {
    cc.on(GetBranchCommand).resolves({
      branch: { branchName: "env/staging", commitId: "f".repeat(40) },
    });
    const { outs } = await create(inputs());
    assert.equal(cc.commandCalls(CreateBranchCommand).length, 0);
    assert.equal(cc.commandCalls(CreateCommitCommand).length, 0);
    assert.deepEqual([outs.commitId, outs.created], ["f".repeat(40), false]);
  });

  it("a branch someone made in between stands", async () => {
    cc.on(GetBranchCommand, { branchName: "env/staging" })
      .rejectsOnce(noBranch())
      .resolves({ branch: { branchName: "env/staging", commitId: "e".repeat(40) } })
      .on(GetBranchCommand, { branchName: "main" })
      .resolves({ branch: { branchName: "main", commitId: SEED } });
    cc.on(CreateBranchCommand).rejects(
      new BranchNameExistsException({ message: "x", $metadata: {} }),
    );
    const { outs } = await create(inputs());
    assert.equal(cc.commandCalls(CreateCommitCommand).length, 0);
    assert.deepEqual([outs.commitId, outs.created], ["e".repeat(40), false]);
  });

  it("makes nothing while the default branch does not exist", async () => {
    cc.on(GetBranchCommand).rejects(noBranch());
    const { outs } = await create(inputs());
    assert.equal(cc.commandCalls(CreateBranchCommand).length, 0);
    assert.equal(outs.created, false);
  });

  it("never updates nor deletes git; a new branch name is a new resource", async () => {
    const olds = { ...inputs(), commitId: SEED, created: true };
    assert.deepEqual(await environmentBranchProvider.diff!("id", olds, inputs({ files: [] })), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(
      (await environmentBranchProvider.diff!("id", olds, inputs({ branch: "env/qa" }))).replaces,
      ["branch"],
    );
    await environmentBranchProvider.delete!("id", olds);
    assert.equal(cc.calls().length, 0);
  });
});

describe("components/delivery: the shared stack's environment branches", () => {
  it("one per later stage, from microservices-repo's seed, with the hold", async () => {
    const [run, outputs] = await Promise.all([fixtureRun("shared"), fixtureSharedOutputs()]);
    const stages = (outputs.promotion as { stages: { environment: string; branch: string }[] })
      .stages;
    const branches = ofType(run, "pulumi-nodejs:dynamic/codecommit:EnvironmentBranch");
    assert.deepEqual(
      branches.map((b) => [b.name, b.inputs.branch]),
      stages.slice(1).map((s) => [`repos-branch-${s.environment}`, s.branch]),
    );
    const seed = ofType(run, "pulumi-nodejs:dynamic/codecommit:RepositorySeed").find(
      (r) => r.inputs.source === "gitops/microservices-repo",
    );
    assert.ok(seed);
    for (const b of branches) {
      assert.equal(b.inputs.repositoryName, "microservices-repo");
      // From the default branch, after the seed made it.
      assert.equal(b.inputs.fromBranch, "main");
      assert.ok(b.dependencies.includes(seed.urn));
      const env = String(b.inputs.branch).replace("env/", "");
      assert.deepEqual(b.inputs.files, holdFiles(env, ["front-end", "catalogue"]));
    }
  });

  it("a path of one stage makes no branch", async () => {
    const run = await runFixture("shared", { config: { promotion: ["dev"] } });
    assert.equal(ofType(run, "pulumi-nodejs:dynamic/codecommit:EnvironmentBranch").length, 0);
  });
});
