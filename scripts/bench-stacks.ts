/**
 * The stack files `npm run bench` plans: a shared stack with a given number of services, and
 * environment stacks of the shipped profiles in turn, written into a temporary stack folder
 * (harness `runStack` takes `stackDir`). Pure builders plus one writer.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { NAMESPACE } from "../stacks/problems";

/** The region of every bench stack (the fixture stacks' region). */
export const BENCH_REGION = "us-east-1";

/** The environment profiles the bench's environment stacks cycle through. */
export const BENCH_PROFILES = ["dev", "staging", "prod"] as const;

/**
 * The `services` setting of a shared stack with `count` services: the shipped `front-end` and
 * `service-02`, `service-03`, ... Today a service is its name; when services become structured
 * entries, this is the one function to change.
 */
export function benchServices(count: number): unknown[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`bench: ${count} services`);
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? "front-end" : `service-${String(i + 1).padStart(2, "0")}`,
  );
}

/**
 * `Pulumi.shared.yaml` of a bench folder: its services, and its environments as the promotion
 * path in order (an environment stack must be a stage of it).
 */
export function sharedStackFile(
  services: readonly unknown[],
  environments: readonly string[] = [],
): string {
  return YAML.stringify({
    config: {
      "aws:region": BENCH_REGION,
      [`${NAMESPACE}:services`]: services,
      ...(environments.length > 0 ? { [`${NAMESPACE}:promotion`]: environments } : {}),
    },
  });
}

/** The name of the `index`-th (from 0) environment stack: `env-01`, `env-02`, ... */
export function environmentStackName(index: number): string {
  return `env-${String(index + 1).padStart(2, "0")}`;
}

/**
 * What a profile leaves to the stack file, chosen as an operator would (prod: a restricted API
 * endpoint and HTTPS under a domain, as the prod fixture).
 */
const PROFILE_CHOICES: Readonly<Record<(typeof BENCH_PROFILES)[number], Record<string, unknown>>> =
  {
    dev: {},
    staging: {},
    prod: {
      [`${NAMESPACE}:publicAccessCidrs`]: ["198.51.100.0/24"],
      [`${NAMESPACE}:domain`]: "example.com",
    },
  };

/**
 * `Pulumi.<env>.yaml` of the `index`-th environment stack: the profiles in turn, each its own
 * VPC CIDR (10.100.0.0/16, 10.101.0.0/16, ...); everything else from the profile.
 */
export function environmentStackFile(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 99)
    throw new Error(`bench: environment ${index} (0 to 99)`);
  return YAML.stringify({
    config: {
      "aws:region": BENCH_REGION,
      [`${NAMESPACE}:profile`]: BENCH_PROFILES[index % BENCH_PROFILES.length],
      [`${NAMESPACE}:vpcCidr`]: `10.${100 + index}.0.0/16`,
      ...PROFILE_CHOICES[BENCH_PROFILES[index % BENCH_PROFILES.length]],
      // Only the promotion path's first stage runs image automation (it writes the default branch).
      ...(index > 0 ? { [`${NAMESPACE}:fluxImageAutomation`]: false } : {}),
    },
  });
}

/**
 * Writes a shared stack with `services` and `environments` environment stacks into `dir`;
 * returns the environment stack names.
 */
export function writeBenchStacks(
  dir: string,
  options: { readonly services: number; readonly environments: number },
): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: options.environments }, (_, i) => environmentStackName(i));
  fs.writeFileSync(
    path.join(dir, "Pulumi.shared.yaml"),
    sharedStackFile(benchServices(options.services), names),
  );
  names.forEach((name, i) =>
    fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), environmentStackFile(i)),
  );
  return names;
}
