/**
 * The Git side of the in-memory CodeCommit (fake-codecommit.ts): commits are trees with parents,
 * branches point at commits; CreateCommit refuses an outdated parent
 * (ParentCommitIdOutdatedException), a path twice (SamePathRequestException), deleting an absent
 * file (FileDoesNotExistException) and a commit that changes nothing (NoChangeException);
 * CreateBranch refuses an existing name (BranchNameExistsException).
 */
import { createHash } from "node:crypto";
import { blobId } from "../../promotion/src/changes";
import type { NewCommit, TreeFile } from "../../promotion/src/ports";

export type Tree = ReadonlyMap<string, string>;
interface Commit {
  readonly id: string;
  readonly tree: Tree;
  readonly parents: readonly string[];
  readonly message: string;
}

export class CodeCommitError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = code;
  }
}

export class FakeGit {
  readonly commits = new Map<string, Commit>();
  readonly branches = new Map<string, string>();
  readonly calls: string[] = [];
  private counter = 0;

  /** A root commit on `branch` with `files`. */
  seed(branch: string, files: Readonly<Record<string, string>>): string {
    const id = this.store(new Map(Object.entries(files)), [], "seed");
    this.branches.set(branch, id);
    return id;
  }

  /** A commit by someone else (image automation, a person), on `branch`'s tip. */
  push(branch: string, edit: (tree: Map<string, string>) => void, message: string): string {
    const tip = this.tip(branch);
    const tree = new Map(this.commit(tip).tree);
    edit(tree);
    const id = this.store(tree, [tip], message);
    this.branches.set(branch, id);
    return id;
  }

  tree(commitId: string): Tree {
    return this.commit(commitId).tree;
  }

  tip(branch: string): string {
    const id = this.branches.get(branch);
    if (!id) throw new CodeCommitError("BranchDoesNotExistException", branch);
    return id;
  }

  branchHead(branch: string): Promise<string | undefined> {
    this.calls.push(`branchHead ${branch}`);
    return Promise.resolve(this.branches.get(branch));
  }

  createBranch(branch: string, commitId: string): Promise<void> {
    this.calls.push(`createBranch ${branch}`);
    if (this.branches.has(branch)) throw new CodeCommitError("BranchNameExistsException", branch);
    this.commit(commitId);
    this.branches.set(branch, commitId);
    return Promise.resolve();
  }

  listFiles(commitId: string, folder: string): Promise<readonly TreeFile[]> {
    const prefix = `${folder}/`;
    return Promise.resolve(
      [...this.tree(commitId)]
        .filter(([path]) => path.startsWith(prefix))
        .map(([path, text]) => ({ path, blobId: blobId(text) })),
    );
  }

  getFile(commitId: string, path: string): Promise<string | undefined> {
    return Promise.resolve(this.tree(commitId).get(path));
  }

  createCommit(c: NewCommit): Promise<string> {
    this.calls.push(`createCommit ${c.branch}`);
    const tip = this.tip(c.branch);
    if (tip !== c.parentCommitId)
      throw new CodeCommitError("ParentCommitIdOutdatedException", c.parentCommitId);
    const paths = [...c.puts.map((p) => p.path), ...c.deletes];
    // "Number of files in a commit: Maximum of 100" (CodeCommit quotas).
    if (paths.length > 100) throw new CodeCommitError("MaximumFileEntriesExceededException", "");
    if (new Set(paths).size !== paths.length)
      throw new CodeCommitError("SamePathRequestException", "");
    const tree = new Map(this.tree(tip));
    for (const d of c.deletes) {
      if (!tree.delete(d)) throw new CodeCommitError("FileDoesNotExistException", d);
    }
    for (const p of c.puts) tree.set(p.path, p.content);
    const before = this.tree(tip);
    if (tree.size === before.size && [...tree].every(([k, v]) => before.get(k) === v))
      throw new CodeCommitError("NoChangeException", c.branch);
    const id = this.store(tree, [tip], c.message);
    this.branches.set(c.branch, id);
    return Promise.resolve(id);
  }

  protected commit(id: string): Commit {
    const c = this.commits.get(id);
    if (!c) throw new CodeCommitError("CommitDoesNotExistException", id);
    return c;
  }

  protected ancestors(id: string): Set<string> {
    const seen = new Set<string>();
    const walk = [id];
    while (walk.length > 0) {
      const c = walk.pop() as string;
      if (seen.has(c)) continue;
      seen.add(c);
      walk.push(...this.commit(c).parents);
    }
    return seen;
  }

  protected store(tree: Tree, parents: readonly string[], message: string): string {
    const id = createHash("sha1")
      .update(`${this.counter++}\0${parents.join(",")}\0${message}`)
      .digest("hex");
    this.commits.set(id, { id, tree, parents, message });
    return id;
  }
}
