/**
 * `npm run bench [rounds]`: how the offline plan scales, written to bench/results.md with the
 * machine's facts. Plans the shared stack with 1, 10 and 50 services and 3 and 10 environment
 * stacks from generated stack files in a temporary folder (scripts/bench-stacks.ts), and this
 * project's own stack files. A benchmark, not a test: exit code 1 only when the 50-service target
 * (scripts/bench-report.ts) is missed.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as prettier from "prettier";
import { PROJECT_DIR, stackNames } from "../harness/config";
import { formatPlan, planJson } from "../harness/plan";
import { runStack } from "../harness/run";
import { writeBenchStacks } from "./bench-stacks";
import {
  median,
  resultsMarkdown,
  servicesTargetMet,
  type BenchResults,
  type MachineFacts,
  type Measurement,
} from "./bench-report";

const SERVICE_COUNTS = [1, 10, 50] as const;
const ENVIRONMENT_COUNTS = [3, 10] as const;
export const RESULTS_FILE = path.join(PROJECT_DIR, "bench", "results.md");

/** One round: plans every stack as `npm run plan` does; returns the resources to create. */
async function planAll(stacks: readonly string[], stackDir: string): Promise<number> {
  let resources = 0;
  for (const stack of stacks) {
    const run = await runStack(stack, { stackDir });
    formatPlan(run);
    JSON.stringify(planJson(run));
    resources += run.resources.filter((r) => !r.read).length;
  }
  return resources;
}

async function measure(
  size: number,
  stacks: readonly string[],
  stackDir: string,
  rounds: number,
): Promise<Measurement & { readonly warmUpMs: number }> {
  const started = Date.now();
  const resources = await planAll(stacks, stackDir); // warm-up (and the shared stack's outputs)
  const warmUpMs = Date.now() - started;
  const cpuMs: number[] = [];
  const wallMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const cpu = process.cpuUsage();
    const wall = process.hrtime.bigint();
    await planAll(stacks, stackDir);
    wallMs.push(Number(process.hrtime.bigint() - wall) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  console.log(
    `  ${String(size).padStart(3)}: ${resources} resources, CPU ${median(cpuMs).toFixed(0)} ms, ` +
      `wall ${median(wallMs).toFixed(0)} ms (medians)`,
  );
  return { size, resources, cpuMs, wallMs, warmUpMs };
}

function machineFacts(): MachineFacts {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["describe", "--always", "--dirty"], { cwd: PROJECT_DIR })
      .toString()
      .trim();
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    date: new Date().toISOString(),
    commit,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg(),
  };
}

async function main(): Promise<number> {
  const rounds = Number(process.argv[2] ?? 5);
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error(
      `usage: npm run bench [rounds], rounds a positive integer (got ${process.argv[2]})`,
    );
    return 2;
  }
  const facts = machineFacts();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-bench-"));
  try {
    console.log("shared stack, by services:");
    const services: (Measurement & { readonly warmUpMs: number })[] = [];
    for (const n of SERVICE_COUNTS) {
      const dir = path.join(tmp, `services-${n}`);
      writeBenchStacks(dir, { services: n, environments: 0 });
      services.push(await measure(n, ["shared"], dir, rounds));
    }
    console.log("environment stacks:");
    const dir = path.join(tmp, "environments");
    const names = writeBenchStacks(dir, {
      services: 1,
      environments: Math.max(...ENVIRONMENT_COUNTS),
    });
    const environments: Measurement[] = [];
    for (const n of ENVIRONMENT_COUNTS)
      environments.push(await measure(n, names.slice(0, n), dir, rounds));
    console.log("this project's stack files:");
    const projectStacks = [];
    for (const stack of stackNames()) {
      projectStacks.push({ stack, ...(await measure(1, [stack], PROJECT_DIR, rounds)) });
    }

    // The first warm-up of the process also loaded the SDKs and the program.
    const coldMs = services[0].warmUpMs;
    const results: BenchResults = { facts, rounds, coldMs, services, environments, projectStacks };
    const config = (await prettier.resolveConfig(RESULTS_FILE)) ?? {};
    const text = await prettier.format(resultsMarkdown(results), { ...config, parser: "markdown" });
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(RESULTS_FILE, text);
    console.log(`\nWrote ${path.relative(PROJECT_DIR, RESULTS_FILE)}`);
    return servicesTargetMet(services) === false ? 1 : 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
