import * as assert from "node:assert/strict";
import * as path from "node:path";
import { SERVICE_ENVIRONMENT_DEFAULTS } from "../../stacks/profiles";
import {
  ENVIRONMENTS,
  profileOf,
  MICROSERVICES_REPO,
  SERVICES,
  byName,
  findKubectl,
  kustomizeBuildAll,
  parseYamlStream,
  type KubeObject,
} from "./helpers";

/** Every (environment, service) overlay of microservices-repo. */
const OVERLAYS = ENVIRONMENTS.flatMap((env) => SERVICES.map((service) => ({ env, service })));
const label = (o: { env: string; service: string }) => `overlays/${o.env}/${o.service}`;

describe("gitops/microservices-repo overlays (kustomize build)", function () {
  const kubectl = findKubectl();
  let built = new Map<string, KubeObject[]>();

  before(async function () {
    if (kubectl === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    const dirs = OVERLAYS.map((o) => path.join(MICROSERVICES_REPO, label(o)));
    const out = await kustomizeBuildAll(kubectl, dirs);
    built = new Map(
      OVERLAYS.map((o, i) => {
        const text = out.get(dirs[i]);
        if (text instanceof Error || text === undefined) throw text ?? new Error(label(o));
        return [label(o), parseYamlStream(text, label(o)) as KubeObject[]];
      }),
    );
  });

  const objects = (o: { env: string; service: string }) => built.get(label(o)) as KubeObject[];
  const deployment = (o: { env: string; service: string }) =>
    byName(objects(o), "Deployment", o.service) as any;

  it("gives each replica count one owner, the autoscaler or the overlay, two or more under a budget", () => {
    for (const o of OVERLAYS) {
      const least = SERVICE_ENVIRONMENT_DEFAULTS[profileOf(o.env)].highAvailability ? 2 : 1;
      const hpa = objects(o).find(
        (x) => x.kind === "HorizontalPodAutoscaler" && x.metadata.name === o.service,
      ) as any;
      const replicas = deployment(o).spec.replicas as number | undefined;
      if (hpa === undefined) {
        assert.ok((replicas ?? 0) >= least, `${label(o)}: ${replicas} replicas`);
        continue;
      }
      // A `replicas` in git would be reset on every sync, fighting the autoscaler.
      assert.equal(replicas, undefined, label(o));
      assert.deepEqual(hpa.spec.scaleTargetRef, {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: o.service,
      });
      const [min, max] = [hpa.spec.minReplicas ?? 1, hpa.spec.maxReplicas];
      assert.ok(min >= least && max >= min, `${label(o)}: ${min}-${max} replicas`);
      // Utilization is measured against the requests.
      for (const c of deployment(o).spec.template.spec.containers) {
        assert.match(String(c.resources.requests.cpu), /^\d+m$/, `${label(o)} ${c.name}`);
      }
    }
  });

  it("stops a pod only after its endpoints (and ALB target) drained: preStop < deregistration < grace", () => {
    for (const o of OVERLAYS) {
      const pod = deployment(o).spec.template.spec;
      const pause = pod.containers[0].lifecycle.preStop.sleep.seconds as number;
      assert.ok(pause > 0 && pause < pod.terminationGracePeriodSeconds, `${label(o)}: grace`);
      const ingress = objects(o).find((x) => x.kind === "Ingress") as any;
      if (ingress === undefined) continue;
      const attributes = String(
        ingress.metadata.annotations["alb.ingress.kubernetes.io/target-group-attributes"],
      );
      const delay = Number(/deregistration_delay\.timeout_seconds=(\d+)/.exec(attributes)?.[1]);
      assert.ok(pause < delay, `${label(o)}: preStop ${pause}s, deregistration ${delay}s`);
      assert.ok(delay < pod.terminationGracePeriodSeconds, `${label(o)}: grace period`);
    }
  });

  it("lets node drains evict unhealthy pods where a budget applies (it covers only healthy ones)", () => {
    const budgets = OVERLAYS.filter(
      (o) => SERVICE_ENVIRONMENT_DEFAULTS[profileOf(o.env)].highAvailability,
    );
    assert.ok(budgets.length >= SERVICES.length, "every service has a budget in prod");
    for (const o of budgets) {
      const pdb = byName(objects(o), "PodDisruptionBudget", o.service) as any;
      assert.deepEqual(pdb.spec, {
        maxUnavailable: 1,
        unhealthyPodEvictionPolicy: "AlwaysAllow",
        selector: { matchLabels: { "app.kubernetes.io/name": o.service } },
      });
    }
  });

  it("puts each service in its own namespace, reachable by its Service name on port 80", () => {
    for (const o of OVERLAYS) {
      // The namespace itself is the platform's (flux-repo apps/base/<service>.yaml).
      assert.deepEqual(
        objects(o).filter((x) => x.kind === "Namespace"),
        [],
      );
      const service = byName(objects(o), "Service", o.service) as any;
      assert.equal(service.metadata.namespace, o.service);
      assert.deepEqual(service.spec.ports, [
        { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
      ]);
      assert.equal(deployment(o).metadata.namespace, o.service);
    }
  });
});
