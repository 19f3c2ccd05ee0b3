/**
 * An in-memory CodeCommit repository implementing the promotion's port with CodeCommit's
 * documented semantics: commits are trees with parents; CreateCommit refuses an outdated parent
 * (ParentCommitIdOutdatedException) and a commit that changes nothing (NoChangeException);
 * CreateBranch refuses an existing name; a pull request's source commit follows its branch, and
 * approvals count per revision (an update resets them); approval rules are created from the
 * associated templates' content when a pull request is created, for matching destination refs;
 * the author cannot approve; merging needs every rule satisfied (pool members by ARN pattern,
 * any approver when the rule has no pool), then fast-forwards or three-way merges without
 * conflicts. IAM is not modelled here (the policy tables test it).
 */
import { createHash } from "node:crypto";
import { blobId } from "../../promotion/src/changes";
import type { NewCommit, PullRequest, RepositoryPort, TreeFile } from "../../promotion/src/ports";

type Tree = ReadonlyMap<string, string>;
interface Commit {
  readonly id: string;
  readonly tree: Tree;
  readonly parents: readonly string[];
  readonly message: string;
}
interface Rule {
  readonly name: string;
  readonly needed: number;
  readonly pool: readonly string[];
}
interface Pr {
  readonly id: string;
  title: string;
  description: string;
  status: "OPEN" | "CLOSED";
  readonly source: string;
  readonly destination: string;
  readonly author: string;
  merged: boolean;
  /** The source tip when closed or merged (then it no longer follows the branch). */
  frozen?: string;
  readonly rules: readonly Rule[];
  readonly approvals: Map<string, Set<string>>;
  readonly comments: string[];
  readonly token: string;
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

const pattern = (p: string) =>
  new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

export class FakeCodeCommit implements RepositoryPort {
  readonly commits = new Map<string, Commit>();
  readonly branches = new Map<string, string>();
  readonly prs = new Map<string, Pr>();
  readonly templates: string[] = [];
  readonly calls: string[] = [];
  private counter = 0;

  /** `author`: the principal that calls through the port (the promotion role). */
  constructor(
    readonly author = "arn:aws:sts::123456789012:assumed-role/gitops-shared-promotion/fn",
  ) {}

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

  associate(templateContent: string): void {
    this.templates.push(templateContent);
  }

  tree(commitId: string): Tree {
    return this.commit(commitId).tree;
  }

  tip(branch: string): string {
    const id = this.branches.get(branch);
    if (!id) throw new CodeCommitError("BranchDoesNotExistException", branch);
    return id;
  }

  pr(id: string): PullRequest & { comments: readonly string[] } {
    const p = this.prs.get(id);
    if (!p) throw new CodeCommitError("PullRequestDoesNotExistException", id);
    return { ...this.view(p), comments: p.comments };
  }

  approve(id: string, principal: string): void {
    const p = this.openPr(id);
    if (principal === p.author)
      throw new CodeCommitError("PullRequestCannotBeApprovedByAuthorException", principal);
    const revision = this.sourceTip(p);
    const set = p.approvals.get(revision) ?? new Set<string>();
    set.add(principal);
    p.approvals.set(revision, set);
  }

  /** Rules not yet satisfied for the current revision. */
  unsatisfied(id: string): string[] {
    const p = this.openPr(id);
    const approvers = [...(p.approvals.get(this.sourceTip(p)) ?? [])];
    return p.rules
      .filter((r) => {
        const counted = approvers.filter(
          (a) => r.pool.length === 0 || r.pool.some((m) => pattern(m).test(a)),
        );
        return counted.length < r.needed;
      })
      .map((r) => r.name);
  }

  merge(id: string): string {
    const p = this.openPr(id);
    const missing = this.unsatisfied(id);
    if (missing.length > 0)
      throw new CodeCommitError(
        "PullRequestApprovalRulesNotSatisfiedException",
        missing.join(", "),
      );
    const source = this.sourceTip(p);
    const dest = this.tip(p.destination);
    let result = source;
    if (!this.ancestors(source).has(dest)) {
      const base = [...this.ancestors(dest)].find((c) => this.ancestors(source).has(c)) as string;
      const tree = new Map(this.tree(dest));
      const b = this.tree(base);
      const s = this.tree(source);
      for (const path of new Set([...b.keys(), ...s.keys()])) {
        if (b.get(path) === s.get(path)) continue;
        if (this.tree(dest).get(path) !== b.get(path))
          throw new CodeCommitError("ManualMergeRequiredException", path);
        const v = s.get(path);
        if (v === undefined) tree.delete(path);
        else tree.set(path, v);
      }
      result = this.store(tree, [dest, source], `Merge pull request ${id}`);
    }
    this.branches.set(p.destination, result);
    p.frozen = source;
    p.merged = true;
    p.status = "CLOSED";
    return result;
  }

  // The port.
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

  deleteBranch(branch: string): Promise<void> {
    this.calls.push(`deleteBranch ${branch}`);
    this.tip(branch);
    for (const p of this.prs.values())
      if (p.status === "OPEN" && p.source === branch) {
        p.frozen = this.tip(branch);
        p.status = "CLOSED";
      }
    this.branches.delete(branch);
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

  openPullRequests(): Promise<readonly PullRequest[]> {
    this.calls.push("openPullRequests");
    return Promise.resolve(
      [...this.prs.values()].filter((p) => p.status === "OPEN").map((p) => this.view(p)),
    );
  }

  createPullRequest(p: {
    title: string;
    description: string;
    sourceBranch: string;
    destinationBranch: string;
    clientRequestToken: string;
  }): Promise<string> {
    this.calls.push(`createPullRequest ${p.sourceBranch} -> ${p.destinationBranch}`);
    const again = [...this.prs.values()].find((x) => x.token === p.clientRequestToken);
    if (again) return Promise.resolve(again.id);
    if (p.title.length > 150) throw new CodeCommitError("TitleRequiredException", "too long");
    if (p.description.length > 10_240)
      throw new CodeCommitError("InvalidDescriptionException", "too long");
    if (this.tip(p.sourceBranch) === this.tip(p.destinationBranch))
      throw new CodeCommitError("SourceAndDestinationAreSameException", p.sourceBranch);
    const id = String(this.prs.size + 1);
    const ref = `refs/heads/${p.destinationBranch}`;
    const rules = this.templates.flatMap((text, i) => {
      const t = JSON.parse(text) as {
        DestinationReferences?: string[];
        Statements: { NumberOfApprovalsNeeded: number; ApprovalPoolMembers?: string[] }[];
      };
      if (t.DestinationReferences && !t.DestinationReferences.includes(ref)) return [];
      return t.Statements.map((s) => ({
        name: `template-${i}`,
        needed: s.NumberOfApprovalsNeeded,
        pool: s.ApprovalPoolMembers ?? [],
      }));
    });
    this.prs.set(id, {
      id,
      title: p.title,
      description: p.description,
      status: "OPEN",
      source: p.sourceBranch,
      destination: p.destinationBranch,
      author: this.author,
      merged: false,
      rules,
      approvals: new Map(),
      comments: [],
      token: p.clientRequestToken,
    });
    return Promise.resolve(id);
  }

  updatePullRequest(id: string, p: { title: string; description: string }): Promise<void> {
    this.calls.push(`updatePullRequest ${id}`);
    const pr = this.openPr(id);
    pr.title = p.title;
    pr.description = p.description;
    return Promise.resolve();
  }

  comment(id: string, content: string): Promise<void> {
    this.openPr(id).comments.push(content);
    return Promise.resolve();
  }

  closePullRequest(id: string): Promise<void> {
    this.calls.push(`closePullRequest ${id}`);
    const p = this.openPr(id);
    p.frozen = this.sourceTip(p);
    p.status = "CLOSED";
    return Promise.resolve();
  }

  private openPr(id: string): Pr {
    const p = this.prs.get(id);
    if (!p) throw new CodeCommitError("PullRequestDoesNotExistException", id);
    if (p.status !== "OPEN") throw new CodeCommitError("PullRequestAlreadyClosedException", id);
    return p;
  }

  private sourceTip(p: Pr): string {
    return p.frozen ?? this.tip(p.source);
  }

  private view(p: Pr): PullRequest {
    return {
      id: p.id,
      title: p.title,
      description: p.description,
      status: p.status,
      sourceBranch: p.source,
      destinationBranch: p.destination,
      sourceCommit: this.sourceTip(p),
      merged: p.merged,
    };
  }

  private commit(id: string): Commit {
    const c = this.commits.get(id);
    if (!c) throw new CodeCommitError("CommitDoesNotExistException", id);
    return c;
  }

  private ancestors(id: string): Set<string> {
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

  private store(tree: Tree, parents: readonly string[], message: string): string {
    const id = createHash("sha1")
      .update(`${this.counter++}\0${parents.join(",")}\0${message}`)
      .digest("hex");
    this.commits.set(id, { id, tree, parents, message });
    return id;
  }
}
