import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  ENVIRONMENTS,
  profileOf,
  MICROSERVICES_REPO,
  byName,
  findKubectl,
  kustomizeBuildAll,
  parseYamlStream,
  type KubeObject,
} from "./helpers";

describe("gitops/microservices-repo overlays (kustomize build)", function () {
  const kubectl = findKubectl();
  let overlays = new Map<string, KubeObject[]>();

  before(async function () {
    if (kubectl === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    const dirs = ENVIRONMENTS.map((env) => path.join(MICROSERVICES_REPO, "overlays", env));
    const built = await kustomizeBuildAll(kubectl, dirs);
    overlays = new Map(
      ENVIRONMENTS.map((env, i) => {
        const out = built.get(dirs[i]);
        if (out instanceof Error || out === undefined) throw out ?? new Error(env);
        return [env, parseYamlStream(out, `overlays/${env}`) as KubeObject[]];
      }),
    );
  });

  const deployment = (env: string) => byName(overlays.get(env)!, "Deployment", "front-end") as any;

  it("scales by profile through the HPA: dev 1-3, staging 2-6, prod 3-10 replicas", () => {
    const range = { dev: [1, 3], staging: [2, 6], prod: [3, 10] };
    for (const env of ENVIRONMENTS) {
      // The HPA owns the replica count; a `replicas` in git would be reset on every sync.
      assert.equal(deployment(env).spec.replicas, undefined, env);
      const hpa = byName(overlays.get(env)!, "HorizontalPodAutoscaler", "front-end") as any;
      assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], range[profileOf(env)], env);
      assert.deepEqual(hpa.spec.scaleTargetRef, {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "front-end",
      });
      // Utilization is measured against the requests, which every container sets.
      assert.deepEqual(hpa.spec.metrics, [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
        },
      ]);
      for (const c of deployment(env).spec.template.spec.containers) {
        assert.match(String(c.resources.requests.cpu), /^\d+m$/, `${env} ${c.name} cpu request`);
        assert.ok(c.resources.requests.memory, `${env} ${c.name} memory request`);
      }
    }
  });

  it("drains ALB traffic before a pod stops: preStop pause < deregistration delay < grace period", () => {
    for (const env of ENVIRONMENTS) {
      const pod = deployment(env).spec.template.spec;
      const pause = pod.containers[0].lifecycle.preStop.sleep.seconds as number;
      const ingress = byName(overlays.get(env)!, "Ingress", "front-end") as any;
      const attributes = String(
        ingress.metadata.annotations["alb.ingress.kubernetes.io/target-group-attributes"],
      );
      const delay = Number(/deregistration_delay\.timeout_seconds=(\d+)/.exec(attributes)?.[1]);
      assert.ok(pause > 0 && pause < delay, `${env}: preStop ${pause}s, deregistration ${delay}s`);
      assert.ok(delay < pod.terminationGracePeriodSeconds, `${env}: grace period`);
    }
  });

  it("lets node drains evict unhealthy pods in prod (the budget covers only healthy ones)", () => {
    const pdb = byName(overlays.get("prod")!, "PodDisruptionBudget", "front-end") as any;
    assert.deepEqual(pdb.spec, {
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: "AlwaysAllow",
      selector: { matchLabels: { "app.kubernetes.io/name": "front-end" } },
    });
  });
});
