/**
 * A promotion larger than one CodeCommit commit (100 files) is proposed as a chain of commits on
 * the promotion branch, each on the one before; the pull request shows all of it.
 */
import * as assert from "node:assert/strict";
import { promotionBranch } from "../../components/promotion/stages";
import { handleStatusChange } from "../../promotion/src/promote";
import { SERVICES } from "../gitops/helpers";
import { build, CONFIG, FIRST, rig, STAGES, statusEvent } from "./rig";

const [SERVICE] = SERVICES;
const SECOND = STAGES[1].environment;

describe("promotion: CodeCommit's commit limits", () => {
  it("150 changed files: two commits, all files in the pull request", async () => {
    const r = rig();
    const extra = Array.from({ length: 150 }, (_, i) => `base/${SERVICE}/extra-${i}.yaml`);
    r.repo.push(
      CONFIG.defaultBranch,
      (tree) => extra.forEach((p, i) => tree.set(p, `# extra ${i}\n`)),
      "many files",
    );
    const b = build(r, SERVICE, "1a2b3c4", 7);
    const event = statusEvent(r, {
      environment: FIRST,
      service: SERVICE,
      commitId: b.commitId,
      status: "succeeded",
      statusSince: "2026-12-02T09:00:00Z",
    });
    const outcome = await handleStatusChange(event, r.ports, CONFIG);
    assert.equal(outcome.action, "opened");
    const commits = r.repo.calls.filter((c) => c === `createCommit ${promotionBranch(SECOND)}`);
    assert.equal(commits.length, 2);
    const pr = r.repo.pr(outcome.pullRequestId as string);
    const proposed = r.repo.tree(pr.sourceCommit);
    for (const p of extra) assert.ok(proposed.has(p), p);
  });
});
