/**
 * `npm run status -- <environment> [--shared STACK] [--table NAME] [--region R] [--profile P]`:
 * what runs in each application of an environment, from the deployment ledger, with the AWS
 * credentials of whoever runs it (the usual chain: AWS_PROFILE, AWS_* variables, SSO). The table
 * and region default to the shared stack's, from its `Pulumi.<stack>.yaml` resolved as the program
 * resolves it (components/feedback/names.ts gives the table name). Needs `dynamodb:Query` on it.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoStore } from "../connector/src/aws/dynamodb";
import { feedbackNames } from "../components/feedback";
import { PROJECT_DIR } from "../harness/config";
import { stackSettings } from "../harness/settings";
import { statusReport } from "./status-report";

const USAGE =
  "usage: npm run status -- <environment> [--shared STACK] [--table NAME] [--region R] [--profile P] [--failures N]";

export interface StatusIo {
  readonly log: (text: string) => void;
  readonly error: (text: string) => void;
  readonly stackDir?: string;
}

function parse(argv: readonly string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (["--shared", "--table", "--region", "--profile", "--failures"].includes(a)) {
      const v = argv[++i];
      if (!v) return `${a} needs a value. ${USAGE}`;
      out[a.slice(2)] = v;
    } else if (a.startsWith("-")) return `unknown option ${a}. ${USAGE}`;
    else if (out.environment) return `one environment at a time. ${USAGE}`;
    else out.environment = a;
  }
  return out.environment ? out : USAGE;
}

/** Runs the command; the exit code. */
export async function runStatus(argv: readonly string[], io: StatusIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === "string") {
    io.error(args);
    return 2;
  }
  let table = args.table;
  let region = args.region;
  let profile: string | undefined = args.profile;
  if (!table || !region) {
    const shared = args.shared ?? "shared";
    try {
      const s = stackSettings(shared, io.stackDir ?? PROJECT_DIR);
      table ??= feedbackNames(s.namePrefix).table;
      region ??= s.region;
      profile ??= s.awsProfile;
    } catch (e) {
      io.error(
        `Cannot read the shared stack '${shared}' (${(e as Error).message.split("\n")[0]}): pass --shared STACK, or --table and --region.`,
      );
      return 2;
    }
  }
  const client = new DynamoDBClient({ region, ...(profile ? { profile } : {}) });
  try {
    const items = await new DynamoStore(client, table).query(args.environment, "");
    io.log(statusReport(args.environment, table, items, { failures: Number(args.failures ?? 5) }));
    return 0;
  } catch (e) {
    io.error(`Reading ${table} in ${region} failed: ${(e as Error).name}: ${(e as Error).message}`);
    return 1;
  } finally {
    client.destroy();
  }
}

if (require.main === module) {
  runStatus(process.argv.slice(2), { log: console.log, error: console.error }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
