/** FluxTeardown's delete against a fake Kubernetes API that finalizes objects after a while. */
import * as assert from "node:assert/strict";
import { runFluxTeardown } from "../../../components/teardown";

const K = "/apis/kustomize.toolkit.fluxcd.io/v1";
const item = (name: string, dependsOn: string[] = [], owner?: string) => ({
  metadata: {
    name,
    namespace: "flux-system",
    labels: owner
      ? {
          "kustomize.toolkit.fluxcd.io/name": owner,
          "kustomize.toolkit.fluxcd.io/namespace": "flux-system",
        }
      : {},
  },
  spec: { dependsOn: dependsOn.map((d) => ({ name: d })) },
});

/** A cluster where a deleted Kustomization disappears after `polls` GETs (its finalizer working). */
function fakeCluster(items: ReturnType<typeof item>[], polls: Record<string, number>) {
  const calls: string[] = [];
  const deleted = new Map<string, number>();
  const api = {
    get: (p: string) => {
      if (p === `${K}/kustomizations`) return Promise.resolve({ status: 200, body: { items } });
      const name = p.split("/").pop()!;
      const left = deleted.get(name);
      if (left === undefined) return Promise.resolve({ status: 200, body: {} });
      deleted.set(name, left - 1);
      return Promise.resolve({ status: left <= 0 ? 404 : 200, body: {} });
    },
    mergePatch: (p: string, body: unknown) => {
      calls.push(`PATCH ${p.split("/").pop()} ${JSON.stringify(body)}`);
      return Promise.resolve({ status: 200, body: {} });
    },
    delete: (p: string) => {
      const name = p.split("/").pop()!;
      calls.push(`DELETE ${name}`);
      deleted.set(name, polls[name] ?? 0);
      return Promise.resolve({ status: 200, body: {} });
    },
  };
  return { api, calls };
}

const clock = () => {
  let t = 0;
  return { now: () => t, sleep: (ms: number) => Promise.resolve(void (t += ms)) };
};
const inputs = {
  bootstrap: { namespace: "flux-system", name: "flux-system" },
  clusterName: "gitops-dev",
  timeoutSeconds: 600,
};
const CONTENT = [
  item("flux-system"),
  item("infrastructure-controllers", [], "flux-system"),
  item("infrastructure-configs", ["infrastructure-controllers"], "flux-system"),
  item("apps", ["infrastructure-configs"], "flux-system"),
  item("front-end", [], "apps"),
];

describe("components/teardown: FluxTeardown", () => {
  it("suspends the bootstrap, then deletes layer by layer with WaitForTermination, each once the previous is gone", async () => {
    const { api, calls } = fakeCluster(CONTENT, { "front-end": 3, apps: 1 });
    const layers = await runFluxTeardown(api, inputs, clock());
    assert.deepEqual(layers, [
      ["flux-system/front-end"],
      ["flux-system/apps"],
      ["flux-system/infrastructure-configs"],
      ["flux-system/infrastructure-controllers"],
    ]);
    const wait = (s: number) =>
      `{"spec":{"suspend":false,"deletionPolicy":"WaitForTermination","timeout":"${s}s"}}`;
    assert.deepEqual(calls, [
      'PATCH flux-system {"spec":{"suspend":true}}',
      `PATCH front-end ${wait(600)}`,
      "DELETE front-end",
      `PATCH apps ${wait(585)}`,
      "DELETE apps",
      `PATCH infrastructure-configs ${wait(580)}`,
      "DELETE infrastructure-configs",
      `PATCH infrastructure-controllers ${wait(580)}`,
      "DELETE infrastructure-controllers",
    ]);
  });

  it("stops at the bound with what is left and how to go on", async () => {
    const { api } = fakeCluster(CONTENT, { "front-end": 1e9 });
    await assert.rejects(runFluxTeardown(api, { ...inputs, timeoutSeconds: 60 }, clock()), {
      message:
        "Flux teardown of cluster gitops-dev did not finish within 60 s: flux-system/front-end still wait for their objects to terminate (later: flux-system/apps, flux-system/infrastructure-configs, flux-system/infrastructure-controllers). An Ingress waits for the AWS Load Balancer Controller to delete its load balancer: see kubectl get kustomizations,ingress -A and kubectl -n kube-system logs deploy/aws-load-balancer-controller. Run pulumi destroy again once they are gone; it goes on from where it stopped.",
    });
  });

  it("does nothing when Flux is not installed (no Kustomization API)", async () => {
    const api = {
      get: () => Promise.resolve({ status: 404, body: {} }),
      mergePatch: () => Promise.reject(new Error("no call expected")),
      delete: () => Promise.reject(new Error("no call expected")),
    };
    assert.deepEqual(await runFluxTeardown(api, inputs, clock()), []);
  });
});
