/**
 * `npm run plan -- [stack] [--json FILE]`: the offline plan of a stack (default `dev`).
 * Exit code 1 with the settings error (no stack trace) when the settings are invalid.
 */
import * as fs from "fs";
import { runStack } from "../harness/run";
import { formatPlan, planJson } from "../harness/plan";
import { stackFileExists } from "../harness/config";
import { SettingsError } from "../stacks/problems";

async function main(argv: string[]): Promise<number> {
  let stack = "dev";
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--json") {
      json = argv[++i];
      if (!json) {
        console.error("--json needs a file name: npm run plan -- dev --json plan.json");
        return 2;
      }
    } else if (argv[i] === "--help" || argv[i] === "-h") {
      console.log(
        "usage: npm run plan -- [stack] [--json FILE]   (stacks: shared, dev, staging, prod)",
      );
      return 0;
    } else if (argv[i].startsWith("-")) {
      console.error(`unknown option ${argv[i]}; usage: npm run plan -- [stack] [--json FILE]`);
      return 2;
    } else {
      stack = argv[i];
    }
  }
  if (!stackFileExists(stack)) {
    console.error(
      `No Pulumi.${stack}.yaml: create it (see README, "Adding an environment") or use shared, dev, staging or prod.`,
    );
    return 1;
  }
  try {
    const run = await runStack(stack);
    console.log(formatPlan(run));
    if (json) {
      fs.writeFileSync(json, JSON.stringify(planJson(run), null, 2) + "\n");
      console.log(`\nWrote ${json}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof SettingsError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
