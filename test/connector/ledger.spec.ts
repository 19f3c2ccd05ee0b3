/**
 * The ledger under the sequences Flux and the network produce: repeats, reordering, coalesced
 * commits, failure then success. Every write goes through MemoryStore, which evaluates the same
 * conditional updates DynamoDB receives.
 */
import * as assert from "node:assert/strict";
import { fluxEvent, SHA_A, SHA_B, SHA_C, SHA_D } from "./fixtures";
import { rig } from "./ports";

const rev = (sha: string) => `main@sha1:${sha}`;
const at = (minute: number, second = 0) =>
  `2026-08-07T16:${String(minute).padStart(2, "0")}:${String(second).padStart(2, "0")}Z`;
const progressing = (sha: string, minute: number) =>
  fluxEvent({ revision: rev(sha), reason: "Progressing", timestamp: at(minute) });
const succeeded = (sha: string, minute: number, second = 0) =>
  fluxEvent({ revision: rev(sha), timestamp: at(minute, second) });
const failed = (sha: string, minute: number) =>
  fluxEvent({
    revision: rev(sha),
    reason: "HealthCheckFailed",
    severity: "error",
    message:
      "health check failed after 5m0s: timeout waiting for: [Deployment/front-end/front-end status: 'InProgress']",
    timestamp: at(minute),
  });
const statuses = (r: ReturnType<typeof rig>) =>
  r.events.map((e) => `${e.revision.slice(10, 17)} ${e.status}`);

describe("connector: ledger sequences (conditional writes in MemoryStore)", () => {
  it("records a rollout: progressing, then succeeded; one comment, two events, images from the revision", async () => {
    const r = rig();
    assert.equal((await r.post(progressing(SHA_A, 1))).statusCode, 200);
    assert.equal((await r.post(succeeded(SHA_A, 2))).statusCode, 200);
    assert.deepEqual(statuses(r), ["1f49071 progressing", "1f49071 succeeded"]);
    const row = r.revision(rev(SHA_A))!;
    assert.deepEqual(
      [row.status, row.firstSeenAt, row.statusSince, row.finishedAt, row.images],
      [
        "succeeded",
        "2026-08-07T16:01:00.000Z",
        "2026-08-07T16:02:00.000Z",
        "2026-08-07T16:02:00.000Z",
        ["123456789012.dkr.ecr.us-east-1.amazonaws.com/front-end:main-1f49071-1"],
      ],
    );
    assert.equal(r.current(), rev(SHA_A));
    assert.equal(r.git.comments.length, 1);
    const c = r.git.comments[0];
    assert.deepEqual(
      [c.repository, c.commitId, c.parentId],
      ["microservices-repo", SHA_A, undefined],
    );
    assert.match(
      c.content,
      /^\*\*dev\*\*: Kustomization\/flux-system\/front-end succeeded at main@sha1:1f49071/,
    );
    assert.equal(c.clientRequestToken, r.events[1].id);
    assert.deepEqual(r.events[1], {
      schemaVersion: 1,
      id: r.events[1].id,
      environment: "dev",
      cluster: "gitops-dev",
      application: "Kustomization/flux-system/front-end",
      revision: rev(SHA_A),
      commitId: SHA_A,
      repository: "microservices-repo",
      images: ["123456789012.dkr.ecr.us-east-1.amazonaws.com/front-end:main-1f49071-1"],
      status: "succeeded",
      previousStatus: "progressing",
      reason: "ReconciliationSucceeded",
      message: "Reconciliation finished in 1.2s, next run in 5m0s",
      firstSeenAt: "2026-08-07T16:01:00.000Z",
      statusSince: "2026-08-07T16:02:00.000Z",
    });
    assert.match(r.events[1].id, /^[0-9a-f]{64}$/);
  });

  it("is idempotent: repeated and periodic successes change no status and announce nothing", async () => {
    const r = rig();
    await r.post(succeeded(SHA_A, 2));
    await r.post(succeeded(SHA_A, 2));
    await r.post(succeeded(SHA_A, 2));
    const later = await r.post(
      fluxEvent({
        revision: rev(SHA_A),
        timestamp: at(7),
        message: "Reconciliation finished in 0.9s, next run in 5m0s",
      }),
    );
    assert.deepEqual(JSON.parse(later.body), {
      result: "recorded",
      change: "refresh",
      status: "succeeded",
      announced: [],
    });
    assert.deepEqual(statuses(r), ["1f49071 succeeded"]);
    assert.equal(r.git.comments.length, 1);
    const row = r.revision(rev(SHA_A))!;
    assert.deepEqual(
      [row.lastEventAt, row.statusSince, row.message],
      [
        "2026-08-07T16:07:00.000Z",
        "2026-08-07T16:02:00.000Z",
        "Reconciliation finished in 0.9s, next run in 5m0s",
      ],
    );
  });

  it("survives reordering: a late progressing event does not undo a success", async () => {
    const r = rig();
    await r.post(succeeded(SHA_A, 2));
    const late = await r.post(progressing(SHA_A, 1));
    assert.deepEqual(JSON.parse(late.body), {
      result: "recorded",
      change: "stale",
      status: "succeeded",
      announced: [],
    });
    assert.equal(r.revision(rev(SHA_A))!.status, "succeeded");
    // Same second: the final status wins whichever arrives first.
    const r2 = rig();
    await r2.post(succeeded(SHA_A, 2));
    await r2.post(fluxEvent({ revision: rev(SHA_A), reason: "Progressing", timestamp: at(2) }));
    assert.equal(r2.revision(rev(SHA_A))!.status, "succeeded");
  });

  it("never lets an older revision's event move what runs: late events of A leave B current", async () => {
    const r = rig();
    await r.post(progressing(SHA_A, 1));
    await r.post(progressing(SHA_B, 3));
    // A never finished: superseded by B when B first appeared.
    assert.deepEqual(
      [r.revision(rev(SHA_A))!.status, r.revision(rev(SHA_A))!.supersededBy],
      ["superseded", rev(SHA_B)],
    );
    const late = await r.post(failed(SHA_A, 2));
    assert.equal(JSON.parse(late.body).change, "stale");
    assert.equal(r.revision(rev(SHA_A))!.status, "superseded");
    assert.equal(r.current(), rev(SHA_B));
  });

  it("supersedes a revision first reported after a newer one (delivered late)", async () => {
    const r = rig();
    await r.post(progressing(SHA_B, 3));
    await r.post(progressing(SHA_A, 1));
    assert.equal(r.current(), rev(SHA_B));
    assert.deepEqual(
      [r.revision(rev(SHA_A))!.status, r.revision(rev(SHA_A))!.supersededBy],
      ["superseded", rev(SHA_B)],
    );
  });

  it("ends coalesced commits as superseded: commits Flux skipped get a row, an event and a comment", async () => {
    const r = rig();
    await r.post(progressing(SHA_A, 1));
    await r.post(succeeded(SHA_A, 2));
    // B and C were pushed between two polls; Flux reconciled D, which contains them.
    await r.post(progressing(SHA_D, 10));
    await r.post(succeeded(SHA_D, 11));
    for (const sha of [SHA_B, SHA_C]) {
      const row = r.revision(rev(sha))!;
      assert.deepEqual(
        [row.status, row.supersededBy, row.commitId],
        ["superseded", rev(SHA_D), sha],
        sha,
      );
    }
    // A had finished: it stays succeeded (history), it is not superseded.
    assert.equal(r.revision(rev(SHA_A))!.status, "succeeded");
    assert.deepEqual(statuses(r), [
      "1f49071 progressing",
      "1f49071 succeeded",
      "4dae3f9 progressing",
      "3c9d2e8 superseded",
      "2b8c1d7 superseded",
      "4dae3f9 succeeded",
    ]);
    assert.deepEqual(
      r.git.comments.map(
        (c) => `${c.commitId.slice(0, 7)} ${c.content.split("\n")[0].split(" ")[2]}`,
      ),
      ["1f49071 succeeded", "3c9d2e8 superseded", "2b8c1d7 superseded", "4dae3f9 succeeded"],
    );
    assert.equal(r.current(), rev(SHA_D));
  });

  it("supersedes the previous revision that never finished, and its skipped commits", async () => {
    const r = rig();
    await r.post(progressing(SHA_B, 1));
    await r.post(progressing(SHA_D, 4));
    assert.deepEqual(
      [SHA_B, SHA_C, SHA_D].map((s) => r.revision(rev(s))!.status),
      ["superseded", "superseded", "progressing"],
    );
  });

  it("ends a failure followed by a success of the same revision as succeeded, announcing both", async () => {
    const r = rig();
    await r.post(progressing(SHA_A, 1));
    await r.post(failed(SHA_A, 6));
    assert.equal(r.revision(rev(SHA_A))!.status, "failed");
    await r.post(succeeded(SHA_A, 8));
    const row = r.revision(rev(SHA_A))!;
    assert.deepEqual([row.status, row.finishedAt], ["succeeded", "2026-08-07T16:08:00.000Z"]);
    assert.deepEqual(statuses(r), ["1f49071 progressing", "1f49071 failed", "1f49071 succeeded"]);
    assert.deepEqual(
      r.git.comments.map((c) => c.content.split("\n")[0].split(" ")[2]),
      ["FAILED", "succeeded"],
    );
    assert.match(r.git.comments[0].content, /health check failed after 5m0s/);
    assert.equal(r.events[2].previousStatus, "failed");
  });

  it("announces a change again after a crash, with the same id and one comment", async () => {
    const r = rig();
    r.failEvents(1);
    await assert.rejects(r.post(succeeded(SHA_A, 2)), /EventBridge is down/);
    assert.equal(r.revision(rev(SHA_A))!.status, "succeeded");
    assert.equal(r.revision(rev(SHA_A))!.notifiedOrder, undefined);
    // notification-controller retries (or the next periodic success arrives).
    await r.post(succeeded(SHA_A, 2));
    assert.deepEqual(statuses(r), ["1f49071 succeeded"]);
    assert.equal(r.git.comments.length, 1);
    assert.equal(r.revision(rev(SHA_A))!.notifiedOrder, r.revision(rev(SHA_A))!.statusOrder);
  });

  it("records HelmReleases by chart version, without a comment (no commit)", async () => {
    const r = rig();
    const helm = {
      kind: "HelmRelease",
      name: "aws-load-balancer-controller",
      namespace: "kube-system",
      revision: "3.5.0",
      repository: "",
      path: "",
      timestamp: at(3),
    };
    await r.post(
      fluxEvent({
        ...helm,
        reason: "UpgradeSucceeded",
        message:
          "Helm upgrade succeeded for release kube-system/aws-load-balancer-controller.v2 with chart aws-load-balancer-controller@3.5.0",
      }),
    );
    const app = "HelmRelease/kube-system/aws-load-balancer-controller";
    assert.equal(r.revision("3.5.0", app)!.status, "succeeded");
    assert.equal(r.current(app), "3.5.0");
    assert.deepEqual(r.git.comments, []);
    assert.deepEqual(r.git.calls, []);
    assert.equal(r.events[0].commitId, undefined);
  });

  it("comments only on the GitOps repositories it was given", async () => {
    const r = rig();
    await r.post(fluxEvent({ repository: "app-repo", timestamp: at(2) }));
    assert.equal(r.revision(rev(SHA_A))!.status, "succeeded");
    assert.deepEqual(r.git.comments, []);
    assert.deepEqual(r.git.calls, []);
  });
});
