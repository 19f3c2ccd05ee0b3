/**
 * `npm run promote -- <environment> <image reference>... [--shared STACK] [--region R] [--profile P]`:
 * opens (or updates) the same pull request a healthy revision opens, by hand: the images given
 * (one service; `<service>:<tag>` or `<registry>/<service>:<tag>`, optionally `@sha256:...`)
 * with the manifests the stage before runs now (the tip of its branch). Rollback is promoting
 * an older reference. Runs with the caller's AWS credentials (the usual chain); needs what the
 * promotion role has on microservices-repo and the service's ECR repository. Every argument is
 * checked before the first AWS call.
 */
import { createHash } from "node:crypto";
import { CodeCommitClient } from "@aws-sdk/client-codecommit";
import { ECRClient } from "@aws-sdk/client-ecr";
import {
  DEFAULT_PROMOTION_STAGES,
  environmentBranch,
  type PromotionStage,
} from "../components/promotion";
import { PROJECT_DIR } from "../harness/config";
import { stackSettings } from "../harness/settings";
import { CodeCommitRepository } from "../promotion/src/aws/codecommit";
import { EcrRegistry } from "../promotion/src/aws/ecr";
import { parseImageReference } from "../promotion/src/images";
import { SERVICE_NAME, type PromotionConfig } from "../promotion/src/plan";
import type { PromotionPorts } from "../promotion/src/ports";
import { promote, type PromotionOutcome } from "../promotion/src/promote";

const USAGE =
  "usage: npm run promote -- <environment> <image reference>... [--shared STACK] [--region R] [--profile P]";

export interface PromoteIo {
  readonly log: (text: string) => void;
  readonly error: (text: string) => void;
  readonly stackDir?: string;
  /** The AWS side; default: SDK clients with the caller's credentials. */
  readonly ports?: (
    region: string,
    profile: string | undefined,
    repository: string,
  ) => PromotionPorts;
  readonly now?: () => Date;
  /** Who asks (recorded in the pull request). Default: `$USER`. */
  readonly requestedBy?: string;
}

interface Args {
  readonly environment: string;
  readonly references: readonly string[];
  readonly shared: string;
  readonly region?: string;
  readonly profile?: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  const opts: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (["--shared", "--region", "--profile"].includes(a)) {
      const v = argv[++i];
      if (!v) return `${a} needs a value. ${USAGE}`;
      opts[a.slice(2)] = v;
    } else if (a.startsWith("-")) return `unknown option ${a}. ${USAGE}`;
    else positional.push(a);
  }
  const [environment, ...references] = positional;
  if (!environment || references.length === 0) return USAGE;
  return {
    environment,
    references,
    shared: opts.shared ?? "shared",
    region: opts.region,
    profile: opts.profile,
  };
}

/** The problems of the environment and references, all at once; the service when there are none. */
export function checkRequest(
  stages: readonly PromotionStage[],
  services: readonly string[],
  environment: string,
  references: readonly string[],
): { service: string; tags: { tag: string; digest?: string; registry?: string }[] } | string[] {
  const problems: string[] = [];
  const index = stages.findIndex((s) => s.environment === environment);
  if (index < 0)
    problems.push(
      `unknown environment '${environment}': the promotion path is ${stages.map((s) => s.environment).join(" -> ")}`,
    );
  else if (index === 0)
    problems.push(
      `'${environment}' is the first stage: its images come from image automation, nothing is promoted into it`,
    );
  const parsed = references.map((r) => {
    const ref = parseImageReference(r);
    const slash = ref?.name.lastIndexOf("/") ?? -1;
    const service = ref ? ref.name.slice(slash + 1) : "";
    if (!ref?.tag || !SERVICE_NAME.test(service)) {
      problems.push(
        `'${r}' is not an image reference <service>:<tag>, <registry>/<service>:<tag> or either with @sha256:<64 hex>`,
      );
      return undefined;
    }
    if (!services.includes(service))
      problems.push(`'${r}': no service '${service}' (services: ${services.join(", ")})`);
    return {
      service,
      tag: ref.tag,
      digest: ref.digest,
      registry: slash > 0 ? ref.name.slice(0, slash) : undefined,
    };
  });
  const named = [...new Set(parsed.flatMap((p) => (p ? [p.service] : [])))];
  if (named.length > 1) problems.push(`one service at a time, got ${named.join(", ")}`);
  if (problems.length > 0) return problems;
  return {
    service: named[0],
    tags: parsed.map((p) => ({ tag: p!.tag, digest: p!.digest, registry: p!.registry })),
  };
}

/** Runs the command; the exit code. */
export async function runPromote(argv: readonly string[], io: PromoteIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.error(args);
    return 2;
  }
  let settings;
  try {
    settings = stackSettings(args.shared, io.stackDir ?? PROJECT_DIR);
  } catch (e) {
    io.error(
      `Cannot read the shared stack '${args.shared}' (${(e as Error).message.split("\n")[0]}): pass --shared STACK.`,
    );
    return 2;
  }
  if (settings.plane !== "delivery") {
    io.error(
      `'${args.shared}' is an environment stack; pass the shared stack with --shared STACK.`,
    );
    return 2;
  }
  // promotion stages: from settings once issue-11a lands
  const stages = DEFAULT_PROMOTION_STAGES;
  const checked = checkRequest(
    stages,
    settings.services.map((s) => s.name),
    args.environment,
    args.references,
  );
  if (Array.isArray(checked)) {
    for (const p of checked) io.error(p);
    return 2;
  }
  const region = args.region ?? settings.region;
  const repository = settings.repositories.microservices;
  const ports = (io.ports ?? defaultPorts)(region, args.profile ?? settings.awsProfile, repository);
  const found = await ports.registry.describeTag(checked.service, checked.tags[0].tag);
  if (!found) {
    io.error(
      `ECR repository ${checked.service} (${region}) has no tag ${checked.tags[0].tag}: nothing to promote.`,
    );
    return 1;
  }
  const ecrRegistry = `${found.registryId}.dkr.ecr.${region}.amazonaws.com`;
  const wrong = checked.tags.filter((t) => t.registry !== undefined && t.registry !== ecrRegistry);
  if (wrong.length > 0) {
    io.error(`the images are in ${ecrRegistry}, not ${wrong.map((t) => t.registry).join(", ")}`);
    return 2;
  }
  const config: PromotionConfig = {
    repository,
    region,
    defaultBranch: settings.defaultBranch,
    stages,
    ecrRegistry,
  };
  const index = stages.findIndex((s) => s.environment === args.environment);
  const source = stages[index - 1].environment;
  const branch = environmentBranch(stages, source, settings.defaultBranch);
  const head = await ports.repository.branchHead(branch);
  if (!head) {
    io.error(`${repository} has no branch ${branch} (the manifests ${source} runs).`);
    return 1;
  }
  const images = checked.tags.map(
    (t) => `${ecrRegistry}/${checked.service}:${t.tag}${t.digest ? `@${t.digest}` : ""}`,
  );
  const now = (io.now ?? (() => new Date()))().toISOString();
  const outcome = await promote(
    {
      source,
      target: args.environment,
      service: checked.service,
      commitId: head,
      revision: `${branch}@sha1:${head}`,
      images,
      healthySince: now,
      eventId: `manual:${createHash("sha256")
        .update(`${args.environment}\0${images.join(",")}\0${head}\0${now}`)
        .digest("hex")
        .slice(0, 32)}`,
      requestedBy: `npm run promote (${io.requestedBy ?? process.env.USER ?? "unknown user"})`,
    },
    ports,
    config,
  );
  io.log(report(outcome, config));
  return outcome.action === "refused" ? 1 : 0;
}

function report(o: PromotionOutcome, c: PromotionConfig): string {
  const link = o.pullRequestId
    ? ` https://${c.region}.console.aws.amazon.com/codesuite/codecommit/repositories/${c.repository}/pull-requests/${o.pullRequestId}/details?region=${c.region}`
    : "";
  return `${o.action}${o.pullRequestId ? ` pull request ${o.pullRequestId}` : ""}${o.reason ? `: ${o.reason}` : ""}${link}`;
}

function defaultPorts(
  region: string,
  profile: string | undefined,
  repository: string,
): PromotionPorts {
  const credentials = { region, ...(profile ? { profile } : {}) };
  return {
    repository: new CodeCommitRepository(new CodeCommitClient(credentials), repository),
    registry: new EcrRegistry(new ECRClient(credentials)),
    log: () => undefined,
  };
}

if (require.main === module) {
  runPromote(process.argv.slice(2), { log: console.log, error: console.error }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      process.exit(1);
    },
  );
}
