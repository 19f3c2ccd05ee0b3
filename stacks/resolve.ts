/**
 * From raw configuration to one frozen, typed `Settings`: pick the profile, merge the stack's
 * config over it, validate everything and report every problem at once. Pure: tests call it with
 * plain maps; `stacks/load.ts` feeds it from the Pulumi runtime.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS, type ConfigKey } from "./keys";
import { NAMESPACE, Problems, Reader, SettingsError, closestKey, type RawConfig } from "./problems";
import {
  PROFILES,
  RUNTIME_PROFILES,
  type CommonSettings,
  type Profile,
  type Settings,
} from "./settings";
import { deliveryProfile, runtimeProfile } from "./profiles";
import { resolveRuntime } from "./runtime";
import { resolveDelivery } from "./delivery";
import * as rules from "./rules";
import { MANAGED_BY_TAG, PROFILE_TAG, PROJECT_TAG, STACK_TAG } from "../components/aws";
import { readTags } from "./tags";
import { checkProfile } from "./contradictions";
import { REGION_ZONE_IDS } from "../components/network";

/** The `aws:` settings the program passes to its AWS provider. */
export const SUPPORTED_AWS_KEYS = ["region", "profile"] as const;

export interface RawSettingsInput {
  readonly project: string;
  readonly stack: string;
  readonly organization: string;
  /** `aws:profile`, or undefined when unset. */
  readonly awsProfile?: string;
  /** Names of every `aws:` key set for the stack (without the prefix). */
  readonly awsKeys?: readonly string[];
  /** `aws:region`, or undefined when unset. */
  readonly region: string | undefined;
  /** Values of the `gitops-platform` namespace, by bare key, as Pulumi stores them (strings). */
  readonly config: RawConfig;
  /** The secret `deploymentsApiToken`, read with `getSecret`, if set. */
  readonly deploymentsApiToken?: pulumi.Output<string>;
  /** The stack's config file as messages name it. Default `Pulumi.<stack>.yaml`. */
  readonly stackFile?: string;
}

export function resolveSettings(input: RawSettingsInput): Settings {
  const problems = new Problems(input.stackFile ?? `Pulumi.${input.stack}.yaml`);
  const read = new Reader(input.config, problems);

  const profileName = read.string("profile", input.stack);
  if (!(PROFILES as readonly string[]).includes(profileName)) {
    const how = read.has("profile")
      ? `Use one of ${PROFILES.join(", ")}.`
      : `Stack '${input.stack}' is not one of ${PROFILES.join(", ")}: set gitops-platform:profile to the profile it is built from (pulumi config set profile staging -s ${input.stack}).`;
    problems.add("profile", profileName, "unknown profile", how);
    throw new SettingsError(input.stack, problems.list);
  }
  const profile = profileName as Profile;
  const plane = profile === "shared" ? "delivery" : "runtime";
  checkProfile(input.stack, profile, read.has("profile"), problems);

  for (const key of Object.keys(input.config)) {
    const spec = (CONFIG_KEYS as Record<string, (typeof CONFIG_KEYS)[ConfigKey]>)[key];
    if (!spec) {
      const near = closestKey(key);
      problems.add(
        key,
        input.config[key],
        "unknown setting",
        near ? `Did you mean ${NAMESPACE}:${near}?` : "Remove it (see README, Settings).",
      );
    } else if (
      spec.plane !== "any" &&
      spec.plane !== plane &&
      !isProjectDefault(key, input.config[key])
    ) {
      problems.add(
        key,
        input.config[key],
        `a ${spec.plane} setting, but '${input.stack}' is a ${plane} stack`,
        `Remove it from Pulumi.${input.stack}.yaml.`,
      );
    }
  }

  if (input.region === undefined) {
    problems.add(
      "aws:region",
      undefined,
      "required",
      `Run: pulumi config set aws:region us-east-1 -s ${input.stack}.`,
    );
  } else {
    const r = rules.region(input.region);
    if (r) problems.add("aws:region", input.region, r, "Set a region such as eu-west-1.");
    else if (!(input.region in REGION_ZONE_IDS)) {
      problems.add(
        "aws:region",
        input.region,
        /^[a-z]{2}-(gov|iso[a-z]*)-/.test(input.region) || input.region.startsWith("cn-")
          ? "a region outside the commercial partition (the program writes arn:aws: ARNs)"
          : "not a region this program knows (components/network/zones.ts)",
        `Use one of ${Object.keys(REGION_ZONE_IDS).join(", ")}, or add the region with its AZ IDs to components/network/zones.ts.`,
      );
    }
  }
  // The program builds its own aws.Provider (region, profile, default tags): other aws: settings
  // would be silently ignored by it, so they are refused.
  for (const key of input.awsKeys ?? []) {
    if (!(SUPPORTED_AWS_KEYS as readonly string[]).includes(key)) {
      problems.add(
        `aws:${key}`,
        "(set)",
        `the program's AWS provider takes only ${SUPPORTED_AWS_KEYS.map((k) => `aws:${k}`).join(" and ")}`,
        key === "defaultTags"
          ? "Move the tags to gitops-platform:tags."
          : "Remove it; give credentials through the environment (AWS_PROFILE, AWS_* variables, OIDC).",
      );
    }
  }
  const namePrefix = read.string("namePrefix", `gitops-${input.stack}`);
  const badPrefix = rules.namePrefix(namePrefix);
  if (badPrefix)
    problems.add("namePrefix", namePrefix, badPrefix, "Set gitops-platform:namePrefix.");
  const programTags = {
    // These win over user tags: cost reports and clean-up rely on them.
    [PROJECT_TAG]: input.project,
    // Pulumi Deployments confines each environment's IAM by this tag (components/deployments).
    [STACK_TAG]: input.stack,
    // The policy pack (policy-pack/) tells prod and shared stacks by it.
    [PROFILE_TAG]: profile,
    [MANAGED_BY_TAG]: "pulumi",
  };
  const tags = readTags(read, problems, programTags);
  const defaultProtect =
    profile === "shared" ? deliveryProfile.protect : runtimeProfile(profile).protect;
  const common: CommonSettings = {
    project: input.project,
    stack: input.stack,
    organization: input.organization,
    profile,
    region: input.region ?? "",
    awsProfile: input.awsProfile,
    namePrefix,
    tags: { ...tags, ...programTags },
    protect: read.boolean("protect", defaultProtect),
    warnings: problems.warnings,
  };

  const settings: Settings =
    profile === "shared"
      ? resolveDelivery({ ...common, profile }, read, problems, input.deploymentsApiToken)
      : resolveRuntime({ ...common, profile }, read, problems);
  if (problems.list.length > 0) throw new SettingsError(input.stack, problems.list);
  return deepFreeze(settings);
}

/**
 * The CLI gives every stack the defaults declared in `Pulumi.yaml`, including the other plane's.
 * Those are the profile values (a test checks it), so a foreign key holding one was not set by
 * the user and is not a mistake.
 */
function isProjectDefault(key: string, raw: string): boolean {
  const candidates: unknown[] = [
    (deliveryProfile as Record<string, unknown>)[key],
    ...RUNTIME_PROFILES.map((p) => (runtimeProfile(p) as unknown as Record<string, unknown>)[key]),
    key === "fluxLegacyEcrAutologin" ? false : undefined,
  ];
  return candidates.some(
    (c) => c !== undefined && (typeof c === "string" ? c : JSON.stringify(c)) === raw,
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    // Outputs (the secret token) are left as they are.
    if ((value as { __pulumiOutput?: boolean }).__pulumiOutput) return value;
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
