import * as assert from "node:assert/strict";
import {
  BranchDoesNotExistException,
  CodeCommitClient,
  CreateCommitCommand,
  GetBranchCommand,
  ListBranchesCommand,
  ParentCommitIdRequiredException,
} from "@aws-sdk/client-codecommit";
import { mockClient } from "aws-sdk-client-mock";
import {
  seedProvider,
  type SeedInputs,
  type SeedOutputs,
} from "../../../components/delivery/repository-seed";

const cc = mockClient(CodeCommitClient);
const noBranch = () =>
  new BranchDoesNotExistException({ message: "Branch does not exist", $metadata: {} });

/** Provider inputs for files given as (path, bytes) pairs. */
function inputs(files: [string, Buffer][], over: Partial<SeedInputs> = {}): SeedInputs {
  return {
    region: "eu-west-1",
    repositoryName: "flux-repo",
    branch: "main",
    source: "gitops/flux-repo",
    files: files.map(([p, c]) => ({ path: p, content: c.toString("base64"), mode: "NORMAL" })),
    fileCount: files.length,
    digest: "d",
    commitMessage: "Initial content from gitops-platform (gitops/flux-repo)",
    authorName: "gitops-platform",
    email: "gitops-platform@users.noreply.local",
    ...over,
  };
}

describe("seed provider (CodeCommit API, mocked with aws-sdk-client-mock)", () => {
  beforeEach(() => cc.reset());

  it("commits every file in one commit without a parent when the repository is empty", async () => {
    cc.on(GetBranchCommand).rejects(noBranch());
    cc.on(ListBranchesCommand).resolves({ branches: [] });
    cc.on(CreateCommitCommand).resolves({ commitId: "c0ffee".padEnd(40, "0") });
    const a = Buffer.from("apiVersion: v1\n");
    const b = Buffer.from("kind: Kustomization\n");
    const result = await seedProvider.create(
      inputs([
        ["a.yaml", a],
        ["dir/b.yaml", b],
      ]),
    );

    assert.equal(result.id, "flux-repo/main");
    assert.equal(result.outs!.commitId, "c0ffee".padEnd(40, "0"));
    assert.equal(result.outs!.seeded, true);
    const calls = cc.commandCalls(CreateCommitCommand);
    assert.equal(calls.length, 1);
    const sent = calls[0].args[0].input;
    assert.equal(sent.parentCommitId, undefined);
    assert.equal(sent.repositoryName, "flux-repo");
    assert.equal(sent.branchName, "main");
    assert.equal(sent.authorName, "gitops-platform");
    assert.deepEqual(
      sent.putFiles?.map((f) => [f.filePath, f.fileMode, Buffer.from(f.fileContent!).toString()]),
      [
        ["a.yaml", "NORMAL", "apiVersion: v1\n"],
        ["dir/b.yaml", "NORMAL", "kind: Kustomization\n"],
      ],
    );
    assert.equal(cc.commandCalls(GetBranchCommand)[0].args[0].input.branchName, "main");
  });

  it("sends binary files byte for byte, and executable files as EXECUTABLE", async () => {
    cc.on(GetBranchCommand).rejects(noBranch());
    cc.on(ListBranchesCommand).resolves({});
    cc.on(CreateCommitCommand).resolves({ commitId: "1".repeat(40) });
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80,
    ]);
    const seed = inputs([
      ["logo.png", png],
      ["build.sh", Buffer.from("#!/bin/sh\n")],
    ]);
    await seedProvider.create({
      ...seed,
      files: seed.files.map((f) => (f.path === "build.sh" ? { ...f, mode: "EXECUTABLE" } : f)),
    });
    const put = cc.commandCalls(CreateCommitCommand)[0].args[0].input.putFiles!;
    assert.deepEqual(Buffer.from(put[0].fileContent!), png);
    assert.deepEqual(
      put.map((f) => [f.filePath, f.fileMode]),
      [
        ["logo.png", "NORMAL"],
        ["build.sh", "EXECUTABLE"],
      ],
    );
  });

  it("leaves a branch that already has commits alone", async () => {
    cc.on(GetBranchCommand).resolves({ branch: { branchName: "main", commitId: "a".repeat(40) } });
    const result = await seedProvider.create(inputs([["a.yaml", Buffer.from("x")]]));
    assert.deepEqual([result.outs!.commitId, result.outs!.seeded], ["a".repeat(40), false]);
    assert.equal(cc.commandCalls(CreateCommitCommand).length, 0);
    assert.equal(cc.commandCalls(ListBranchesCommand).length, 0);
  });

  it("leaves a repository with other branches alone", async () => {
    cc.on(GetBranchCommand).rejects(noBranch());
    cc.on(ListBranchesCommand).resolves({ branches: ["develop"] });
    const result = await seedProvider.create(inputs([["a.yaml", Buffer.from("x")]]));
    assert.deepEqual([result.outs!.commitId, result.outs!.seeded], ["", false]);
    assert.equal(cc.commandCalls(CreateCommitCommand).length, 0);
  });

  it("yields to a push that lands between its check and its commit", async () => {
    cc.on(GetBranchCommand)
      .rejectsOnce(noBranch())
      .resolves({ branch: { commitId: "b".repeat(40) } });
    cc.on(ListBranchesCommand).resolves({ branches: [] });
    cc.on(CreateCommitCommand).rejects(
      new ParentCommitIdRequiredException({ message: "parent required", $metadata: {} }),
    );
    const result = await seedProvider.create(inputs([["a.yaml", Buffer.from("x")]]));
    assert.deepEqual([result.outs!.commitId, result.outs!.seeded], ["b".repeat(40), false]);
  });

  it("commits content beyond one commit's limits as a chain of commits, each on the one before", async () => {
    cc.on(GetBranchCommand).rejects(noBranch());
    cc.on(ListBranchesCommand).resolves({ branches: [] });
    cc.on(CreateCommitCommand)
      .resolvesOnce({ commitId: "1".repeat(40) })
      .resolvesOnce({ commitId: "2".repeat(40) });
    const many = Array.from(
      { length: 101 },
      (_, i) => [`f${String(i).padStart(3, "0")}.yaml`, Buffer.from("x")] as [string, Buffer],
    );
    const result = await seedProvider.create(inputs(many));
    assert.deepEqual([result.outs!.commitId, result.outs!.seeded], ["2".repeat(40), true]);
    const calls = cc.commandCalls(CreateCommitCommand).map((c) => c.args[0].input);
    assert.deepEqual(
      calls.map((c) => [c.parentCommitId, c.putFiles?.length, c.commitMessage]),
      [
        [undefined, 100, "Initial content from gitops-platform (gitops/flux-repo) (part 1 of 2)"],
        [
          "1".repeat(40),
          1,
          "Initial content from gitops-platform (gitops/flux-repo) (part 2 of 2)",
        ],
      ],
    );
    assert.equal(calls[1].putFiles?.[0].filePath, "f100.yaml");
  });

  it("refuses a file no commit can take before calling CreateCommit", async () => {
    cc.on(GetBranchCommand).rejects(noBranch());
    cc.on(ListBranchesCommand).resolves({ branches: [] });
    const big = Buffer.alloc(6_000_001, 0x61);
    await assert.rejects(seedProvider.create(inputs([["big.txt", big]])), {
      message:
        "Cannot seed CodeCommit repository 'flux-repo':\n  - gitops/flux-repo/big.txt is 6,000,001 bytes; a file committed through the CodeCommit API may be at most 6 MB (6,000,000 bytes). Remove it from the seed and push it with git.",
    });
    assert.equal(cc.commandCalls(CreateCommitCommand).length, 0);
  });

  it("surfaces other API errors unchanged", async () => {
    cc.on(GetBranchCommand).rejects(new Error("AccessDeniedException: not authorized"));
    await assert.rejects(seedProvider.create(inputs([["a.yaml", Buffer.from("x")]])), {
      message: "AccessDeniedException: not authorized",
    });
  });

  it("diffs: new content is no change (git owns it); another repository or branch is a new seed", async () => {
    const olds: SeedOutputs = {
      ...inputs([["a.yaml", Buffer.from("x")]]),
      commitId: "a".repeat(40),
      seeded: true,
    };
    const newContent = inputs([["a.yaml", Buffer.from("y")]], { digest: "e" });
    assert.deepEqual(await seedProvider.diff!("flux-repo/main", olds, newContent), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const moved = inputs([], { repositoryName: "flux", branch: "trunk" });
    assert.deepEqual(await seedProvider.diff!("flux-repo/main", olds, moved), {
      changes: true,
      replaces: ["repositoryName", "branch"],
      deleteBeforeReplace: false,
    });
  });

  it("update and delete make no API call and keep the recorded commit", async () => {
    const olds: SeedOutputs = { ...inputs([]), commitId: "a".repeat(40), seeded: true };
    const news = inputs([["a.yaml", Buffer.from("y")]], { digest: "e" });
    const updated = await seedProvider.update!("flux-repo/main", olds, news);
    assert.deepEqual(updated.outs, { ...news, commitId: "a".repeat(40), seeded: true });
    await seedProvider.delete!("flux-repo/main", olds);
    assert.equal(cc.calls().length, 0);
  });
});
