/**
 * `npm run plan -- [stack...] [--json FILE|-] | --cost-table`: the offline plan of each named stack
 * (default `dev`), in the order given. `--json -` writes the JSON to standard output and nothing
 * else; one stack gives one plan object, several give an array of them. Exit code 1 when a stack
 * has invalid settings or no stack file (the others are still planned), 2 on bad arguments. When the
 * delivery stacks' services and gitops/ disagree, every stack's warnings say what is missing (the
 * GitOps content serves them all).
 */
import * as fs from "fs";
import * as path from "path";
import { runStack, type StackRun, type StackState } from "../harness/run";
import { formatPlan, planJson, planWarnings } from "../harness/plan";
import { PROJECT_DIR, stackFileExists, stackNames } from "../harness/config";
import { servicesProblems } from "../harness/services";
import { stackSettings } from "../harness/settings";
import { SettingsError } from "../stacks/problems";
import { crossStackProblems } from "../stacks/cross-stack";
import { PROFILES } from "../stacks/settings";
import { estimateMonthlyCost, type CostEstimate } from "../components/cost";

const USAGE = "usage: npm run plan -- [stack...] [--json FILE|-] [--state FILE] | --cost-table";

export interface PlanIo {
  readonly log: (text: string) => void;
  readonly error: (text: string) => void;
  /** Folder of the `Pulumi.<stack>.yaml` files. Default: the project's. */
  readonly stackDir?: string;
  /** Runs a stack; default: the mocked program run from `stackDir`. */
  readonly run?: (stack: string) => Promise<StackRun>;
  /** A stack's cost estimate; default: from its stack file, as the program resolves it. */
  readonly cost?: (stack: string) => CostEstimate;
  /** The date support windows are judged at (warnings). Default: today. */
  readonly date?: Date;
  /**
   * Settings-versus-files problems to warn about. Default: the delivery stacks of `stackDir`
   * against the project's gitops/ (harness/services.ts).
   */
  readonly warnings?: () => string[];
}

/** A line's label in the README table: its item up to the first parenthesis. */
const label = (item: string): string => item.split(" (")[0];

/**
 * The "What it costs" table: one row per stack file of `stackDir` (environments in profile order,
 * then the shared stack) with its fixed monthly total, the Spot nodes' On-Demand ceiling and the
 * lines that make up the total. `npm run plan -- --cost-table`.
 */
export function costTable(date: Date = new Date(), stackDir: string = PROJECT_DIR): string {
  const settings = stackNames(stackDir).map((stack) => stackSettings(stack, stackDir));
  const rank = (p: string) => (PROFILES as readonly string[]).indexOf(p);
  settings.sort((a, b) => rank(a.profile) - rank(b.profile) || a.stack.localeCompare(b.stack));
  const rows = settings.map((s) => {
    const cost = estimateMonthlyCost(s, date);
    const parts = cost.lines
      .filter((l) => l.monthlyUsd > 0)
      .map((l) => `${label(l.item)} $${l.monthlyUsd.toFixed(2)}`);
    const spot =
      cost.spotOnDemandCeilingUsd > 0 ? `$${cost.spotOnDemandCeilingUsd.toFixed(2)}` : "none";
    const made = parts.length ? parts.join(", ") : "nothing: every item is usage-priced";
    const nodes =
      cost.autoscalingCeilingUsd > 0 ? `$${cost.autoscalingCeilingUsd.toFixed(2)}` : "none";
    return `| ${s.stack} | $${cost.totalMonthlyUsd.toFixed(2)} | ${spot} | ${nodes} | ${made} |`;
  });
  return [
    "| stack | fixed per month | Spot nodes, at most | Karpenter nodes, at most | made of |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows,
  ].join("\n");
}

/** Problems between the stack files of `stackDir` (those whose own settings resolve). */
export function projectClashes(stackDir: string): string[] {
  const all = stackNames(stackDir).flatMap((stack) => {
    try {
      return [stackSettings(stack, stackDir)];
    } catch (e) {
      if (e instanceof SettingsError) return [];
      throw e;
    }
  });
  return crossStackProblems(all);
}

interface Args {
  readonly stacks: string[];
  readonly json?: string;
  /** `pulumi stack export` of the (one) stack planned: create-only resources answer from it. */
  readonly state?: string;
  readonly costTable: boolean;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  const stacks: string[] = [];
  let json: string | undefined;
  let state: string | undefined;
  let table = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") {
      json = argv[++i];
      if (!json) return `--json needs a file name, or - for standard output. ${USAGE}`;
    } else if (a === "--state") {
      state = argv[++i];
      if (!state) return `--state needs the file of pulumi stack export -s <stack>. ${USAGE}`;
    } else if (a === "--cost-table") table = true;
    else if (a === "--help" || a === "-h") help = true;
    else if (a.startsWith("-") && a !== "-") return `unknown option ${a}. ${USAGE}`;
    else if (stacks.includes(a)) return `stack ${a} is named twice. ${USAGE}`;
    else stacks.push(a);
  }
  if (table && (stacks.length > 0 || json))
    return `--cost-table takes no stack and no --json. ${USAGE}`;
  if (state && stacks.length !== 1)
    return `--state is the state of one stack: name that stack alone. ${USAGE}`;
  return { stacks: stacks.length ? stacks : ["dev"], json, state, costTable: table, help };
}

/** Runs the plan command; returns the exit code. */
export async function main(argv: readonly string[], io: PlanIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.error(args);
    return 2;
  }
  const stackDir = io.stackDir ?? PROJECT_DIR;
  if (args.help) {
    io.log(`${USAGE}\n(stacks here: ${stackNames(stackDir).join(", ")})`);
    return 0;
  }
  if (args.costTable) {
    io.log(costTable(new Date(), stackDir));
    return 0;
  }
  const state = args.state
    ? (JSON.parse(fs.readFileSync(args.state, "utf8")) as StackState)
    : undefined;
  const run = io.run ?? ((stack: string) => runStack(stack, { stackDir, state }));
  const cost = io.cost ?? ((stack: string) => estimateMonthlyCost(stackSettings(stack, stackDir)));
  const toStdout = args.json === "-";
  const plans: object[] = [];
  let code = 0;
  // The GitOps content serves every stack: settings and files that disagree are said every time.
  const contentWarnings = (
    io.warnings ?? (() => servicesProblems(stackDir, path.join(PROJECT_DIR, "gitops")))
  )();
  const clashes = projectClashes(stackDir).filter((p) =>
    args.stacks.some((stack) => p.includes(`Pulumi.${stack}.yaml`)),
  );
  if (clashes.length > 0) {
    io.error(`The stacks of this project collide:\n${clashes.map((p) => `  - ${p}`).join("\n")}`);
    code = 1;
  }
  for (const stack of args.stacks) {
    if (!stackFileExists(stack, stackDir)) {
      io.error(
        `No Pulumi.${stack}.yaml: create it (README, "Adding an environment") or use one of ` +
          `${stackNames(stackDir).join(", ")}.`,
      );
      code = 1;
      continue;
    }
    try {
      const recorded = await run(stack);
      const estimate = cost(stack);
      const warnings = [
        ...planWarnings(recorded, stackSettings(stack, stackDir), io.date ?? new Date()),
        ...contentWarnings,
      ];
      if (!toStdout) io.log((plans.length ? "\n" : "") + formatPlan(recorded, estimate, warnings));
      plans.push(planJson(recorded, estimate, warnings));
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      io.error(e.message);
      code = 1;
    }
  }
  if (args.json && plans.length > 0) {
    const text = JSON.stringify(args.stacks.length === 1 ? plans[0] : plans, null, 2) + "\n";
    if (toStdout) io.log(text.trimEnd());
    else {
      fs.writeFileSync(args.json, text);
      io.log(`\nWrote ${args.json}`);
    }
  }
  return code;
}

if (require.main === module) {
  const io: PlanIo = { log: (t) => console.log(t), error: (t) => console.error(t) };
  // Exit once standard output is flushed: a piped `--json -` of a large stack was cut at 64 KiB.
  const exit = (code: number) => process.stdout.write("", () => process.exit(code));
  main(process.argv.slice(2), io).then(
    (code) => exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      exit(1);
    },
  );
}
