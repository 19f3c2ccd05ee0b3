/**
 * What the harness records of a run, in the engine's wire format turned readable: resources with
 * their inputs (secrets masked, resource references as `{urn}`, unknowns marked) and the
 * description of outputs the mocks failed to return.
 */
import * as pulumi from "@pulumi/pulumi";

// The SDK's wire format (internal module).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc");

const SIG_SECRET = "1b47061264138c4ac30d75fd1eb44270";
const SIG_RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_ASSET = "c44067f5952c0a294b673a41bacd8c17";
const SIG_ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const UNKNOWN = rpc.unknownValue as string;

export const SECRET_MASK = "[secret]";
export const UNKNOWN_MARK = "[unknown]";

export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN (the root stack for top-level resources). */
  readonly parent: string | undefined;
  /** Provider reference `<provider urn>::<id>`, when explicit or inherited. */
  readonly provider: string | undefined;
  readonly custom: boolean;
  readonly remote: boolean;
  /** Read (a `get` or a StackReference), not managed: the engine creates nothing for it. */
  readonly read: boolean;
  readonly protect: boolean;
  /** All dependency URNs (explicit `dependsOn` and through inputs). */
  readonly dependencies: readonly string[];
  /** Dependency URNs per input property. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** URN of the `deletedWith` target: the engine skips this resource's delete when it goes too. */
  readonly deletedWith?: string;
  /** The `retainOnDelete` option: a delete only drops it from the state, no provider call. */
  readonly retainOnDelete?: boolean;
  /** Inputs as sent to the engine; secrets masked as `[secret]`, resource references as `{urn}`. */
  readonly inputs: Record<string, any>;
  /** Input property paths whose value is secret. */
  readonly secretInputs: readonly string[];
  /** The `customTimeouts` resource option (Go durations), when set. */
  readonly customTimeouts?: { create?: string; update?: string; delete?: string };
}

export interface StackRun {
  readonly stack: string;
  readonly resources: readonly RecordedResource[];
  /** Stack outputs, resolved; secret ones masked. */
  readonly outputs: Record<string, unknown>;
  /** Names of the stack outputs that are secret. */
  readonly secretOutputs: readonly string[];
  /** What the program printed with `pulumi.log.warn`, in order. */
  readonly warnings: readonly string[];
}

/** The request's `deletedWith` and `retainOnDelete` options, only the ones set. */
export function deleteOptionsOf(
  req: any,
): Pick<RecordedResource, "deletedWith" | "retainOnDelete"> {
  return {
    ...(req.getDeletedwith?.() ? { deletedWith: req.getDeletedwith() as string } : {}),
    ...(req.getRetainondelete?.() ? { retainOnDelete: true } : {}),
  };
}

/** Inputs as recorded: secrets masked (their paths collected), unknowns marked (their paths collected). */
export function walk(value: any, path: string, secrets: string[], unknownPaths: string[]): any {
  if (value === UNKNOWN) {
    unknownPaths.push(path);
    return UNKNOWN_MARK;
  }
  if (Array.isArray(value))
    return value.map((v, i) => walk(v, `${path}[${i}]`, secrets, unknownPaths));
  if (value && typeof value === "object") {
    const sig = value[SIG_KEY];
    if (sig === SIG_SECRET) {
      secrets.push(path);
      walk(value.value, path, [], unknownPaths);
      return SECRET_MASK;
    }
    if (sig === SIG_RESOURCE) return { urn: value.urn, ...(value.id ? { id: value.id } : {}) };
    if (sig === SIG_ASSET) return { asset: value.path ?? value.uri ?? "(text)" };
    // An archive as plain data (its assets by name), so readers such as policy packs do not
    // take it for a serialized Archive object.
    if (sig === SIG_ARCHIVE) {
      return {
        archive:
          value.path ??
          value.uri ??
          walk(value.assets ?? {}, `${path}.assets`, secrets, unknownPaths),
      };
    }
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = walk(v, path ? `${path}.${k}` : k, secrets, unknownPaths);
    return out;
  }
  return value;
}

export function containsUnknown(v: unknown): boolean {
  if (pulumi.Output.isInstance(v)) return false;
  if (v === (pulumi as any).unknown || v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** The message of a MockGapError: every unknown input and output with the outputs it misses. */
export function describeGaps(
  stack: string,
  inputs: { urn: string; type: string; name: string; path: string; deps: string[] }[],
  outputs: string[],
  missing: Map<string, { type: string; name: string; keys: string[] }>,
): string {
  const lines = [
    `Stack '${stack}': the program used outputs that harness/mocks.ts does not return.`,
  ];
  for (const u of inputs) {
    const causes = u.deps
      .filter((d) => missing.has(d))
      .map(
        (d) =>
          `${missing.get(d)!.type} '${missing.get(d)!.name}' (missing: ${missing.get(d)!.keys.join(", ")})`,
      );
    lines.push(
      `  - ${u.type} '${u.name}' input '${u.path}' is unknown; it depends on ${causes.length ? causes.join("; ") : "an output the mocks do not return"}.`,
    );
  }
  for (const o of outputs) lines.push(`  - stack output '${o}' is unknown.`);
  lines.push("Add the missing outputs to OUTPUTS in harness/mocks.ts.");
  return lines.join("\n");
}
