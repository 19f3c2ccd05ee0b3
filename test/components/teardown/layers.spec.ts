/**
 * The Flux teardown order: on the GitOps content itself (every environment's tree of Flux
 * Kustomizations, built with kubectl kustomize), applications go before the controller that
 * deletes their load balancers; and the pure ordering on its own.
 */
import * as assert from "node:assert/strict";
import * as path from "path";
import * as YAML from "yaml";
import { teardownLayers, type FluxKustomization } from "../../../components/teardown";
import {
  ENVIRONMENTS,
  findKubectl,
  FLUX_REPO,
  kustomizeBuildAll,
  MICROSERVICES_REPO,
  SERVICES,
} from "../../gitops/helpers";

interface Built {
  readonly kustomizations: FluxKustomization[];
  /** Kinds and names of what each Kustomization applies, by `namespace/name`. */
  readonly applies: Map<string, string[]>;
}

/** The tree under the bootstrap Kustomization of `env`, as kustomize-controller would apply it. */
async function fluxTree(kubectl: string, env: string): Promise<Built> {
  const kustomizations: FluxKustomization[] = [];
  const applies = new Map<string, string[]>();
  const visit = async (owner: { namespace: string; name: string }, dir: string) => {
    const out = (await kustomizeBuildAll(kubectl, [dir])).get(dir);
    if (out instanceof Error || out === undefined) throw out ?? new Error(dir);
    const objects = YAML.parseAllDocuments(out).map((d) => d.toJS());
    applies.set(
      `${owner.namespace}/${owner.name}`,
      objects.map((o) => `${o.kind}/${o.metadata.name}`),
    );
    for (const o of objects.filter(
      (x) => x.kind === "Kustomization" && x.apiVersion?.startsWith("kustomize.toolkit"),
    )) {
      const k = {
        namespace: o.metadata.namespace,
        name: o.metadata.name,
        dependsOn: o.spec.dependsOn ?? [],
        owner,
      };
      kustomizations.push(k);
      const repo = o.spec.sourceRef.name === "flux-system" ? FLUX_REPO : MICROSERVICES_REPO;
      // Paths per environment come from cluster-info (`./overlays/${ENVIRONMENT}/<service>`).
      await visit(k, path.join(repo, String(o.spec.path).replace("${ENVIRONMENT}", env)));
    }
  };
  await visit(
    { namespace: "flux-system", name: "flux-system" },
    path.join(FLUX_REPO, "clusters", env),
  );
  return { kustomizations, applies };
}

describe("components/teardown: the order Flux Kustomizations are deleted in", () => {
  const kubectl = findKubectl();
  const trees = new Map<string, Built>();
  before(async () => {
    if (!kubectl) return;
    await Promise.all(
      ENVIRONMENTS.map(async (env) => trees.set(env, await fluxTree(kubectl, env))),
    );
  });

  for (const env of ENVIRONMENTS) {
    it(`${env}: applications before the AWS Load Balancer Controller, configs before controllers`, function () {
      if (!kubectl) {
        console.log("    (skipped: kubectl is not installed; CI installs it)");
        this.skip();
      }
      const tree = trees.get(env)!;
      const layers = teardownLayers(tree.kustomizations).map((l) => l.map((k) => k.name));
      // infrastructure-dns has no dependents (apps cannot depend on it: it stays suspended without
      // a domain, never Ready), so it shares the first layer; so does infrastructure-receivers,
      // whose TargetGroupBinding the controller must still deregister.
      assert.deepEqual(layers, [
        [...SERVICES, "infrastructure-dns", "infrastructure-receivers"].sort(),
        ["apps"],
        ["infrastructure-configs"],
        ["infrastructure-controllers"],
      ]);
      const layerOf = (what: string) =>
        layers.findIndex((l) =>
          l.some((k) => tree.applies.get(`flux-system/${k}`)?.includes(what)),
        );
      assert.ok(layerOf("Ingress/front-end") >= 0, "the application's Ingress is in the tree");
      assert.ok(layerOf("Ingress/front-end") < layerOf("HelmRelease/aws-load-balancer-controller"));
    });
  }

  it("waits for dependents and for what a Kustomization applied; a cycle ends in one layer", () => {
    const k = (name: string, dependsOn: string[] = [], owner?: string): FluxKustomization => ({
      namespace: "flux-system",
      name,
      dependsOn: dependsOn.map((d) => ({ name: d })),
      owner: owner ? { namespace: "flux-system", name: owner } : undefined,
    });
    const names = (ks: FluxKustomization[]) => teardownLayers(ks).map((l) => l.map((x) => x.name));
    assert.deepEqual(
      names([
        k("controllers"),
        k("configs", ["controllers"]),
        k("apps", ["configs"]),
        k("app", [], "apps"),
      ]),
      [["app"], ["apps"], ["configs"], ["controllers"]],
    );
    assert.deepEqual(names([k("a"), k("b")]), [["a", "b"]]);
    assert.deepEqual(names([k("x", ["y"]), k("y", ["x"]), k("z", ["x"])]), [["z"], ["x", "y"]]);
    // dependsOn naming a Kustomization elsewhere (another namespace) is not waited for here.
    assert.deepEqual(names([k("a", ["missing"])]), [["a"]]);
  });
});
