/**
 * Defence in depth: what a merged commit to microservices-repo can reach. Every Flux Kustomization
 * that applies microservices-repo content does so as a service account that is bound, by a
 * namespaced RoleBinding, in its own target namespace only; the content itself holds no
 * cluster-scoped object. Built with `kubectl kustomize` for every environment of gitops/.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { FLUX_NAMESPACE } from "../../components/flux/bootstrap";
import {
  buildAppsByEnvironment,
  ENVIRONMENTS,
  findKubectl,
  kustomizeBuildAll,
  MICROSERVICES_REPO,
  parseYamlStream,
  sampleClusterInfo,
  SERVICES,
  substitutedObjects,
  type KubeObject,
} from "./helpers";

/**
 * Kinds the API server keeps cluster-wide (`kubectl api-resources --namespaced=false` of the
 * groups a manifest could use); none may come from microservices-repo.
 */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PersistentVolume",
  "StorageClass",
  "PriorityClass",
  "IngressClass",
  "RuntimeClass",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "APIService",
  "CSIDriver",
  "Node",
]);

describe("gitops: application content applies through namespace-confined accounts", function () {
  const kubectl = findKubectl();
  const apps = new Map<string, KubeObject[]>();
  const overlays = new Map<string, KubeObject[]>();

  before(async function () {
    if (kubectl === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    for (const [env, out] of await buildAppsByEnvironment(kubectl)) {
      apps.set(env, substitutedObjects(out, sampleClusterInfo(env), `apps/${env}`));
    }
    const dirs = ENVIRONMENTS.flatMap((env) =>
      SERVICES.map((s) => path.join(MICROSERVICES_REPO, "overlays", env, s)),
    );
    for (const [dir, out] of await kustomizeBuildAll(kubectl, dirs)) {
      if (out instanceof Error) throw out;
      overlays.set(
        path.relative(MICROSERVICES_REPO, dir),
        parseYamlStream(out, dir) as KubeObject[],
      );
    }
  });

  it("every Kustomization sourcing microservices-repo names a service account", () => {
    for (const [env, objects] of apps) {
      const ks = objects.filter(
        (o) =>
          o.kind === "Kustomization" &&
          o.apiVersion.startsWith("kustomize.toolkit.fluxcd.io/") &&
          (o.spec?.sourceRef as { name?: string } | undefined)?.name === "microservices-repo",
      );
      assert.deepEqual(ks.map((k) => k.metadata.name).sort(), [...SERVICES].sort(), env);
      for (const k of ks) {
        const sa = k.spec?.serviceAccountName as string | undefined;
        assert.ok(sa, `${env}: Kustomization ${k.metadata.name} has no serviceAccountName`);
        assert.ok(
          objects.some(
            (o) =>
              o.kind === "ServiceAccount" &&
              o.metadata.name === sa &&
              o.metadata.namespace === FLUX_NAMESPACE,
          ),
          `${env}: ServiceAccount ${FLUX_NAMESPACE}/${sa} (kustomize-controller impersonates it in the Kustomization's namespace)`,
        );
      }
    }
  });

  it("each such account is bound only in its target namespace, by RoleBindings, never cluster-wide", () => {
    for (const [env, objects] of apps) {
      for (const k of objects.filter(
        (o) => o.kind === "Kustomization" && o.spec?.serviceAccountName,
      )) {
        const sa = k.spec?.serviceAccountName as string;
        const target = k.spec?.targetNamespace as string;
        const bindings = objects.filter((o) =>
          (
            (o.subjects as { kind: string; name: string; namespace?: string }[] | undefined) ?? []
          ).some(
            (s) => s.kind === "ServiceAccount" && s.name === sa && s.namespace === FLUX_NAMESPACE,
          ),
        );
        assert.ok(bindings.length > 0, `${env}: ${sa} is bound nowhere`);
        for (const b of bindings) {
          assert.equal(b.kind, "RoleBinding", `${env}: ${sa} bound by a ${b.kind}`);
          assert.equal(
            b.metadata.namespace,
            target,
            `${env}: ${sa} bound in ${b.metadata.namespace}`,
          );
          assert.notEqual(b.metadata.namespace, FLUX_NAMESPACE);
          assert.deepEqual(b.roleRef, {
            apiGroup: "rbac.authorization.k8s.io",
            kind: "ClusterRole",
            name: "admin",
          });
        }
        assert.ok(
          objects.some((o) => o.kind === "Namespace" && o.metadata.name === target),
          `${env}: the platform creates namespace ${target}`,
        );
      }
      assert.deepEqual(
        objects.filter((o) => o.kind === "ClusterRoleBinding" || o.kind === "ClusterRole"),
        [],
        env,
      );
    }
  });

  it("microservices-repo content holds no cluster-scoped object and stays in its namespace", () => {
    assert.equal(overlays.size, ENVIRONMENTS.length * SERVICES.length);
    for (const [overlay, objects] of overlays) {
      const service = path.basename(overlay);
      assert.ok(
        objects.some((o) => o.kind === "Deployment"),
        `${overlay} builds its Deployment`,
      );
      for (const o of objects) {
        assert.ok(
          !CLUSTER_SCOPED.has(o.kind),
          `${overlay}: ${o.kind} ${o.metadata.name} is cluster-scoped`,
        );
        // Unset is the target namespace: the Flux Kustomization's targetNamespace sets it.
        assert.ok(
          [undefined, service].includes(o.metadata.namespace),
          `${overlay}: ${o.kind} ${o.metadata.name} in namespace ${o.metadata.namespace}`,
        );
      }
    }
  });
});
