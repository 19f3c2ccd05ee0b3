/**
 * How long a cold `pulumi up` of a recorded stack takes: the recorded resources as a graph
 * (parents, inputs, `dependsOn`, providers, resource references), typical creation times
 * (durations.ts), the critical path (critical-path.ts), and the `dependsOn` edges that lengthen it
 * without need (justified.ts lists the documented ones). Printed by the offline plan.
 */
import { criticalPath, type EdgeKind, type ExplicitEdge, type GraphNode } from "./critical-path";
import { DEFAULT_SECONDS, defaultedTypes, typicalCreate, type DurationBasis } from "./durations";
import { justifyDependsOn } from "./justified";
import type { RecordedResource, StackRun } from "./record";

export interface ColdUpStep {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly start: number;
  readonly finish: number;
  readonly seconds: number;
  readonly basis: DurationBasis;
  /** How it waits for the step before: input, dependsOn, provider, reference; via a component. */
  readonly via?: { readonly kind: EdgeKind; readonly component?: string };
}

export interface ColdUpEstimate {
  /** Estimated seconds from the first create to the last one done. */
  readonly totalSeconds: number;
  readonly criticalPath: readonly ColdUpStep[];
  /** `dependsOn` edges on the path that no input carries and no known need explains. */
  readonly unneededDependsOn: readonly ExplicitEdge[];
  /** `dependsOn` edges on the path that a known need explains (harness/justified.ts). */
  readonly justifiedDependsOn: readonly ExplicitEdge[];
  /** Types of this stack estimated at `defaultSeconds`, with no public figure. */
  readonly typesWithoutFigure: readonly string[];
  readonly defaultSeconds: number;
  /** Earliest finish of every managed resource, seconds after the start. */
  readonly earliestFinish: Readonly<Record<string, number>>;
}

/** Edge kinds by precedence: an edge also carried by an input counts as an input edge. */
const RANK: Readonly<Record<EdgeKind, number>> = {
  input: 0,
  reference: 1,
  provider: 2,
  dependsOn: 3,
};

/** URNs of resource references in recorded inputs (`{urn}` or `{urn, id}`, see record.ts). */
export function referencedUrns(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencedUrns(v, found);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    const isRef =
      typeof o.urn === "string" &&
      o.urn.startsWith("urn:pulumi:") &&
      keys.every((k) => k === "urn" || k === "id");
    if (isRef) found.push(o.urn as string);
    else for (const v of Object.values(o)) referencedUrns(v, found);
  }
  return found;
}

/** The provider URN of a provider reference `<urn>::<id>`. */
function providerUrn(reference: string): string {
  return reference.slice(0, reference.lastIndexOf("::"));
}

/** The recorded resources as a graph with typical durations. */
export function resourceGraph(resources: readonly RecordedResource[]): GraphNode[] {
  const recorded = new Set(resources.map((r) => r.urn));
  return resources.map((r) => {
    const edges = new Map<string, EdgeKind>();
    const add = (urn: string, kind: EdgeKind) => {
      if (urn === r.urn || !recorded.has(urn)) return;
      const had = edges.get(urn);
      if (had === undefined || RANK[kind] < RANK[had]) edges.set(urn, kind);
    };
    const inputDeps = new Set(Object.values(r.propertyDependencies).flat());
    for (const u of inputDeps) add(u, "input");
    for (const u of r.dependencies) add(u, inputDeps.has(u) ? "input" : "dependsOn");
    if (r.provider) add(providerUrn(r.provider), "provider");
    for (const u of referencedUrns(r.inputs)) add(u, "reference");
    const kind = r.custom ? "custom" : r.remote ? "remote" : "component";
    return {
      urn: r.urn,
      type: r.type,
      name: r.name,
      ...(r.parent ? { parent: r.parent } : {}),
      kind,
      seconds: kind === "component" ? 0 : typicalCreate(r.type, r.read).seconds,
      edges: [...edges].map(([to, k]) => ({ to, kind: k })),
    };
  });
}

export function estimateColdUp(run: Pick<StackRun, "resources">): ColdUpEstimate {
  const graph = resourceGraph(run.resources);
  const result = criticalPath(graph, justifyDependsOn);
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const work = run.resources.filter((r) => (r.custom || r.remote) && !r.read);
  return {
    totalSeconds: result.totalSeconds,
    criticalPath: result.steps.map((s) => {
      const d = typicalCreate(s.type, byUrn.get(s.urn)!.read);
      return { ...s, seconds: d.seconds, basis: d.basis };
    }),
    unneededDependsOn: result.explicitEdges.filter((e) => !e.justification && e.savingSeconds > 0),
    justifiedDependsOn: result.explicitEdges.filter((e) => e.justification),
    typesWithoutFigure: [...new Set(work.flatMap((r) => defaultedTypes(r.type)))].sort(),
    defaultSeconds: DEFAULT_SECONDS,
    earliestFinish: Object.fromEntries(work.map((r) => [r.urn, result.finish.get(r.urn)!])),
  };
}

/** `17m 45s`, `45s`, `0s`. */
export function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return m > 0 ? `${m}m ${String(s).padStart(2, "0")}s` : `${s}s`;
}

/** `name (Kind)` of a URN: the name, and the last part of the type token. */
const label = (urn: string): string => {
  const [typed, name] = urn.split("::").slice(-2);
  return `${name} (${typed.split("$").pop()!.split(":").pop()})`;
};

/** The plan's section: the estimate, the critical path step by step, the dependsOn findings. */
export function coldUpSection(estimate: ColdUpEstimate): string[] {
  const lines = [
    "",
    `Cold pulumi up, estimated from typical creation times (harness/durations.ts): ` +
      `${formatSeconds(estimate.totalSeconds)}`,
    "  Critical path (start → finish, how it waits for the step above):",
  ];
  for (const s of estimate.criticalPath) {
    const span = `${formatSeconds(s.start)} → ${formatSeconds(s.finish)}`.padStart(19);
    const via = s.via
      ? `${s.via.kind}${s.via.component ? ` on ${label(s.via.component)}` : ""}`
      : "first";
    lines.push(`  ${span}  ${s.type} ${s.name}  (${via}; ${s.seconds}s, ${s.basis})`);
  }
  for (const e of estimate.unneededDependsOn)
    lines.push(
      `  Lengthens it without need: ${label(e.from)} dependsOn ${label(e.to)}, no input ` +
        `carries it; ${formatSeconds(e.savingSeconds)} shorter without it.`,
    );
  for (const e of estimate.justifiedDependsOn)
    lines.push(`  Needed dependsOn: ${label(e.from)} on ${label(e.to)}: ${e.justification}.`);
  if (estimate.typesWithoutFigure.length > 0)
    lines.push(
      `  No public figure, ${estimate.defaultSeconds}s each: ${estimate.typesWithoutFigure.join(", ")}.`,
    );
  return lines;
}
