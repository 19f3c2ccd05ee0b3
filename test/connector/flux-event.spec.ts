import * as assert from "node:assert/strict";
import {
  interpretEvent,
  normalizeMetadata,
  parseGitRevision,
  type Observation,
} from "../../connector/src/flux-event";
import { fluxEvent, SHA_A } from "./fixtures";

const observe = (e: object, env = "dev"): Observation => {
  const m = interpretEvent(JSON.stringify(e), env);
  assert.equal(m.kind, "observation", JSON.stringify(m));
  return (m as { observation: Observation }).observation;
};

describe("connector: Flux events (pure interpretation)", () => {
  it("reads kustomize-controller's final success, metadata stripped (notification-controller >= 1.9)", () => {
    assert.deepEqual(observe(fluxEvent()), {
      environment: "dev",
      cluster: "gitops-dev",
      application: "Kustomization/flux-system/front-end",
      kind: "Kustomization",
      revision: `main@sha1:${SHA_A}`,
      commitId: SHA_A,
      ref: "main",
      repository: "microservices-repo",
      path: "./overlays/dev",
      status: "succeeded",
      reason: "ReconciliationSucceeded",
      message: "Reconciliation finished in 1.2s, next run in 5m0s",
      timestamp: "2026-08-07T16:12:44.000Z",
      severity: "info",
    });
  });

  it("reads the same event with the controllers' prefixed keys identically", () => {
    assert.deepEqual(observe(fluxEvent({ form: "prefixed" })), observe(fluxEvent()));
    const progressing = { reason: "Progressing", form: "prefixed" as const };
    assert.deepEqual(
      observe(fluxEvent(progressing)),
      observe(fluxEvent({ ...progressing, form: "stripped" })),
    );
  });

  it("classifies Kustomization and HelmRelease reasons", () => {
    const status = (o: Parameters<typeof fluxEvent>[0]) => observe(fluxEvent(o)).status;
    assert.equal(status({ reason: "Progressing" }), "progressing");
    assert.equal(status({ reason: "DependencyNotReady" }), "progressing");
    assert.equal(status({ reason: "HealthCheckFailed", severity: "error" }), "failed");
    assert.equal(status({ reason: "BuildFailed", severity: "error" }), "failed");
    const helm = {
      kind: "HelmRelease",
      name: "aws-load-balancer-controller",
      namespace: "kube-system",
      revision: "3.5.0",
      repository: "",
      path: "",
    };
    for (const r of ["InstallSucceeded", "UpgradeSucceeded", "TestSucceeded"])
      assert.equal(status({ ...helm, reason: r }), "succeeded", r);
    for (const r of ["RollbackSucceeded", "UninstallSucceeded"])
      assert.equal(status({ ...helm, reason: r }), "failed", r);
    assert.equal(status({ ...helm, reason: "UpgradeFailed", severity: "error" }), "failed");
    assert.equal(status({ ...helm, reason: "DependencyNotReady" }), "progressing");
    const release = observe(fluxEvent({ ...helm, reason: "UpgradeSucceeded" }));
    assert.equal(release.application, "HelmRelease/kube-system/aws-load-balancer-controller");
    assert.equal(release.commitId, undefined);
    assert.equal(release.repository, undefined);
  });

  it("takes the revision as fluxcd/pkg GetRevision does: commit, originRevision, revision", () => {
    const rev = (extra: Record<string, string>) =>
      observe(fluxEvent({ extraMetadata: extra })).revision;
    assert.equal(rev({ originRevision: "v1@sha1:" + "b".repeat(40) }), "v1@sha1:" + "b".repeat(40));
    assert.equal(rev({ originRevision: "x", commit: "c".repeat(40) }), "c".repeat(40));
  });

  it("parses Git revisions of Flux 2 and of older controllers, not OCI digests or chart versions", () => {
    assert.deepEqual(parseGitRevision(`main@sha1:${SHA_A}`), { ref: "main", commitId: SHA_A });
    assert.deepEqual(parseGitRevision(`refs/heads/feature/x@sha1:${SHA_A}`), {
      ref: "refs/heads/feature/x",
      commitId: SHA_A,
    });
    assert.deepEqual(parseGitRevision(`sha1:${SHA_A}`), { ref: undefined, commitId: SHA_A });
    assert.deepEqual(parseGitRevision(`main/${SHA_A}`), { ref: "main", commitId: SHA_A });
    assert.equal(parseGitRevision(`latest@sha256:${"d".repeat(64)}`), undefined);
    assert.equal(parseGitRevision("3.5.0"), undefined);
  });

  it("lets controller keys win over object annotations, as notification-controller merges them", () => {
    assert.deepEqual(
      normalizeMetadata(
        {
          "event.toolkit.fluxcd.io/revision": "from-annotation",
          environment: "dev",
          "kustomize.toolkit.fluxcd.io/revision": "from-controller",
          "helm.toolkit.fluxcd.io/revision": "other group",
        },
        "Kustomization",
      ),
      { revision: "from-controller", environment: "dev" },
    );
  });

  it("refuses what it does not understand, saying why", () => {
    const why = (body: string | object, env = "dev") => {
      const m = interpretEvent(typeof body === "string" ? body : JSON.stringify(body), env);
      return [m.kind, "why" in m ? m.why : ""];
    };
    // The parser's own words follow (V8's wording varies between Node versions).
    assert.match(why("{not json").join(" "), /^malformed body is not JSON: \S/);
    assert.deepEqual(why({ severity: "info" }), [
      "malformed",
      "not a Flux event: missing or not a string: involvedObject, timestamp, message, reason",
    ]);
    assert.deepEqual(why({ ...fluxEvent(), involvedObject: { kind: "Kustomization" } }), [
      "malformed",
      "not a Flux event: missing or not a string: involvedObject.namespace, involvedObject.name",
    ]);
    assert.deepEqual(why({ ...fluxEvent(), metadata: { revision: 3 } }), [
      "malformed",
      "metadata is not a map of strings",
    ]);
    assert.deepEqual(why({ ...fluxEvent(), severity: "warning" }), [
      "malformed",
      'severity "warning" is not trace, info or error',
    ]);
    assert.deepEqual(why({ ...fluxEvent(), timestamp: "yesterday" }), [
      "malformed",
      'timestamp "yesterday" is not RFC 3339',
    ]);
    assert.deepEqual(why(fluxEvent({ kind: "GitRepository" })), [
      "unsupported",
      "events of kind GitRepository are not recorded (only Kustomization, HelmRelease): narrow the Alert's eventSources",
    ]);
    assert.deepEqual(why(fluxEvent({ environment: "prod" })), [
      "unsupported",
      'the event is for environment "prod" but was posted for "dev"',
    ]);
    const noEnv = fluxEvent();
    delete (noEnv.metadata as Record<string, string>).environment;
    assert.deepEqual(why(noEnv), [
      "unsupported",
      "no environment in the event metadata: the Alert must set eventMetadata.environment",
    ]);
    assert.deepEqual(why(fluxEvent({ severity: "trace" })), [
      "ignored",
      "trace events carry no status",
    ]);
    assert.deepEqual(why(fluxEvent({ revision: "", reason: "AccessDenied", severity: "error" })), [
      "ignored",
      "AccessDenied event without a revision",
    ]);
  });
});
