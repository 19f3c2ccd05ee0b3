import * as pulumi from "@pulumi/pulumi";

/**
 * What a mocked run takes from outside the program: a stack's recorded state (create-only
 * resources answer from it) and the default tags of an AWS provider (for the tag limit).
 */

/** The part of `pulumi stack export` the harness reads. */
export interface StackState {
  readonly deployment?: {
    readonly resources?: readonly {
      readonly urn: string;
      readonly type: string;
      readonly outputs?: Record<string, unknown>;
    }[];
  };
}

/** Types whose provider never updates them: the engine keeps their first outputs. */
export const CREATE_ONLY_TYPES = [
  "pulumi-nodejs:dynamic/codecommit:RepositorySeed",
  "pulumi-nodejs:dynamic/codecommit:EnvironmentBranch",
];

export function recordedOutputs(state: StackState | undefined, type: string, name: string) {
  if (!CREATE_ONLY_TYPES.includes(type)) return undefined;
  return state?.deployment?.resources?.find((r) => r.type === type && r.urn.endsWith(`::${name}`))
    ?.outputs;
}

/** A provider's `defaultTags.tags` (provider inputs reach the mocks JSON-encoded). */
export function defaultTagsOf(inputs: Record<string, any>): Record<string, string> {
  const raw = inputs.defaultTags;
  const parsed = typeof raw === "string" ? (JSON.parse(raw) as { tags?: object }) : raw;
  return { ...(parsed?.tags ?? {}) } as Record<string, string>;
}

/**
 * Records what the program prints with `pulumi.log.warn` (part of the run's record; the plan
 * shows it) until `restore` is called.
 */
export function captureWarnings(): { warnings: string[]; restore: () => void } {
  const warnings: string[] = [];
  const logWarn = pulumi.log.warn;
  (pulumi.log as { warn: typeof logWarn }).warn = (msg: string) => {
    warnings.push(msg);
    return Promise.resolve();
  };
  return { warnings, restore: () => ((pulumi.log as { warn: typeof logWarn }).warn = logWarn) };
}
