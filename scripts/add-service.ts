/**
 * `npm run add-service -- <name> [--folder F] [--port N] [--health-path P] [--expose alb|internal]
 * [--replicas ENV=MIN-MAX] [--cpu ENV=Q] [--memory ENV=Q]`: gives a service its GitOps content and
 * sample source in gitops/ (from components/services' templates, the ones the tests validate) and
 * its entry in the delivery stack files' `services` when absent. Existing files are kept, never
 * overwritten: they are the service's owners' from the first commit. Exit code 1 on invalid
 * settings or values, 2 on bad arguments.
 */
import * as path from "path";
import {
  gitopsEnvironments,
  serviceContentProblems,
  serviceFiles,
  serviceListings,
  type ServiceEnvironment,
  type ServiceSpec,
} from "../components/services";
import { PROJECT_DIR } from "../harness/config";
import { deliverySettings, deliveryStacks, environmentProfile } from "../harness/services";
import { SettingsError } from "../stacks/problems";
import { SERVICE_ENVIRONMENT_DEFAULTS } from "../stacks/profiles";
import type { RuntimeProfile } from "../stacks/settings";
import { addResource, addServiceEntry, compactEntry, writeIfAbsent } from "./service-edits";

const USAGE =
  "usage: npm run add-service -- <name> [--folder F] [--port N] [--health-path P] " +
  "[--expose alb|internal] [--replicas ENV=MIN-MAX] [--cpu ENV=QUANTITY] [--memory ENV=QUANTITY]";

export interface AddServiceIo {
  readonly log: (text: string) => void;
  readonly error: (text: string) => void;
  /** Folder holding the stack files and gitops/. Default: the project's. */
  readonly projectDir?: string;
}

interface Args {
  readonly name: string;
  /** Entry fields given on the command line. */
  readonly entry: Record<string, string | number>;
  /** Per-environment overlay values: environment -> field -> value. */
  readonly overlay: Map<string, Partial<Record<"replicas" | "cpu" | "memory", string>>>;
}

const ENTRY_FLAGS: Record<string, string> = {
  "--folder": "folder",
  "--port": "port",
  "--health-path": "healthPath",
  "--expose": "expose",
};
const OVERLAY_FLAGS = { "--replicas": "replicas", "--cpu": "cpu", "--memory": "memory" } as const;

function parseArgs(argv: readonly string[]): Args | string {
  const names: string[] = [];
  const entry: Record<string, string | number> = {};
  const overlay: Args["overlay"] = new Map();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith("--")) {
      names.push(flag);
      continue;
    }
    const value = argv[++i];
    if (value === undefined) return `${flag} needs a value. ${USAGE}`;
    if (flag in ENTRY_FLAGS) {
      entry[ENTRY_FLAGS[flag]] = flag === "--port" && /^\d+$/.test(value) ? Number(value) : value;
    } else if (flag in OVERLAY_FLAGS) {
      const m = /^([^=]+)=(.+)$/.exec(value);
      if (!m) return `${flag} takes ENV=VALUE, such as prod=4. ${USAGE}`;
      const field = OVERLAY_FLAGS[flag as keyof typeof OVERLAY_FLAGS];
      overlay.set(m[1], { ...overlay.get(m[1]), [field]: m[2] });
    } else return `unknown option ${flag}. ${USAGE}`;
  }
  if (names.length !== 1) return `name one service. ${USAGE}`;
  return { name: names[0], entry, overlay };
}

/** The overlay values of each environment: its profile's, with the command line's over them. */
function environments(
  args: Args,
  gitopsRoot: string,
  projectDir: string,
): ServiceEnvironment[] | string[] {
  const found = gitopsEnvironments(gitopsRoot);
  const problems = [...args.overlay.keys()]
    .filter((env) => !found.some((e) => e.name === env))
    .map(
      (env) =>
        `no environment '${env}' in gitops/flux-repo/clusters (there: ${found.map((e) => e.name).join(", ")})`,
    );
  const result = found.map((e) => {
    let profile: RuntimeProfile = "dev";
    try {
      profile = environmentProfile(e.name, projectDir);
    } catch (error) {
      problems.push((error as Error).message);
    }
    const values = { ...SERVICE_ENVIRONMENT_DEFAULTS[profile] };
    const given = args.overlay.get(e.name) ?? {};
    if (given.replicas !== undefined) {
      const m = /^([1-9]\d*)(?:-([1-9]\d*))?$/.exec(given.replicas);
      const [min, max] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [0, 0];
      if (m && min <= max) [values.minReplicas, values.maxReplicas] = [min, max];
      else
        problems.push(
          `--replicas ${e.name}=${given.replicas}: the autoscaler's range MIN-MAX (such as 3-10), or one number`,
        );
    }
    if (given.cpu !== undefined) {
      if (/^(\d+m|\d+(\.\d+)?)$/.test(given.cpu)) values.cpu = given.cpu;
      else problems.push(`--cpu ${e.name}=${given.cpu}: a CPU quantity such as 250m or 1`);
    }
    if (given.memory !== undefined) {
      const m = /^(\d+)(Mi|Gi)$/.exec(given.memory);
      if (m) [values.memory, values.memoryLimit] = [given.memory, `${Number(m[1]) * 2}${m[2]}`];
      else
        problems.push(
          `--memory ${e.name}=${given.memory}: a quantity such as 256Mi or 1Gi (the limit is twice it)`,
        );
    }
    return { ...values, name: e.name, imageAutomation: e.imageAutomation };
  });
  return problems.length > 0 ? problems : result;
}

interface Resolved {
  readonly service: ServiceSpec;
  /** The pipeline branch: the image policy and the placeholder tag follow it. */
  readonly branch: string;
  /** The delivery stacks whose files get the entry, with the services they had. */
  readonly additions: readonly { stack: string; current: readonly ServiceSpec[] }[];
}

/**
 * The service as the delivery stacks' settings give it: their entry, or the one the options make
 * (validated as the program validates settings). A string is the problem to report.
 */
function resolveService(
  args: Args,
  stacks: readonly string[],
  projectDir: string,
): Resolved | string {
  let service: ServiceSpec | undefined;
  let branch = "";
  const additions: { stack: string; current: readonly ServiceSpec[] }[] = [];
  for (const stack of stacks) {
    const current = deliverySettings(stack, projectDir);
    let spec = current.services.find((s) => s.name === args.name);
    if (spec) {
      const listed = spec as unknown as Record<string, unknown>;
      const differs = Object.entries(args.entry).filter(([k, v]) => listed[k] !== v);
      if (differs.length > 0) {
        const what = differs.map(([k]) => `${k} ${JSON.stringify(listed[k])}`).join(", ");
        return (
          `Pulumi.${stack}.yaml already lists '${args.name}' with ${what}: change the entry ` +
          `there, or leave those options out.`
        );
      }
    } else {
      const raw = [...current.services.map(compactEntry), { name: args.name, ...args.entry }];
      spec = deliverySettings(stack, projectDir, { services: raw }).services.at(-1);
      additions.push({ stack, current: current.services });
    }
    if (service && JSON.stringify(service) !== JSON.stringify(spec)) {
      return `The delivery stacks ${stacks.join(", ")} describe '${args.name}' differently: make their entries agree.`;
    }
    service = spec;
    branch ||= current.pipeline.branch;
  }
  return { service: service as ServiceSpec, branch, additions };
}

/** Runs the command; returns the exit code. */
export function main(argv: readonly string[], io: AddServiceIo): number {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.error(args);
    return 2;
  }
  const projectDir = io.projectDir ?? PROJECT_DIR;
  const gitopsRoot = path.join(projectDir, "gitops");
  const stacks = deliveryStacks(projectDir);
  if (stacks.length === 0) {
    io.error(
      "No delivery stack file (a Pulumi.<stack>.yaml of profile shared) in the project: create " +
        "Pulumi.shared.yaml first (README, The real path).",
    );
    return 1;
  }
  let resolved: Resolved | string;
  let envs: ServiceEnvironment[] | string[];
  try {
    resolved = resolveService(args, stacks, projectDir);
    envs = environments(args, gitopsRoot, projectDir);
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    io.error(e.message);
    return 1;
  }
  if (typeof resolved === "string") {
    io.error(resolved);
    return 1;
  }
  if (envs.some((e) => typeof e === "string")) {
    io.error(`Invalid values:\n  - ${(envs as string[]).join("\n  - ")}`);
    return 1;
  }
  const { service: spec, branch, additions } = resolved;
  const environmentsOf = envs as ServiceEnvironment[];
  for (const file of serviceFiles(spec, environmentsOf, branch)) {
    const done = writeIfAbsent(gitopsRoot, file);
    io.log(`${done === "written" ? "wrote" : "kept (exists)"} gitops/${file.path}`);
  }
  for (const l of serviceListings(spec, environmentsOf)) {
    const done = addResource(path.join(gitopsRoot, l.kustomization), l.resource);
    if (done === "added") io.log(`listed ${l.resource} in gitops/${l.kustomization}`);
  }
  for (const { stack, current } of additions) {
    addServiceEntry(path.join(projectDir, `Pulumi.${stack}.yaml`), spec, current);
    io.log(`added '${spec.name}' to gitops-platform:services in Pulumi.${stack}.yaml`);
  }
  const left = serviceContentProblems([spec], gitopsRoot, `Pulumi.${stacks[0]}.yaml`).filter((p) =>
    p.startsWith(`Service '${spec.name}'`),
  );
  for (const p of left) io.error(`warning: ${p}`);
  io.log(
    `\nNext: replace the sample in gitops/app-repo/${spec.folder} with the service, commit, and run ` +
      `pulumi up -s ${stacks.join(", -s ")} (its ECR repository and pipeline). The repositories are ` +
      `seeded once: on a platform already deployed, commit these files to app-repo, ` +
      `microservices-repo and flux-repo too (their paths without gitops/<repository>/).`,
  );
  return 0;
}

if (require.main === module) {
  const io: AddServiceIo = { log: (t) => console.log(t), error: (t) => console.error(t) };
  process.exit(main(process.argv.slice(2), io));
}
