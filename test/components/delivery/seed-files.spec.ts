import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CODECOMMIT_LIMITS,
  collectSeedFiles,
  seedDigest,
  seedBatches,
  seedLimitProblems,
} from "../../../components/delivery/seed-files";

describe("seed files (gitops/<repo> content)", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-"));
    fs.mkdirSync(path.join(dir, "clusters/dev"), { recursive: true });
    fs.mkdirSync(path.join(dir, ".git"));
    fs.writeFileSync(path.join(dir, ".git/HEAD"), "ref: refs/heads/main\n");
    fs.writeFileSync(path.join(dir, "clusters/dev/kustomization.yaml"), "resources: []\n");
    fs.writeFileSync(path.join(dir, "README.md"), "# flux-repo\n");
    fs.writeFileSync(path.join(dir, "run.sh"), "#!/bin/sh\n", { mode: 0o755 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("collects every regular file, sorted, with /-paths and git modes, skipping .git", () => {
    const files = collectSeedFiles(dir);
    assert.deepEqual(
      files.map((f) => [f.path, f.mode, f.content.toString()]),
      [
        ["README.md", "NORMAL", "# flux-repo\n"],
        ["clusters/dev/kustomization.yaml", "NORMAL", "resources: []\n"],
        ["run.sh", "EXECUTABLE", "#!/bin/sh\n"],
      ],
    );
  });

  it("treats a missing folder as empty and refuses symbolic links by name", () => {
    assert.deepEqual(collectSeedFiles(path.join(dir, "absent")), []);
    const link = path.join(dir, "link.md");
    fs.symlinkSync("README.md", link);
    try {
      assert.throws(() => collectSeedFiles(dir), {
        message: `Seed file ${link} is not a regular file (symbolic link or special file): CreateCommit seeds regular files only. Replace it with a copy of its target.`,
      });
    } finally {
      fs.unlinkSync(link);
    }
  });

  it("digests paths, modes and bytes (any change gives another digest)", () => {
    const files = collectSeedFiles(dir);
    const d = seedDigest(files);
    assert.match(d, /^[0-9a-f]{64}$/);
    assert.equal(seedDigest(collectSeedFiles(dir)), d);
    const changed = files.map((f, i) => (i === 0 ? { ...f, mode: "EXECUTABLE" as const } : f));
    assert.notEqual(seedDigest(changed), d);
  });

  it("accepts content within the CodeCommit limits", () => {
    assert.deepEqual(
      seedLimitProblems("gitops/x", [
        { path: "a.yaml", size: 10 },
        { path: "b/c.png", size: CODECOMMIT_LIMITS.fileBytes },
      ]),
      [],
    );
  });

  it("names each file, folder and limit it refuses, with the fix", () => {
    const deep = `${Array.from({ length: 21 }, (_, i) => `d${i}`).join("/")}/f.yaml`;
    const problems = seedLimitProblems("gitops/x", [
      { path: "empty.txt", size: 0 },
      { path: "big/image.tar", size: 6_500_000 },
      { path: "big/notes.md", size: 10 },
      { path: deep, size: 1 },
      { path: `${"p".repeat(4097)}`, size: 1 },
    ]);
    assert.deepEqual(problems, [
      "gitops/x/empty.txt is empty; the CodeCommit API rejects empty files (FileContentRequiredException). Give it content, e.g. a comment line.",
      "gitops/x/big/image.tar is 6,500,000 bytes; a file committed through the CodeCommit API may be at most 6 MB (6,000,000 bytes). Remove it from the seed and push it with git.",
      `gitops/x/${deep} is 21 directories deep; CodeCommit allows at most 20. Flatten the folder structure.`,
      `gitops/x/${"p".repeat(60)}... has a 4097-character path; CodeCommit allows at most 4096. Shorten it.`,
    ]);
  });

  it("refuses no file at all", () => {
    assert.deepEqual(seedLimitProblems("gitops/x", []), [
      "gitops/x has no files: a commit needs at least one. Add the content first.",
    ]);
  });

  it("cuts content into commits of at most 100 files, 7 MB, and 6 MB of one folder, in order", () => {
    const names = (batches: { path: string }[][]) => batches.map((b) => b.map((f) => f.path));
    const many = Array.from({ length: 201 }, (_, i) => ({ path: `f${i}.yaml`, size: 1 }));
    assert.deepEqual(
      seedBatches(many).map((b) => b.length),
      [100, 100, 1],
    );
    assert.deepEqual(seedBatches(many).flat(), many);
    // 7.2 MB in all: two commits.
    const heavy = ["a", "b"].map((d) => ({ path: `${d}/blob.bin`, size: 3_600_000 }));
    assert.deepEqual(names(seedBatches(heavy)), [["a/blob.bin"], ["b/blob.bin"]]);
    // 7 MB in one folder: two commits; 6.5 MB over two folders: one.
    const folder = [
      { path: "a/1.bin", size: 4_000_000 },
      { path: "a/2.bin", size: 3_000_000 },
    ];
    assert.deepEqual(names(seedBatches(folder)), [["a/1.bin"], ["a/2.bin"]]);
    const spread = [
      { path: "b/1.bin", size: 4_000_000 },
      { path: "c/1.bin", size: 2_500_000 },
    ];
    assert.deepEqual(names(seedBatches(spread)), [["b/1.bin", "c/1.bin"]]);
    assert.deepEqual(seedBatches([]), []);
  });
});
