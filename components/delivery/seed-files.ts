/**
 * The initial content of a CodeCommit repository: every file under one folder of `gitops/`, read
 * at program time, checked against the limits of the CodeCommit `CreateCommit` API before any call
 * and split into as many commits as those limits need (`seedBatches`).
 * Limits: https://docs.aws.amazon.com/codecommit/latest/userguide/limits.html and the CreateCommit
 * errors (FileContentSizeLimitExceededException: "The maximum file size is 6 MB, and the combined
 * file content change size is 7 MB"; FolderContentSizeLimitExceededException: 6 MB per folder).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

/** One file of a seed, as sent to CreateCommit (`putFiles`). */
export interface SeedFile {
  /** Path inside the repository, `/`-separated, no leading slash. */
  readonly path: string;
  /** Raw bytes: text and binary files alike are sent unchanged (the API field is a blob). */
  readonly content: Buffer;
  /** Git file mode: EXECUTABLE when the owner-execute bit is set, else NORMAL. */
  readonly mode: "NORMAL" | "EXECUTABLE";
}

/**
 * CodeCommit limits for a commit made through the API (not through git). MB is read as 10^6 bytes:
 * the documents do not say MiB, and the smaller reading never lets a refused commit through.
 */
export const CODECOMMIT_LIMITS = {
  /** "Number of files in a commit: Maximum of 100." */
  filesPerCommit: 100,
  /** "File size: Maximum of 6 MB for any individual file when using the console, APIs, or the CLI." */
  fileBytes: 6_000_000,
  /** FileContentSizeLimitExceededException: "the combined file content change size is 7 MB". */
  commitBytes: 7_000_000,
  /**
   * FolderContentSizeLimitExceededException: a folder whose contents exceed 6 MB. How AWS counts a
   * folder is not documented; this checks the files directly in each folder.
   */
  folderBytes: 6_000_000,
  /** "File paths: ... between 1 and 4,096 characters in length." */
  pathLength: 4096,
  /** "File paths cannot exceed 20 directories in depth." */
  pathDepth: 20,
} as const;

/** Folder names never seeded: a nested git directory is not content. */
const SKIPPED = new Set([".git"]);

/**
 * Every regular file under `root`, sorted by path. Symbolic links and other special files are
 * refused (the seed would not be what `git clone` of this project shows). A missing folder is empty.
 */
export function collectSeedFiles(root: string): SeedFile[] {
  if (!fs.existsSync(root)) return [];
  const files: SeedFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join("/");
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(full);
      } else if (entry.isFile()) {
        const executable = (fs.statSync(full).mode & 0o100) !== 0;
        files.push({
          path: rel,
          content: fs.readFileSync(full),
          mode: executable ? "EXECUTABLE" : "NORMAL",
        });
      } else {
        throw new Error(
          `Seed file ${full} is not a regular file (symbolic link or special file): ` +
            `CreateCommit seeds regular files only. Replace it with a copy of its target.`,
        );
      }
    }
  };
  walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`;
const limit = (n: number) => `${n / 1_000_000} MB (${bytes(n)})`;

/**
 * Every file of `files` that no CreateCommit can take, each naming the file, the limit and the
 * fix; empty when the content can be committed (in one commit or several: `seedBatches`). `label`
 * names the content in messages (e.g. `gitops/flux-repo`).
 */
export function seedLimitProblems(
  label: string,
  files: readonly { readonly path: string; readonly size: number }[],
): string[] {
  const L = CODECOMMIT_LIMITS;
  const problems: string[] = [];
  if (files.length === 0) {
    problems.push(`${label} has no files: a commit needs at least one. Add the content first.`);
  }
  for (const f of files) {
    if (f.size === 0) {
      problems.push(
        `${label}/${f.path} is empty; the CodeCommit API rejects empty files ` +
          `(FileContentRequiredException). Give it content, e.g. a comment line.`,
      );
    }
    if (f.size > L.fileBytes) {
      problems.push(
        `${label}/${f.path} is ${bytes(f.size)}; a file committed through the CodeCommit API ` +
          `may be at most ${limit(L.fileBytes)}. Remove it from the seed and push it with git.`,
      );
    }
    if (f.path.length > L.pathLength) {
      problems.push(
        `${label}/${f.path.slice(0, 60)}... has a ${f.path.length}-character path; ` +
          `CodeCommit allows at most ${L.pathLength}. Shorten it.`,
      );
    }
    const depth = f.path.split("/").length - 1;
    if (depth > L.pathDepth) {
      problems.push(
        `${label}/${f.path} is ${depth} directories deep; CodeCommit allows at most ` +
          `${L.pathDepth}. Flatten the folder structure.`,
      );
    }
  }
  return problems;
}

const folderOf = (file: string) =>
  file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : ".";

/**
 * The commits a seed takes: `files` (already within the per-file limits) in their order, cut into
 * batches of at most 100 files and 7 MB, with at most 6 MB of any one folder in a batch, so a seed
 * of any size is a chain of CreateCommit calls (a few services' manifests already pass 100 files).
 */
export function seedBatches<T extends { readonly path: string; readonly size: number }>(
  files: readonly T[],
): T[][] {
  const L = CODECOMMIT_LIMITS;
  const batches: T[][] = [];
  let batch: T[] = [];
  let total = 0;
  let folders = new Map<string, number>();
  for (const f of files) {
    const folder = folderOf(f.path);
    const inFolder = (folders.get(folder) ?? 0) + f.size;
    if (
      batch.length > 0 &&
      (batch.length === L.filesPerCommit ||
        total + f.size > L.commitBytes ||
        inFolder > L.folderBytes)
    ) {
      batches.push(batch);
      batch = [];
      total = 0;
      folders = new Map<string, number>();
    }
    batch.push(f);
    total += f.size;
    folders.set(folder, (folders.get(folder) ?? 0) + f.size);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** A stable digest of the content (paths, modes, bytes), shown in the plan and stored in state. */
export function seedDigest(files: readonly SeedFile[]): string {
  const h = crypto.createHash("sha256");
  for (const f of files) {
    h.update(`${f.path}\0${f.mode}\0${f.content.length}\0`);
    h.update(f.content);
  }
  return h.digest("hex");
}

/** sha256 of each file's bytes, by path: what the seed records of the content it committed. */
export function fileDigests(files: readonly SeedFile[]): Record<string, string> {
  return Object.fromEntries(
    files.map((f) => [f.path, crypto.createHash("sha256").update(f.content).digest("hex")]),
  );
}

/**
 * The warning for content of `gitops/` that the create-only seed will never apply: `seeded` is
 * what the seed committed (its recorded digests; only the overall digest for seeds made before
 * per-file digests were recorded), `current` what the folder holds now. Undefined when equal.
 */
export function seedDriftWarning(
  label: string,
  repository: string,
  current: { readonly digest: string; readonly files: Readonly<Record<string, string>> },
  seeded: { readonly digest: string; readonly files?: Readonly<Record<string, string>> },
): string | undefined {
  if (current.digest === seeded.digest) return undefined;
  let what = "its content changed";
  if (seeded.files) {
    const changed = Object.keys(current.files).filter(
      (p) => p in seeded.files! && seeded.files![p] !== current.files[p],
    );
    const added = Object.keys(current.files).filter((p) => !(p in seeded.files!));
    const removed = Object.keys(seeded.files).filter((p) => !(p in current.files));
    what = [
      changed.length ? `changed ${changed.join(", ")}` : "",
      added.length ? `added ${added.join(", ")}` : "",
      removed.length ? `removed ${removed.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("; ");
  }
  return (
    `${label} differs from what was seeded into CodeCommit repository ${repository} (${what}). ` +
    `The seed is create-only: pulumi up never applies this. Commit the change to ${repository} ` +
    `(git clone codecommit::<region>://${repository}, copy the files, push), or revert it in ${label}.`
  );
}
