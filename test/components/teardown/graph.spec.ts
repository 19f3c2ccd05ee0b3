/**
 * The order `pulumi destroy` deletes each environment stack in, on the recorded graph, checked
 * with the model of finalizers (components/teardown/graph.ts): no rule broken; and each rule
 * catches the graph that breaks it.
 */
import * as assert from "node:assert/strict";
import { deletionOrder, teardownProblems, type GraphNode } from "../../../components/teardown";
import type { StackRun } from "../../../harness/run";
import { fixtureRun, FIXTURE_ENVIRONMENTS } from "../../helpers/stacks";

const byType = (nodes: readonly GraphNode[], type: string) => nodes.filter((n) => n.type === type);
const one = (nodes: readonly GraphNode[], type: string) => {
  const found = byType(nodes, type);
  assert.equal(found.length, 1, type);
  return found[0];
};
const without = (node: GraphNode, urn: string): GraphNode => ({
  ...node,
  dependencies: node.dependencies.filter((d) => d !== urn),
  propertyDependencies: Object.fromEntries(
    Object.entries(node.propertyDependencies).map(([k, v]) => [k, v.filter((d) => d !== urn)]),
  ),
});
const replace = (nodes: readonly GraphNode[], changed: GraphNode) =>
  nodes.map((n) => (n.urn === changed.urn ? changed : n));

const TEARDOWN = "pulumi-nodejs:dynamic/teardown:FluxTeardown";
const isNodePoolSync = (n: GraphNode) =>
  (n.parent ?? "").includes("gitops-platform:autoscaling:NodePoolSync");
const DRAIN = "pulumi-nodejs:dynamic/teardown:VpcDrain";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const KUSTOMIZATION = "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization";

describe("components/teardown: pulumi destroy of an environment, on the recorded graph", () => {
  const runs: Record<string, StackRun> = {};
  before(async () => {
    for (const env of FIXTURE_ENVIRONMENTS) runs[env] = await fixtureRun(env);
  });

  for (const env of FIXTURE_ENVIRONMENTS) {
    it(`${env}: applications, then controllers, then Flux, then nodes, cluster, drain, VPC; no finalizer left`, () => {
      const nodes = runs[env].resources;
      assert.deepEqual(teardownProblems(nodes), []);
      const { wave, cascaded } = deletionOrder(nodes);
      const at = (type: string) => Math.max(...byType(nodes, type).map((n) => wave.get(n.urn)!));
      const first = (type: string) => Math.min(...byType(nodes, type).map((n) => wave.get(n.urn)!));
      const nodePools = nodes.filter((n) => n.type === KUSTOMIZATION && isNodePoolSync(n));
      assert.equal(nodePools.length, 1);
      const fluxKustomizations = nodes.filter(
        (n) => n.type === KUSTOMIZATION && !isNodePoolSync(n),
      );
      assert.ok(
        wave.get(nodePools[0].urn)! < at(TEARDOWN),
        "the NodePools (and Karpenter's nodes) before the teardown removes Karpenter",
      );
      assert.ok(
        at(TEARDOWN) < Math.min(...fluxKustomizations.map((n) => wave.get(n.urn)!)),
        "teardown before the bootstrap Kustomization",
      );
      assert.ok(at(KUSTOMIZATION) < first(RELEASE), "Flux objects before the Flux release");
      assert.ok(at(RELEASE) < first("eks:index:ManagedNodeGroup"), "Flux before the node groups");
      assert.ok(at("eks:index:ManagedNodeGroup") < first("eks:index:Cluster"));
      assert.ok(at("eks:index:Cluster") < first(DRAIN), "the drain after the cluster");
      assert.ok(at(DRAIN) < first("awsx:ec2:Vpc"), "the VPC after the drain");
      assert.deepEqual(
        nodes.filter((n) => cascaded.has(n.urn)).map((n) => n.type),
        ["kubernetes:core/v1:Namespace"],
      );
    });
  }

  it("each rule catches the graph that breaks it", () => {
    const nodes = runs.dev.resources;
    const teardown = one(nodes, TEARDOWN);
    const bootstrap = byType(nodes, KUSTOMIZATION).find((n) => !isNodePoolSync(n))!;
    // The teardown not ordered after the bootstrap Kustomization: the bootstrap goes first.
    assert.match(
      teardownProblems(replace(nodes, without(teardown, bootstrap.urn))).join("\n"),
      new RegExp(
        `Kustomization '${bootstrap.name}' \\(wave \\d+\\) is deleted before the FluxTeardown is gone`,
      ),
    );
    // The NodePools not ordered before the teardown: Karpenter could be gone before its nodes.
    const sync = one(nodes, "gitops-platform:autoscaling:NodePoolSync");
    assert.match(
      teardownProblems(replace(nodes, without(sync, teardown.urn))).join("\n"),
      /Kustomization '[^']+nodepools[^']*' \(wave \d+\) is deleted when the FluxTeardown is already gone/,
    );
    // Flux installed without waiting for the node groups: they go before Flux's objects.
    const release = one(nodes, RELEASE);
    const groups = byType(nodes, "eks:index:ManagedNodeGroup").map((g) => g.urn);
    const loose = groups.reduce((r, g) => without(r, g), release);
    assert.match(
      teardownProblems(replace(nodes, loose)).join("\n"),
      /is deleted when the node groups is already gone/,
    );
    // The cluster not ordered after the drain: the drain runs before the cluster is gone.
    const component = one(nodes, "gitops-platform:cluster:Cluster");
    const drain = one(nodes, DRAIN);
    assert.match(
      teardownProblems(replace(nodes, without(component, drain.urn))).join("\n"),
      /VpcDrain '[^']+' \(wave \d+\) is deleted before the cluster and its node groups is gone/,
    );
    // The Namespace deleted on its own.
    const ns = one(nodes, "kubernetes:core/v1:Namespace");
    assert.match(
      teardownProblems(replace(nodes, { ...ns, deletedWith: undefined })).join("\n"),
      /Namespace '[^']+' \(wave \d+\) is deleted on its own: a Namespace Pulumi deletes waits Terminating/,
    );
  });

  it("serializes small teardown providers that need only Node's modules and the EC2 SDK", () => {
    const provider = (type: string) => String(one(runs.dev.resources, type).inputs.__provider);
    const required = (text: string) => [
      ...new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])),
    ];
    assert.deepEqual(required(provider(TEARDOWN)), ["child_process", "https"]);
    assert.deepEqual(required(provider(DRAIN)), ["@aws-sdk/client-ec2"]);
    for (const t of [TEARDOWN, DRAIN]) assert.ok(provider(t).length < 20_000, t);
    const teardown = runs.dev.resources.find((r) => r.type === TEARDOWN)!;
    assert.deepEqual(teardown.secretInputs, ["kubeconfig"]);
    assert.deepEqual(teardown.inputs.bootstrap, { namespace: "flux-system", name: "flux-system" });
    assert.equal(teardown.inputs.timeoutSeconds, 1200);
  });

  it("orders by inputs, dependsOn, parents and providers; skips what goes with its target", () => {
    const n = (urn: string, extra: Partial<GraphNode> = {}): GraphNode => ({
      urn,
      type: "t",
      name: urn,
      dependencies: [],
      propertyDependencies: {},
      inputs: {},
      ...extra,
    });
    const order = deletionOrder([
      n("provider"),
      n("parent"),
      n("a", { parent: "parent", provider: "provider::id" }),
      n("b", { propertyDependencies: { x: ["a"] } }),
      n("c", { dependencies: ["b"], deletedWith: "parent" }),
    ]);
    assert.deepEqual(order.waves, [["c"], ["b"], ["a"], ["provider", "parent"]]);
    assert.deepEqual([...order.cascaded], ["c"]);
  });
});
