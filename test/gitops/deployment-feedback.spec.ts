/**
 * The GitOps side of deployment feedback, built and substituted as Flux applies it: the Provider
 * and Alert every cluster applies, and the annotations the connector needs on every
 * Kustomization (which repository its commits are in, where its images are listed).
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { FEEDBACK_SECRET_NAME, feedbackAddress } from "../../components/feedback/names";
import { PATH_ANNOTATION, REPOSITORY_ANNOTATION } from "../../components/flux/readiness";
import { interpretEvent } from "../../connector/src/flux-event";
import { EVENTS_PATH } from "../../connector/src/request";
import {
  ENVIRONMENTS,
  FLUX_REPO,
  findKubectl,
  kustomizeBuildAll,
  sampleClusterInfo,
  substitutedObjects,
  type KubeObject,
} from "./helpers";

const KUBECTL = findKubectl();

/** Every object Flux applies in `env`: the entry point's build and apps/<env>'s build. */
let applied = new Map<string, KubeObject[]>();

describe("gitops/ deployment feedback (Provider, Alert, annotations)", function () {
  before(async function () {
    if (KUBECTL === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    // What the entry point and the Kustomizations it declares apply (their `spec.path`s).
    const shared = ["infrastructure/controllers", "infrastructure/configs"];
    const dirsOf = (env: string) =>
      [`clusters/${env}`, `apps/${env}`, ...shared].map((d) => path.join(FLUX_REPO, d));
    const dirs = [...new Set(ENVIRONMENTS.flatMap(dirsOf))];
    const built = await kustomizeBuildAll(KUBECTL, dirs);
    applied = new Map(
      ENVIRONMENTS.map((env) => [
        env,
        dirsOf(env).flatMap((d) => {
          const out = built.get(d);
          if (out instanceof Error || out === undefined) throw out ?? new Error(d);
          return substitutedObjects(out, sampleClusterInfo(env), d);
        }),
      ]),
    );
  });

  for (const env of ENVIRONMENTS) {
    it(`${env}: a generic-hmac Provider posting to this environment's path with Pulumi's Secret`, () => {
      const vars = sampleClusterInfo(env);
      const providers = applied.get(env)!.filter((o) => o.kind === "Provider");
      assert.deepEqual(
        providers.map((p) => p.spec),
        [
          {
            type: "generic-hmac",
            address: vars.DEPLOYMENT_FEEDBACK_ADDRESS,
            secretRef: { name: FEEDBACK_SECRET_NAME },
            timeout: "30s",
          },
        ],
      );
      // The address is the one the Flux component computes, and the connector's route takes it.
      const url = vars.DEPLOYMENT_FEEDBACK_ADDRESS.replace(/v1\/environments\/.*$/, "");
      assert.equal(feedbackAddress(url, env), vars.DEPLOYMENT_FEEDBACK_ADDRESS);
      assert.equal(EVENTS_PATH.exec(new URL(vars.DEPLOYMENT_FEEDBACK_ADDRESS).pathname)?.[1], env);
    });

    it(`${env}: the Alert covers every Kustomization and HelmRelease and names environment and cluster`, () => {
      const objects = applied.get(env)!;
      const [alert] = objects.filter((o) => o.kind === "Alert");
      const spec = alert.spec as {
        providerRef: { name: string };
        eventSeverity: string;
        eventSources: { kind: string; name: string; namespace?: string }[];
        eventMetadata: Record<string, string>;
      };
      assert.equal(spec.providerRef.name, "deployment-feedback");
      assert.equal(spec.eventSeverity, "info");
      assert.deepEqual(spec.eventMetadata, {
        environment: env,
        cluster: sampleClusterInfo(env).CLUSTER_NAME,
      });
      const covered = (o: KubeObject) =>
        spec.eventSources.some(
          (s) =>
            s.kind === o.kind &&
            s.name === "*" &&
            (s.namespace ?? alert.metadata.namespace) === o.metadata.namespace,
        );
      const apps = objects.filter((o) => o.kind === "Kustomization" || o.kind === "HelmRelease");
      assert.ok(apps.length >= 5, `only ${apps.length}`);
      assert.deepEqual(
        apps.filter((o) => !covered(o)).map((o) => o.metadata.name),
        [],
      );
      // Keys the annotations bring must not collide with the Alert's (notification-controller
      // warns about conflicts: MetadataAppendFailed).
      assert.deepEqual(
        Object.keys(spec.eventMetadata).filter((k) =>
          [REPOSITORY_ANNOTATION, PATH_ANNOTATION].some((a) => a.endsWith(`/${k}`)),
        ),
        [],
      );
    });

    it(`${env}: every Kustomization names the repository of its source, and its path where images are`, () => {
      const vars = sampleClusterInfo(env);
      const objects = applied.get(env)!;
      // The bootstrap GitRepository flux-system is Pulumi's: flux-repo.
      const repoOf = new Map<string, string>([["flux-system", vars.FLUX_REPO_NAME]]);
      for (const g of objects.filter((o) => o.kind === "GitRepository")) {
        repoOf.set(g.metadata.name, String(g.spec?.url).split("/").pop()!);
      }
      const ks = objects.filter((o) => o.kind === "Kustomization");
      const annotations = (k: KubeObject) =>
        (k.metadata.annotations ?? {}) as Record<string, string>;
      assert.deepEqual(
        ks.map((k) => [k.metadata.name, annotations(k)[REPOSITORY_ANNOTATION]]),
        ks.map((k) => [
          k.metadata.name,
          repoOf.get((k.spec as { sourceRef: { name: string } }).sourceRef.name),
        ]),
      );
      const withPath = ks.filter((k) => annotations(k)[PATH_ANNOTATION] !== undefined);
      assert.deepEqual(
        withPath.map((k) => annotations(k)[PATH_ANNOTATION]),
        withPath.map((k) => k.spec?.path),
      );
      // Every Kustomization of microservices-repo lists images: each needs the path.
      const ms = ks.filter(
        (k) => annotations(k)[REPOSITORY_ANNOTATION] === vars.MICROSERVICES_REPO_NAME,
      );
      assert.ok(ms.length >= 1);
      assert.deepEqual(
        ms.filter((k) => !withPath.includes(k)).map((k) => k.metadata.name),
        [],
      );
    });
  }

  it("a Flux event of the front-end Kustomization, with these annotations, is understood", () => {
    const env = ENVIRONMENTS[0];
    const vars = sampleClusterInfo(env);
    const front = applied
      .get(env)!
      .find((o) => o.kind === "Kustomization" && o.metadata.name === "front-end")!;
    const annotations = front.metadata.annotations as Record<string, string>;
    // What notification-controller posts: annotation keys and eventMetadata, prefixes stripped.
    const body = JSON.stringify({
      involvedObject: { kind: "Kustomization", namespace: "flux-system", name: "front-end" },
      severity: "info",
      timestamp: "2026-08-07T16:12:44Z",
      message: "Reconciliation finished in 1.5s, next run in 5m0s",
      reason: "ReconciliationSucceeded",
      metadata: {
        revision: `main@sha1:${"a".repeat(40)}`,
        commit_status: "update",
        repository: annotations[REPOSITORY_ANNOTATION],
        path: annotations[PATH_ANNOTATION],
        environment: env,
        cluster: vars.CLUSTER_NAME,
      },
      reportingController: "kustomize-controller",
    });
    const meaning = interpretEvent(body, env);
    assert.equal(meaning.kind, "observation");
    if (meaning.kind !== "observation") return;
    assert.equal(meaning.observation.repository, vars.MICROSERVICES_REPO_NAME);
    assert.equal(meaning.observation.path, front.spec?.path);
    assert.equal(meaning.observation.status, "succeeded");
  });
});
