/**
 * A model of `pulumi destroy` on a recorded resource graph: the order the engine deletes in, and
 * whether every finalizer can still run when its object goes. Pure; test/components/teardown
 * runs it on the recorded environment stacks.
 *
 * The engine deletes a resource only once everything that depends on it is gone: its dependents
 * through inputs and `dependsOn`, its children, and the resources its provider instance serves
 * (pulumi/pulumi pkg/resource/graph/dependency_graph.go, `DependingOn`). A resource with
 * `deletedWith` whose target is deleted too is not deleted by itself: it goes with the target.
 */

export interface GraphNode {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  /** `<provider urn>::<id>`. */
  readonly provider?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** URN of the `deletedWith` target. */
  readonly deletedWith?: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface DeletionOrder {
  /** When each resource is deleted: 0 first; resources of one wave go in parallel. */
  readonly wave: ReadonlyMap<string, number>;
  /** Resources that go with their `deletedWith` target instead (no delete call of their own). */
  readonly cascaded: ReadonlySet<string>;
  readonly waves: readonly (readonly string[])[];
}

export function deletionOrder(nodes: readonly GraphNode[]): DeletionOrder {
  const urns = new Set(nodes.map((n) => n.urn));
  const dependents = new Map<string, Set<string>>(nodes.map((n) => [n.urn, new Set<string>()]));
  for (const n of nodes) {
    const on = new Set([...n.dependencies, ...Object.values(n.propertyDependencies).flat()]);
    if (n.parent) on.add(n.parent);
    if (n.provider) on.add(n.provider.split("::").slice(0, -1).join("::"));
    for (const d of on) if (urns.has(d) && d !== n.urn) dependents.get(d)!.add(n.urn);
  }
  const wave = new Map<string, number>();
  const waves: string[][] = [];
  while (wave.size < nodes.length) {
    const ready = nodes.filter(
      (n) => !wave.has(n.urn) && [...dependents.get(n.urn)!].every((d) => wave.has(d)),
    );
    if (ready.length === 0) throw new Error("the resource graph has a cycle");
    for (const n of ready) wave.set(n.urn, waves.length);
    waves.push(ready.map((n) => n.urn));
  }
  const cascaded = new Set(
    nodes.filter((n) => n.deletedWith && urns.has(n.deletedWith)).map((n) => n.urn),
  );
  return { wave, cascaded, waves };
}

/** One teardown rule: what must still exist, or be gone already, when a resource is deleted. */
export interface TeardownRule {
  /** Resources the rule is about. */
  readonly appliesTo: (n: GraphNode) => boolean;
  /** Resources that must still exist when it is deleted (its finalizer or delete needs them). */
  readonly needsAlive?: { readonly what: string; readonly match: (n: GraphNode) => boolean };
  /** Resources that must be gone before it is deleted (they would block it). */
  readonly needsGone?: { readonly what: string; readonly match: (n: GraphNode) => boolean };
  /** The resource must not be deleted on its own at all (only with its `deletedWith` target). */
  readonly cascadeOnly?: boolean;
  readonly why: string;
}

const isType = (t: string | RegExp) => (n: GraphNode) =>
  typeof t === "string" ? n.type === t : t.test(n.type);
const fluxRelease = (n: GraphNode) =>
  n.type === "kubernetes:helm.sh/v3:Release" && n.inputs.chart === "flux2";
const FLUX_CR = /^kubernetes:(source|kustomize|helm|image|notification)\.toolkit\.fluxcd\.io\//;
const NODES = isType("eks:index:ManagedNodeGroup");
const CLUSTER = isType("eks:index:Cluster");

/**
 * The Kustomization of Karpenter's NodePools (components/autoscaling/nodepools.ts): Pulumi's own,
 * deleted with `WaitForTermination`, so the delete returns once Karpenter has terminated every node
 * it launched. It goes before the FluxTeardown (which removes Karpenter's controller with
 * infrastructure-controllers), not after it like the Kustomizations Flux applied.
 */
const NODEPOOL_SYNC = (n: GraphNode) =>
  n.type === "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization" &&
  (n.parent ?? "").includes("gitops-platform:autoscaling:NodePoolSync");
const KARPENTER_AWS = (n: GraphNode) =>
  (n.parent ?? "").includes("$gitops-platform:autoscaling:Karpenter::") &&
  /^aws:(iam|sqs)\//.test(n.type);

/**
 * Nodes a controller launches itself (Karpenter): its NodePools go first, while the controller
 * (in the cluster, removed by the FluxTeardown), its IAM role and its interruption queue still
 * exist; VpcDrain waits for their instances (`controllerNodeTagKeys`).
 */
export const CONTROLLER_NODE_RULES: TeardownRule[] = [
  {
    appliesTo: NODEPOOL_SYNC,
    needsAlive: {
      what: "the FluxTeardown",
      match: isType("pulumi-nodejs:dynamic/teardown:FluxTeardown"),
    },
    why: "Karpenter's controller, which the teardown removes with infrastructure-controllers, terminates the nodes it launched when their NodePool goes",
  },
  {
    appliesTo: NODEPOOL_SYNC,
    needsAlive: { what: "Karpenter's IAM role and interruption queue", match: KARPENTER_AWS },
    why: "the controller terminates instances with its role and drains on the queue's notices",
  },
];

export const TEARDOWN_RULES: readonly TeardownRule[] = [
  {
    appliesTo: isType("pulumi-nodejs:dynamic/teardown:FluxTeardown"),
    needsAlive: { what: "the Flux release", match: fluxRelease },
    why: "it deletes the Flux Kustomizations layer by layer; kustomize-controller runs their finalizers",
  },
  {
    appliesTo: isType("pulumi-nodejs:dynamic/teardown:FluxTeardown"),
    needsAlive: { what: "the node groups", match: NODES },
    why: "the controllers (Flux's, and the AWS Load Balancer Controller that deletes the ALB) run on them",
  },
  {
    appliesTo: isType(FLUX_CR),
    needsAlive: { what: "the Flux release", match: fluxRelease },
    why: "Flux's controllers remove the finalizers of their objects",
  },
  {
    appliesTo: isType(FLUX_CR),
    needsAlive: { what: "the node groups", match: NODES },
    why: "Flux's controllers run on the nodes",
  },
  {
    appliesTo: isType(/^kubernetes:/),
    needsAlive: { what: "the EKS cluster", match: CLUSTER },
    why: "the Kubernetes API answers the delete",
  },
  {
    appliesTo: fluxRelease,
    needsGone: { what: "Flux's own objects", match: isType(FLUX_CR) },
    why: "uninstalling the controllers first would leave their finalizers unprocessed",
  },
  {
    appliesTo: fluxRelease,
    needsGone: {
      what: "the FluxTeardown",
      match: isType("pulumi-nodejs:dynamic/teardown:FluxTeardown"),
    },
    why: "the applications and their load balancers must be gone before the controllers",
  },
  {
    appliesTo: (n) => isType(FLUX_CR)(n) && n.inputs.kind === "Kustomization" && !NODEPOOL_SYNC(n),
    needsGone: {
      what: "the FluxTeardown",
      match: isType("pulumi-nodejs:dynamic/teardown:FluxTeardown"),
    },
    why: "the teardown suspends it and deletes what it applied in order; deleted first, it would prune everything at once",
  },
  {
    appliesTo: isType("kubernetes:core/v1:Namespace"),
    cascadeOnly: true,
    why: "a Namespace Pulumi deletes waits Terminating for every finalizer of objects Pulumi does not own (Flux's); it must go with the cluster (deletedWith)",
  },
  {
    appliesTo: isType("pulumi-nodejs:dynamic/teardown:VpcDrain"),
    needsGone: { what: "the cluster and its node groups", match: (n) => NODES(n) || CLUSTER(n) },
    why: "their network interfaces go with them; the drain waits for what is left",
  },
  {
    appliesTo: isType("awsx:ec2:Vpc"),
    needsGone: { what: "the VpcDrain", match: isType("pulumi-nodejs:dynamic/teardown:VpcDrain") },
    why: "subnets cannot be deleted while load balancers or network interfaces remain in them",
  },
];

/**
 * Every way the deletion order breaks a rule, each naming the resources and their waves; empty
 * when every finalizer can run. A cascaded resource exists until its target's wave.
 */
export function teardownProblems(
  nodes: readonly GraphNode[],
  rules: readonly TeardownRule[] = [...TEARDOWN_RULES, ...CONTROLLER_NODE_RULES],
): string[] {
  const order = deletionOrder(nodes);
  const byUrn = new Map(nodes.map((n) => [n.urn, n]));
  const goneAt = (n: GraphNode): number =>
    order.cascaded.has(n.urn) ? goneAt(byUrn.get(n.deletedWith!)!) : order.wave.get(n.urn)!;
  const label = (n: GraphNode) => `${n.type} '${n.name}' (wave ${goneAt(n)})`;
  const problems: string[] = [];
  for (const rule of rules) {
    for (const n of nodes.filter((x) => rule.appliesTo(x) && !order.cascaded.has(x.urn))) {
      const at = goneAt(n);
      if (rule.cascadeOnly) problems.push(`${label(n)} is deleted on its own: ${rule.why}.`);
      if (rule.needsAlive) {
        for (const m of nodes.filter((x) => x !== n && rule.needsAlive!.match(x))) {
          if (goneAt(m) <= at)
            problems.push(
              `${label(n)} is deleted when ${rule.needsAlive.what} is already gone, ${label(m)}: ${rule.why}.`,
            );
        }
      }
      if (rule.needsGone) {
        for (const m of nodes.filter((x) => x !== n && rule.needsGone!.match(x))) {
          if (goneAt(m) >= at)
            problems.push(
              `${label(n)} is deleted before ${rule.needsGone.what} is gone, ${label(m)}: ${rule.why}.`,
            );
        }
      }
    }
  }
  return problems;
}
