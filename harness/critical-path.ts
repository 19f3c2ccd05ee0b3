/**
 * The critical path of a cold `pulumi up`, on a resource graph: pure, no Pulumi.
 *
 * The engine's model, as far as ordering goes (pulumi/pulumi sdk/nodejs/runtime/resource.ts and
 * runtime/dependsOn.ts):
 * - a resource is created once everything it depends on is created: its explicit `dependsOn`, the
 *   resources behind its inputs, and its provider (a provider is configured from its inputs);
 * - a (local) ComponentResource creates nothing itself; depending on it means depending on every
 *   resource it parents, transitively;
 * - a remote component (awsx, eks) is one node here: its children run in the provider's process,
 *   and its outputs resolve only when all of them are done (the provider's `construct` waits for
 *   every RPC before it answers, sdk/nodejs/provider/server.ts), so its duration is that of its
 *   own longest chain of children.
 * The parent link alone orders nothing: a child waits for its parent's URN, not its creation.
 */

/** How a resource waits for another. */
export type EdgeKind =
  /** An input is an output of the other resource (`propertyDependencies`). */
  | "input"
  /** `dependsOn` only: no input carries it. */
  | "dependsOn"
  /** The resource is created through the other, a provider. */
  | "provider"
  /** An input is a reference to the other resource (e.g. `cluster` of eks.ManagedNodeGroup). */
  | "reference";

export interface Edge {
  readonly to: string;
  readonly kind: EdgeKind;
}

export interface GraphNode {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN; a component's children are the nodes that name it here. */
  readonly parent?: string;
  /** `component`: creates nothing itself, stands for its children. */
  readonly kind: "custom" | "remote" | "component";
  /** Seconds from its start until its dependents may start (0 for components). */
  readonly seconds: number;
  readonly edges: readonly Edge[];
}

export interface PathStep {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly start: number;
  readonly finish: number;
  /** How this step waits for the previous one; absent on the first step. */
  readonly via?: {
    readonly kind: EdgeKind;
    /** The component the edge names, when the previous step is one of its resources. */
    readonly component?: string;
  };
}

/** An explicit `dependsOn` edge the critical path runs through. */
export interface ExplicitEdge {
  readonly from: string;
  readonly fromType: string;
  readonly to: string;
  readonly toType: string;
  /** How much shorter the critical path would be without this one edge. */
  readonly savingSeconds: number;
  /** Why the edge is needed, when it is a known, documented need. */
  readonly justification?: string;
}

export interface CriticalPath {
  /** The earliest finish of the whole graph: the estimated duration. */
  readonly totalSeconds: number;
  /** From the first resource created to the last one to finish. */
  readonly steps: readonly PathStep[];
  /** The earliest finish of every node (components: of their last resource). */
  readonly finish: ReadonlyMap<string, number>;
  /** `dependsOn` edges on the path; `savingSeconds > 0` and no justification: lengthens it without need. */
  readonly explicitEdges: readonly ExplicitEdge[];
}

/** Why an explicit edge from `from` to `to` is needed, or undefined. */
export type Justify = (from: GraphNode, to: GraphNode) => string | undefined;

/** Prefer the reasons the engine cannot drop when several edges bind at once. */
const PREFERENCE: readonly EdgeKind[] = ["input", "reference", "provider", "dependsOn"];

interface Timing {
  readonly start: number;
  readonly finish: number;
}

/** Earliest start and finish of every node, or a clear error on a cycle or an unknown edge. */
export function schedule(
  nodes: readonly GraphNode[],
  without?: { readonly from: string; readonly to: string },
): Map<string, Timing> {
  const byUrn = indexNodes(nodes);
  const children = childrenOf(nodes);
  const timing = new Map<string, Timing>();
  const visiting: string[] = [];

  const visit = (urn: string): Timing => {
    const known = timing.get(urn);
    if (known) return known;
    const node = byUrn.get(urn);
    if (!node) throw new Error(`critical path: no node ${urn}`);
    if (visiting.includes(urn)) {
      const cycle = [...visiting.slice(visiting.indexOf(urn)), urn].map((u) => byUrn.get(u)!.name);
      throw new Error(`critical path: dependency cycle ${cycle.join(" -> ")}`);
    }
    visiting.push(urn);
    let result: Timing;
    if (node.kind === "component") {
      const finish = Math.max(0, ...(children.get(urn) ?? []).map((c) => visit(c).finish));
      result = { start: finish, finish };
    } else {
      const start = Math.max(
        0,
        ...node.edges
          .filter((e) => !(without && without.from === urn && without.to === e.to))
          .map((e) => {
            if (!byUrn.has(e.to))
              throw new Error(`critical path: ${node.name} depends on ${e.to}, no node`);
            return visit(e.to).finish;
          }),
      );
      result = { start, finish: start + node.seconds };
    }
    visiting.pop();
    timing.set(urn, result);
    return result;
  };
  for (const n of nodes) visit(n.urn);
  return timing;
}

/** The critical path of `nodes`, the earliest finish of each, and the `dependsOn` edges on it. */
export function criticalPath(nodes: readonly GraphNode[], justify?: Justify): CriticalPath {
  const byUrn = indexNodes(nodes);
  const children = childrenOf(nodes);
  const timing = schedule(nodes);
  const finish = new Map([...timing].map(([u, t]) => [u, t.finish]));
  const work = nodes.filter((n) => n.kind !== "component");
  if (work.length === 0) return { totalSeconds: 0, steps: [], finish, explicitEdges: [] };

  // The last resource to finish (the first of them in declaration order).
  let last = work[0];
  for (const n of work) if (finish.get(n.urn)! > finish.get(last.urn)!) last = n;
  const totalSeconds = finish.get(last.urn)!;

  /** The resource inside component `urn` that finishes at `at` (descending nested components). */
  const leafAt = (urn: string, at: number): GraphNode => {
    const node = byUrn.get(urn)!;
    if (node.kind !== "component") return node;
    const child = (children.get(urn) ?? []).find((c) => finish.get(c) === at)!;
    return leafAt(child, at);
  };

  const reversed: PathStep[] = [];
  const explicitEdges: ExplicitEdge[] = [];
  let current: GraphNode | undefined = last;
  while (current) {
    const t: Timing = timing.get(current.urn)!;
    const binding: Edge | undefined = [...current.edges]
      .filter((e) => finish.get(e.to) === t.start)
      .sort((a, b) => PREFERENCE.indexOf(a.kind) - PREFERENCE.indexOf(b.kind))[0];
    const next: GraphNode | undefined =
      t.start > 0 && binding ? leafAt(binding.to, t.start) : undefined;
    const via =
      next && binding
        ? { kind: binding.kind, ...(binding.to !== next.urn ? { component: binding.to } : {}) }
        : undefined;
    reversed.push({
      urn: current.urn,
      type: current.type,
      name: current.name,
      start: t.start,
      finish: t.finish,
      ...(via ? { via } : {}),
    });
    if (next && binding?.kind === "dependsOn") {
      const to = byUrn.get(binding.to)!;
      const without = schedule(nodes, { from: current.urn, to: binding.to });
      const shorter = Math.max(...[...without.values()].map((x) => x.finish));
      const why = justify?.(current, to);
      explicitEdges.unshift({
        from: current.urn,
        fromType: current.type,
        to: binding.to,
        toType: to.type,
        savingSeconds: totalSeconds - shorter,
        ...(why ? { justification: why } : {}),
      });
    }
    current = next;
  }
  return { totalSeconds, steps: reversed.reverse(), finish, explicitEdges };
}

function indexNodes(nodes: readonly GraphNode[]): Map<string, GraphNode> {
  const byUrn = new Map<string, GraphNode>();
  for (const n of nodes) {
    if (byUrn.has(n.urn)) throw new Error(`critical path: node ${n.urn} is listed twice`);
    byUrn.set(n.urn, n);
  }
  return byUrn;
}

function childrenOf(nodes: readonly GraphNode[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parent === undefined) continue;
    const list = children.get(n.parent) ?? [];
    list.push(n.urn);
    children.set(n.parent, list);
  }
  return children;
}
