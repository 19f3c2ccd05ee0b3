import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { named } from "../../helpers/resources";
import { type StackRun } from "../../../harness/run";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { Repositories } from "../../../components/delivery/repositories";
import { collectSeedFiles, seedDigest } from "../../../components/delivery/seed-files";
import { fixtureRun, runFixture } from "../../helpers/stacks";

const GITOPS = path.join(__dirname, "../../../gitops");
const REPO = "aws:codecommit/repository:Repository";
const SEED = "pulumi-nodejs:dynamic/codecommit:RepositorySeed";

describe("Repositories (shared stack)", () => {
  let shared: StackRun;
  before(async () => {
    shared = await fixtureRun("shared");
  });

  it("declares the three CodeCommit repositories, protected, with default branch main", () => {
    const repos = shared.resources.filter((r) => r.type === REPO);
    assert.deepEqual(
      repos.map((r) => [r.name, r.inputs.repositoryName, r.inputs.defaultBranch, r.protect]),
      [
        ["repos-flux-repo", "flux-repo", "main", true],
        ["repos-microservices-repo", "microservices-repo", "main", true],
        ["repos-app-repo", "app-repo", "main", true],
      ],
    );
    for (const r of repos) {
      assert.equal(r.parent, named(shared, "gitops-platform:delivery:Repositories", "repos").urn);
      assert.ok(String(r.inputs.description).length > 20);
    }
  });

  for (const folder of ["flux-repo", "microservices-repo", "app-repo"]) {
    it(`seeds ${folder} with every file of gitops/${folder}, after the repository exists`, () => {
      const files = collectSeedFiles(path.join(GITOPS, folder));
      assert.ok(files.length > 0, `gitops/${folder} has content`);
      const seed = named(shared, SEED, `repos-${folder}-seed`);
      const repo = named(shared, REPO, `repos-${folder}`);
      assert.deepEqual(seed.propertyDependencies.repositoryName, [repo.urn]);
      assert.equal(seed.inputs.repositoryName, folder);
      assert.equal(seed.inputs.branch, "main");
      assert.equal(seed.inputs.region, "us-east-1");
      assert.equal(seed.inputs.source, `gitops/${folder}`);
      assert.equal(seed.inputs.fileCount, files.length);
      assert.equal(seed.inputs.digest, seedDigest(files));
      assert.deepEqual(
        seed.inputs.files,
        files.map((f) => ({ path: f.path, content: f.content.toString("base64"), mode: f.mode })),
      );
    });
  }

  it("serializes a small provider whose only dependency is the CodeCommit SDK", () => {
    const text = String(named(shared, SEED, "repos-flux-repo-seed").inputs.__provider);
    assert.ok(text.length < 20_000, `closure is ${text.length} characters`);
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(required)], ["@aws-sdk/client-codecommit"]);
    assert.match(text, /CreateCommitCommand/);
  });

  it("exports each repository as {name, arn, cloneUrlHttp}", () => {
    assert.deepEqual(shared.outputs.fluxRepo, {
      name: "flux-repo",
      arn: `arn:aws:codecommit:us-east-1:${MOCK_ACCOUNT}:flux-repo`,
      cloneUrlHttp: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/flux-repo",
    });
    assert.deepEqual(shared.outputs.appRepo, {
      name: "app-repo",
      arn: `arn:aws:codecommit:us-east-1:${MOCK_ACCOUNT}:app-repo`,
      cloneUrlHttp: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app-repo",
    });
    assert.equal((shared.outputs.microservicesRepo as { name: string }).name, "microservices-repo");
    assert.equal(shared.outputs.defaultBranch, "main");
  });

  it("follows configured names", async () => {
    const run = await runFixture("shared", {
      config: { fluxRepoName: "platform-flux", defaultBranch: "trunk" },
    });
    const repo = named(run, REPO, "repos-flux-repo");
    const seed = named(run, SEED, "repos-flux-repo-seed");
    assert.deepEqual(
      [repo.inputs.repositoryName, repo.inputs.defaultBranch, seed.inputs.branch],
      ["platform-flux", "trunk", "trunk"],
    );
  });
});

describe("Repositories content checks", () => {
  let root: string;
  const names = { flux: "f", microservices: "m", app: "a" };
  const program = () => () => {
    new Repositories("r", {
      names,
      defaultBranch: "main",
      region: "eu-west-1",
      contentRoot: root,
      protect: false,
    });
    return {};
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-"));
    for (const d of ["flux-repo", "microservices-repo", "app-repo"]) {
      fs.mkdirSync(path.join(root, d));
    }
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("refuses content that breaks a CodeCommit limit before declaring anything", async () => {
    fs.writeFileSync(path.join(root, "flux-repo/.gitkeep"), "");
    fs.writeFileSync(path.join(root, "app-repo/big.bin"), Buffer.alloc(6_000_001));
    await assert.rejects(runFixture("shared", { program: program() }), {
      message:
        "The repository seed content breaks CodeCommit limits:\n" +
        "  - gitops/flux-repo/.gitkeep is empty; the CodeCommit API rejects empty files (FileContentRequiredException). Give it content, e.g. a comment line.\n" +
        "  - gitops/app-repo/big.bin is 6,000,001 bytes; a file committed through the CodeCommit API may be at most 6 MB (6,000,000 bytes). Remove it from the seed and push it with git.",
    });
  });

  it("declares no seed for an empty folder (the repository still exists)", async () => {
    fs.writeFileSync(path.join(root, "app-repo/README.md"), "# app\n");
    const run = await runFixture("shared", { program: program() });
    assert.deepEqual(
      run.resources.filter((r) => r.type === REPO).map((r) => r.inputs.repositoryName),
      ["f", "m", "a"],
    );
    assert.deepEqual(
      run.resources.filter((r) => r.type === SEED).map((r) => [r.name, r.inputs.fileCount]),
      [["r-app-repo-seed", 1]],
    );
  });
});
