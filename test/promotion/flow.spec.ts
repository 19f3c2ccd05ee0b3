/**
 * The whole flow over the in-memory CodeCommit and ECR: the first stage healthy -> a pull request
 * into the next stage -> approved by its pool and merged -> that stage healthy (its event read
 * from what it now syncs) -> the pull request into the stage after, with the same digest. And:
 * a second revision while the first waits, a failing one, repeats, a base that moved.
 */
import * as assert from "node:assert/strict";
import { parse } from "yaml";
import { keepTag, promotionBranch } from "../../components/promotion/stages";
import { pinKustomization } from "../../promotion/src/images";
import { handleStatusChange } from "../../promotion/src/promote";
import { readState } from "../../promotion/src/record";
import { SERVICES } from "../gitops/helpers";
import {
  approverOf,
  branchOf,
  build,
  CONFIG,
  FIRST,
  HOLD_FILE,
  REGISTRY,
  rig,
  STAGES,
  statusEvent,
  type Rig,
} from "./rig";

const [SERVICE] = SERVICES;
const SECOND = STAGES[1].environment;
const THIRD = STAGES[2].environment;

function images(r: Rig, commitId: string, environment: string, service = SERVICE) {
  const text = r.repo.tree(commitId).get(`overlays/${environment}/${service}/kustomization.yaml`);
  return (parse(text as string) as { images: Record<string, string>[] }).images;
}

async function promoteFirst(r: Rig, sha7 = "1a2b3c4", n = 7, since = "2026-12-02T09:00:00Z") {
  const b = build(r, SERVICE, sha7, n);
  const event = statusEvent(r, {
    environment: FIRST,
    service: SERVICE,
    commitId: b.commitId,
    status: "succeeded",
    statusSince: since,
  });
  return { ...b, event, outcome: await handleStatusChange(event, r.ports, CONFIG) };
}

describe("promotion flow (in-memory CodeCommit and ECR)", function () {
  it("first stage healthy -> PR -> approved and merged -> healthy -> next PR with the same digest", async () => {
    const r = rig();
    const { commitId, tag, digest, outcome } = await promoteFirst(r);
    assert.equal(outcome.action, "opened");
    const pr = r.repo.pr(outcome.pullRequestId as string);
    assert.deepEqual(
      [pr.sourceBranch, pr.destinationBranch],
      [promotionBranch(SECOND), branchOf(SECOND)],
    );
    // Exactly the tested image: tag and digest pinned, name left to Flux's substitution.
    assert.deepEqual(images(r, pr.sourceCommit, SECOND), [
      { name: SERVICE, newName: `\${ECR_REGISTRY}/${SERVICE}`, newTag: tag, digest },
    ]);
    // The manifests tested in the first stage, byte for byte.
    const tested = r.repo.tree(commitId);
    const proposed = r.repo.tree(pr.sourceCommit);
    for (const [p, text] of tested)
      if (p.startsWith(`base/${SERVICE}/`)) assert.equal(proposed.get(p), text, p);
    // The first promotion lifts the hold of this service only: its overlay as the default
    // branch has it (pinned), the hold file deleted; nothing else of the branch changes.
    const held = r.repo.tree(r.repo.tip(branchOf(SECOND)));
    const overlay = `overlays/${SECOND}/${SERVICE}`;
    const changed = [...new Set([...held.keys(), ...proposed.keys()])]
      .filter((p) => held.get(p) !== proposed.get(p))
      .sort();
    assert.deepEqual(changed, [`${overlay}/kustomization.yaml`, `${overlay}/${HOLD_FILE}`]);
    assert.equal(proposed.has(`${overlay}/${HOLD_FILE}`), false);
    for (const other of SERVICES.filter((s) => s !== SERVICE))
      assert.ok(proposed.has(`overlays/${SECOND}/${other}/${HOLD_FILE}`), other);
    assert.equal(
      proposed.get(`${overlay}/kustomization.yaml`),
      pinKustomization(
        tested.get(`${overlay}/kustomization.yaml`) as string,
        [{ name: `${REGISTRY}/${SERVICE}`, tag, digest }],
        { ECR_REGISTRY: REGISTRY },
      ).text,
    );
    // The description carries the deployment record.
    assert.match(pr.title, new RegExp(`^Promote to ${SECOND}: ${SERVICE} ${tag}$`));
    assert.ok(pr.description.includes(`healthy in **${FIRST}** since 2026-12-02T09:00:00Z`));
    assert.ok(pr.description.includes(`\`${REGISTRY}/${SERVICE}:${tag}@${digest}\``));
    assert.ok(
      pr.description.includes(
        `https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/microservices-repo/commit/${commitId}?region=us-east-1`,
      ),
    );
    // Kept from expiry: the same image carries the keep tag; no image was added.
    const image = r.ecr.image(SERVICE, digest);
    assert.deepEqual([...(image?.tags ?? [])], [tag, keepTag(SECOND, digest)]);
    assert.equal(r.ecr.repositories.get(SERVICE)?.length, 1);

    // Approval: the author cannot, an outsider does not count, the pool does.
    const id = outcome.pullRequestId as string;
    assert.throws(() => r.repo.approve(id, r.repo.author), /CannotBeApprovedByAuthor/);
    assert.throws(() => r.repo.merge(id), /ApprovalRulesNotSatisfied/);
    r.repo.approve(id, approverOf(THIRD, "someone"));
    assert.throws(() => r.repo.merge(id), /ApprovalRulesNotSatisfied/);
    r.repo.approve(id, approverOf(SECOND, "alice"));
    const merged = r.repo.merge(id);
    assert.equal(r.repo.tip(branchOf(SECOND)), merged);

    // The second stage runs it and is healthy: its event leads to the third stage's PR.
    const next = statusEvent(r, {
      environment: SECOND,
      service: SERVICE,
      commitId: merged,
      status: "succeeded",
      statusSince: "2026-12-02T09:30:00Z",
    });
    assert.deepEqual(next.images, [`${REGISTRY}/${SERVICE}:${tag}@${digest}`]);
    const o2 = await handleStatusChange(next, r.ports, CONFIG);
    assert.equal(o2.action, "opened");
    const pr2 = r.repo.pr(o2.pullRequestId as string);
    assert.equal(pr2.destinationBranch, branchOf(THIRD));
    assert.deepEqual(images(r, pr2.sourceCommit, THIRD)[0].digest, digest);
    assert.equal(
      r.repo.tree(pr2.sourceCommit).has(`overlays/${THIRD}/${SERVICE}/${HOLD_FILE}`),
      false,
    );
    assert.ok(r.ecr.image(SERVICE, digest)?.tags.has(keepTag(THIRD, digest)));
    // The third stage needs two approvals from its own pool.
    r.repo.approve(pr2.id, approverOf(THIRD, "bob"));
    assert.throws(() => r.repo.merge(pr2.id), /ApprovalRulesNotSatisfied/);
    r.repo.approve(pr2.id, approverOf(THIRD, "carol"));
    r.repo.merge(pr2.id);
    assert.equal(images(r, r.repo.tip(branchOf(THIRD)), THIRD)[0].digest, digest);
  });

  it("a second healthy revision while the first waits updates the one open PR; approvals start over", async () => {
    const r = rig();
    const first = await promoteFirst(r, "1a2b3c4", 7, "2026-12-02T09:00:00Z");
    const id = first.outcome.pullRequestId as string;
    r.repo.approve(id, approverOf(SECOND, "alice"));
    const second = await promoteFirst(r, "5d6e7f8", 8, "2026-12-02T09:20:00Z");
    assert.equal(second.outcome.action, "updated");
    assert.equal(second.outcome.pullRequestId, id);
    const open = [...r.repo.prs.values()].filter((p) => p.status === "OPEN");
    assert.equal(open.length, 1);
    const pr = r.repo.pr(id);
    assert.equal(images(r, pr.sourceCommit, SECOND)[0].digest, second.digest);
    assert.equal(readState(pr.description)?.records[0].commitId, second.commitId);
    assert.match(pr.comments.at(-1) as string, /no longer count/);
    assert.throws(() => r.repo.merge(id), /ApprovalRulesNotSatisfied/);
    // Both images were in a promotion: both are kept.
    assert.ok(r.ecr.image(SERVICE, first.digest)?.tags.has(keepTag(SECOND, first.digest)));
    assert.ok(r.ecr.image(SERVICE, second.digest)?.tags.has(keepTag(SECOND, second.digest)));
  });

  it("another service joins the same open PR with its own record", async function () {
    const other = SERVICES[1];
    if (!other) this.skip();
    const r = rig();
    const first = await promoteFirst(r);
    const b = build(r, other, "abcdef0", 3);
    const o = await handleStatusChange(
      statusEvent(r, {
        environment: FIRST,
        service: other,
        commitId: b.commitId,
        status: "succeeded",
        statusSince: "2026-12-02T09:10:00Z",
      }),
      r.ports,
      CONFIG,
    );
    assert.equal(o.pullRequestId, first.outcome.pullRequestId);
    const pr = r.repo.pr(o.pullRequestId as string);
    assert.deepEqual(
      readState(pr.description)?.records.map((x) => x.service),
      [SERVICE, other].sort(),
    );
    assert.equal(images(r, pr.sourceCommit, SECOND, other)[0].digest, b.digest);
    assert.equal(images(r, pr.sourceCommit, SECOND)[0].digest, first.digest);
  });

  it("failed, progressing and superseded revisions open nothing", async () => {
    const r = rig();
    const b = build(r, SERVICE, "0badf00", 9);
    for (const status of ["failed", "progressing", "superseded"] as const) {
      const o = await handleStatusChange(
        statusEvent(r, {
          environment: FIRST,
          service: SERVICE,
          commitId: b.commitId,
          status,
          statusSince: "2026-12-02T09:00:00Z",
        }),
        r.ports,
        CONFIG,
      );
      assert.deepEqual(o, { action: "ignored", reason: `status ${status}: nothing to promote` });
    }
    assert.equal(r.repo.prs.size, 0);
    assert.deepEqual(r.repo.calls, []);
    assert.deepEqual([...(r.ecr.image(SERVICE, b.digest)?.tags ?? [])], [b.tag]);
  });

  it("a repeated delivery changes nothing; an older revision arriving late does not replace a newer", async () => {
    const r = rig();
    const old = build(r, SERVICE, "1111111", 1);
    const newer = await promoteFirst(r, "2222222", 2, "2026-12-02T09:30:00Z");
    const tip = r.repo.tip(promotionBranch(SECOND));
    const again = await handleStatusChange(newer.event, r.ports, CONFIG);
    assert.equal(again.action, "unchanged");
    const late = await handleStatusChange(
      statusEvent(r, {
        environment: FIRST,
        service: SERVICE,
        commitId: old.commitId,
        status: "succeeded",
        statusSince: "2026-12-02T09:00:00Z",
      }),
      r.ports,
      CONFIG,
    );
    assert.equal(late.action, "unchanged");
    assert.match(late.reason as string, /newer revision/);
    assert.equal(r.repo.tip(promotionBranch(SECOND)), tip);
    assert.equal(r.repo.prs.size, 1);
  });

  it("when the target branch moved under an open promotion, it is superseded by a PR cut from the new tip", async () => {
    const r = rig();
    const first = await promoteFirst(r);
    const moved = r.repo.push(
      branchOf(SECOND),
      (t) => t.set("README.md", "edited by hand\n"),
      "hand change",
    );
    const second = await promoteFirst(r, "3333333", 3, "2026-12-02T09:40:00Z");
    assert.equal(second.outcome.action, "superseded");
    const old = r.repo.pr(first.outcome.pullRequestId as string);
    assert.equal(old.status, "CLOSED");
    assert.match(old.comments.at(-1) as string, /^Superseded/);
    const pr = r.repo.pr(second.outcome.pullRequestId as string);
    assert.equal(readState(pr.description)?.base, moved);
    assert.equal(r.repo.tree(pr.sourceCommit).get("README.md"), "edited by hand\n");
    r.repo.approve(pr.id, approverOf(SECOND, "alice"));
    r.repo.merge(pr.id);
    assert.equal(images(r, r.repo.tip(branchOf(SECOND)), SECOND)[0].digest, second.digest);
  });

  it("an image whose tag is not in ECR is refused with the reason, and nothing is written", async () => {
    const r = rig();
    const b = build(r, SERVICE, "4444444", 4);
    const event = statusEvent(r, {
      environment: FIRST,
      service: SERVICE,
      commitId: b.commitId,
      status: "succeeded",
      statusSince: "2026-12-02T09:00:00Z",
    });
    const o = await handleStatusChange(
      { ...event, images: [`${REGISTRY}/${SERVICE}:main-4444444-5`] },
      r.ports,
      CONFIG,
    );
    assert.deepEqual(o, {
      action: "refused",
      reason: `image ${REGISTRY}/${SERVICE}:main-4444444-5: ECR repository ${SERVICE} has no tag main-4444444-5`,
      target: SECOND,
    });
    assert.equal(r.repo.prs.size, 0);
    assert.equal(r.repo.branches.has(promotionBranch(SECOND)), false);
  });
});
