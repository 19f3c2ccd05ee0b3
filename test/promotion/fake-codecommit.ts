/**
 * An in-memory CodeCommit repository implementing the promotion's port with CodeCommit's
 * documented semantics: the Git side in fake-git.ts; a pull request's source commit follows its
 * branch, and
 * approvals count per revision (an update resets them); approval rules are created from the
 * associated templates' content when a pull request is created, for matching destination refs;
 * the author cannot approve; merging needs every rule satisfied (pool members by ARN pattern,
 * any approver when the rule has no pool), then fast-forwards or three-way merges without
 * conflicts. IAM is not modelled here (the policy tables test it).
 */
import type { PullRequest, RepositoryPort } from "../../promotion/src/ports";
import { CodeCommitError, FakeGit } from "./fake-git";

export { CodeCommitError } from "./fake-git";

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

const pattern = (p: string) =>
  new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);

export class FakeCodeCommit extends FakeGit implements RepositoryPort {
  readonly prs = new Map<string, Pr>();
  readonly templates: string[] = [];

  /** `author`: the principal that calls through the port (the promotion role). */
  constructor(
    readonly author = "arn:aws:sts::123456789012:assumed-role/gitops-shared-promotion/fn",
  ) {
    super();
  }

  associate(templateContent: string): void {
    this.templates.push(templateContent);
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
}
