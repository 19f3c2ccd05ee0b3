/**
 * The results file of `npm run bench` (bench/results.md): the machine's facts, one table per
 * scale dimension, the growth between sizes and the targets. Pure: measurements in, text out.
 */

/**
 * One measured case: plan times of several warm rounds, each round planning every stack of the
 * case once. The process's CPU time (user + system) is the figure that counts: on a shared machine
 * other processes stretch wall-clock time, not this; on an idle one the two are about equal (the
 * plan runs on one thread).
 */
export interface Measurement {
  /** The case's size: services of the shared stack, or number of environment stacks. */
  readonly size: number;
  /** Resources to create, over all the stacks planned in the case. */
  readonly resources: number;
  /** CPU milliseconds per round. */
  readonly cpuMs: readonly number[];
  /** Wall-clock milliseconds per round. */
  readonly wallMs: readonly number[];
}

export interface MachineFacts {
  readonly date: string;
  readonly commit: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** 1, 5 and 15-minute load averages when the bench started (the machine may be shared). */
  readonly loadAverage: readonly number[];
}

export interface BenchResults {
  readonly facts: MachineFacts;
  readonly rounds: number;
  /** Milliseconds of the first run in the process: loading the SDKs and the program. */
  readonly coldMs: number;
  readonly services: readonly Measurement[];
  readonly environments: readonly Measurement[];
  /** This project's own stack files, one case per stack (size 1). */
  readonly projectStacks: readonly (Measurement & { readonly stack: string })[];
}

/** The target of issue 14: the shared stack with 50 services plans in under 10 s (CPU time). */
export const SERVICES_TARGET = { services: 50, ms: 10_000 } as const;

/**
 * Growth is called linear when the time per resource of the largest case is at most this many
 * times that of the smallest (timings on a shared 2-core machine move by tens of percent).
 */
export const LINEAR_TOLERANCE = 1.5;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Time per resource of the largest case over that of the smallest. */
export function growthRatio(cases: readonly Measurement[]): number {
  const per = (m: Measurement) => median(m.cpuMs) / m.resources;
  const bySize = [...cases].sort((a, b) => a.size - b.size);
  return per(bySize[bySize.length - 1]) / per(bySize[0]);
}

/** Whether the 50-service case meets the target; undefined when it was not measured. */
export function servicesTargetMet(cases: readonly Measurement[]): boolean | undefined {
  const m = cases.find((c) => c.size === SERVICES_TARGET.services);
  return m ? median(m.cpuMs) < SERVICES_TARGET.ms : undefined;
}

const ms = (n: number): string => `${Math.round(n).toLocaleString("en-US")} ms`;

function table<T extends Measurement>(
  header: string,
  cases: readonly T[],
  label: (m: T) => string,
) {
  const rows = cases.map((m) => {
    const cpu = median(m.cpuMs);
    const wall = `${ms(median(m.wallMs))} (${ms(Math.min(...m.wallMs))} – ${ms(Math.max(...m.wallMs))})`;
    return `| ${label(m)} | ${m.resources} | ${ms(cpu)} | ${wall} | ${(cpu / m.resources).toFixed(2)} ms |`;
  });
  return [
    `| ${header} | resources | CPU time (median) | wall time (median, min – max) | CPU per resource |`,
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows,
  ];
}

function increments(cases: readonly Measurement[], unit: string): string[] {
  const bySize = [...cases].sort((a, b) => a.size - b.size);
  return bySize.slice(1).map((m, i) => {
    const p = bySize[i];
    const d = m.size - p.size;
    const perMs = (median(m.cpuMs) - median(p.cpuMs)) / d;
    const perRes = (m.resources - p.resources) / d;
    const resources = Number.isInteger(perRes) ? String(perRes) : perRes.toFixed(1);
    return `- ${p.size} → ${m.size}: ${ms(perMs)} of CPU and ${resources} resources per added ${unit}.`;
  });
}

function verdict(cases: readonly Measurement[]): string {
  const r = growthRatio(cases);
  const linear = r <= LINEAR_TOLERANCE;
  return (
    `- CPU time per resource, largest over smallest case: ${r.toFixed(2)} ` +
    `(${linear ? "linear" : "NOT linear"}: at most ${LINEAR_TOLERANCE} is called linear).`
  );
}

/** bench/results.md (Markdown; the caller formats it with Prettier). */
export function resultsMarkdown(r: BenchResults): string {
  const f = r.facts;
  const met = servicesTargetMet(r.services);
  const target50 = r.services.find((c) => c.size === SERVICES_TARGET.services);
  return [
    "# Offline plan benchmark",
    "",
    "Written by `npm run bench` (scripts/bench.ts); run it again rather than editing this file.",
    "",
    `- Date: ${f.date}; commit ${f.commit}.`,
    `- Machine: ${f.cpu}, ${f.cores} cores, ${f.memoryGiB} GiB; ${f.os}; Node ${f.node}.`,
    `- Load average at start: ${f.loadAverage.map((l) => l.toFixed(2)).join(", ")} ` +
      "(1, 5, 15 min). The machine may be shared: other processes stretch the wall time, not the " +
      "CPU time, which the growth and the target are judged on.",
    `- A round plans every stack of a case once, as \`npm run plan\` does (the mocked program, ` +
      `the text and the JSON, with the cold-up estimate); each figure is the median of ` +
      `${r.rounds} warm rounds in one process, after a warm-up round.`,
    `- First run in the process (loading the SDKs and the program): ${ms(r.coldMs)} of wall time.`,
    "",
    "## Shared stack by number of services",
    "",
    ...table("services", r.services, (m) => String(m.size)),
    "",
    ...increments(r.services, "service"),
    verdict(r.services),
    target50
      ? `- Target, ${SERVICES_TARGET.services} services in under ${SERVICES_TARGET.ms / 1000} s: ` +
        `${met ? "met" : "NOT met"} (${ms(median(target50.cpuMs))} of CPU).`
      : `- Target, ${SERVICES_TARGET.services} services: not measured.`,
    "",
    "## Environment stacks (one shared stack with one service)",
    "",
    ...table("environment stacks", r.environments, (m) => String(m.size)),
    "",
    ...increments(r.environments, "environment stack"),
    verdict(r.environments),
    "",
    "## This project's stack files",
    "",
    ...table("stack", r.projectStacks, (m) => m.stack),
    "",
  ].join("\n");
}
