/**
 * `npm run plan -- [stack] [--json FILE]`: the offline plan of a stack (default `dev`).
 * Exit code 1 with the settings error (no stack trace) when the settings are invalid.
 */
import * as fs from "fs";
import { runStack, type StackRun } from "../harness/run";
import { formatPlan, planJson } from "../harness/plan";
import { stackFileExists } from "../harness/config";
import { SettingsError } from "../stacks/problems";

const USAGE = "usage: npm run plan -- [stack] [--json FILE]   (stacks: shared, dev, staging, prod)";

export interface PlanIo {
  readonly log: (text: string) => void;
  readonly error: (text: string) => void;
  readonly run: (stack: string) => Promise<StackRun>;
}

const defaultIo: PlanIo = {
  log: (t) => console.log(t),
  error: (t) => console.error(t),
  run: (stack) => runStack(stack),
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
    io.log(formatPlan(run));
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
