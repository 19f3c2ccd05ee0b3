/**
 * `npm run plan -- [stack] [--json FILE]`: the offline plan of a stack (default `dev`).
 * Exit code 1 with the settings error (no stack trace) when the settings are invalid.
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { runStack, type StackRun } from "../harness/run";
import { formatPlan, planJson } from "../harness/plan";
import { loadStackConfig, stackFileExists } from "../harness/config";
import { MOCK_ORGANIZATION } from "../harness/mocks";
import { NAMESPACE, SettingsError } from "../stacks/problems";
import { resolveSettings } from "../stacks/resolve";
import type { Settings } from "../stacks/settings";
import { estimateMonthlyCost, type CostEstimate } from "../components/cost";

const USAGE =
  "usage: npm run plan -- [stack] [--json FILE] | --cost-table   (stacks: shared, dev, staging, prod)";

export interface PlanIo {
  readonly log: (text: string) => void;
  readonly error: (text: string) => void;
  readonly run: (stack: string) => Promise<StackRun>;
  /** The stack's cost estimate; default: from its stack file, as the program would resolve it. */
  readonly cost?: (stack: string) => CostEstimate;
}

/**
 * A stack's settings from `Pulumi.yaml` + `Pulumi.<stack>.yaml`, resolved as `stacks/load.ts`
 * does in a real run (the recorded run does not keep them).
 */
export function stackSettings(stack: string): Settings {
  const { project, config } = loadStackConfig(stack);
  const own: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${NAMESPACE}:`)) own[key.slice(NAMESPACE.length + 1)] = value;
  }
  const token = own["deploymentsApiToken"];
  if (token !== undefined) own["deploymentsApiToken"] = "(secret)";
  return resolveSettings({
    project,
    stack,
    organization: MOCK_ORGANIZATION,
    region: config["aws:region"],
    config: own,
    deploymentsApiToken: token === undefined ? undefined : pulumi.secret(token),
  });
}

/** A line's label in the README table: its item up to the first parenthesis. */
const label = (item: string): string => item.split(" (")[0];

/**
 * The README's "What it costs" table: one row per stack with its fixed monthly total, the Spot
 * nodes' On-Demand ceiling, and the lines that make up the total. `npm run plan -- --cost-table`.
 */
export function costTable(date: Date = new Date()): string {
  const rows = ["dev", "staging", "prod", "shared"].map((stack) => {
    const cost = estimateMonthlyCost(stackSettings(stack), date);
    const parts = cost.lines
      .filter((l) => l.monthlyUsd > 0)
      .map((l) => `${label(l.item)} $${l.monthlyUsd.toFixed(2)}`);
    const spot =
      cost.spotOnDemandCeilingUsd > 0 ? `$${cost.spotOnDemandCeilingUsd.toFixed(2)}` : "none";
    const made = parts.length ? parts.join(", ") : "nothing: every item is usage-priced";
    return `| ${stack} | $${cost.totalMonthlyUsd.toFixed(2)} | ${spot} | ${made} |`;
  });
  return [
    "| stack | fixed per month | Spot nodes, at most | made of |",
    "| --- | ---: | ---: | --- |",
    ...rows,
  ].join("\n");
}

const defaultIo: PlanIo = {
  log: (t) => console.log(t),
  error: (t) => console.error(t),
  run: (stack) => runStack(stack),
  cost: (stack) => estimateMonthlyCost(stackSettings(stack)),
};

/** Runs the plan command; returns the exit code. */
export async function main(argv: readonly string[], io: PlanIo = defaultIo): Promise<number> {
  let stack = "dev";
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--json") {
      json = argv[++i];
      if (!json) {
        io.error(`--json needs a file name. ${USAGE}`);
        return 2;
      }
    } else if (argv[i] === "--cost-table") {
      io.log(costTable());
      return 0;
    } else if (argv[i] === "--help" || argv[i] === "-h") {
      io.log(USAGE);
      return 0;
    } else if (argv[i].startsWith("-")) {
      io.error(`unknown option ${argv[i]}. ${USAGE}`);
      return 2;
    } else {
      stack = argv[i];
    }
  }
  if (!stackFileExists(stack)) {
    io.error(
      `No Pulumi.${stack}.yaml: create it (README, "Adding an environment") or use shared, dev, staging or prod.`,
    );
    return 1;
  }
  try {
    const run = await io.run(stack);
    io.log(formatPlan(run, io.cost?.(stack)));
    if (json) {
      fs.writeFileSync(json, JSON.stringify(planJson(run), null, 2) + "\n");
      io.log(`\nWrote ${json}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof SettingsError) {
      io.error(e.message);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
