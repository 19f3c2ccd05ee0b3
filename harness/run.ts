/**
 * Runs the real program (`index.ts`) for a named stack in-process under `pulumi.runtime.setMocks`
 * and records every registered resource and the stack outputs. Tests and `npm run plan` use it.
 *
 * Two things the stock mocks do not do, done here:
 * - record parent, provider, dependencies and protect (the mock API only passes type/name/inputs),
 *   by wrapping the mock monitor's `registerResource`;
 * - fail fast, naming the resource and property, when the program uses an output the mocks do not
 *   return (by default that resolves to `undefined`, and an `apply` on it hangs the run until the
 *   test timeout): missing outputs resolve as unknown instead, and any input or stack output that
 *   turns unknown is reported with the missing outputs it depends on.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, PROJECT_DIR } from "./config";
import { MOCK_ORGANIZATION, mockCall, mockId, mockOutputs, type MockContext } from "./mocks";
import { rejectInvalidInputs } from "./mock-checks";
import { captureWarnings, defaultTagsOf, recordedOutputs } from "./state";

export type { StackState } from "./state";
export type { RunOptions } from "./options";
import type { RunOptions } from "./options";
import "./fast-traces";

// Internal SDK modules: the wire format and the property resolver.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stateModule = require("@pulumi/pulumi/runtime/state");

import {
  containsUnknown,
  deleteOptionsOf,
  describeGaps,
  SECRET_MASK,
  walk,
  type RecordedResource,
  type StackRun,
} from "./record";
import { raceFailure, settle } from "./wait";

export { SECRET_MASK, UNKNOWN_MARK, type RecordedResource, type StackRun } from "./record";

/** The request's custom timeouts, only the ones set. */
function timeoutsOf(t: any): Pick<RecordedResource, "customTimeouts"> {
  const set = Object.entries({
    create: t?.getCreate?.(),
    update: t?.getUpdate?.(),
    delete: t?.getDelete?.(),
  }).filter(([, v]) => typeof v === "string" && v !== "");
  return set.length > 0 ? { customTimeouts: Object.fromEntries(set) } : {};
}

/** Thrown when the program used outputs the mocks do not return. */
export class MockGapError extends Error {}

const sharedCache = new Map<string, Promise<Record<string, unknown>>>();

/**
 * Outputs of the `shared` stack of `stackDir` under mocks (run once per folder and process), for
 * StackReferences.
 */
export function sharedOutputs(stackDir: string = PROJECT_DIR): Promise<Record<string, unknown>> {
  let outputs = sharedCache.get(stackDir);
  if (!outputs) {
    outputs = runStack("shared", { stackOutputs: {}, stackDir }, { unmasked: true }).then(
      (run) => run.outputs,
    );
    sharedCache.set(stackDir, outputs);
    outputs.catch(() => sharedCache.delete(stackDir));
  }
  return outputs;
}

/**
 * Runs `index.ts` for `stack`. Throws the program's error (e.g. a `SettingsError`) or a
 * `MockGapError`; never waits on a pending output.
 */
export async function runStack(
  stack: string,
  options: RunOptions = {},
  internal: { unmasked?: boolean } = {},
): Promise<StackRun> {
  const stackDir = options.stackDir ?? PROJECT_DIR;
  const { project, config, secretKeys } = loadStackConfig(stack, options.config ?? {}, stackDir);
  for (const [k, v] of Object.entries(options.secrets ?? {})) {
    config[`${project}:${k}`] = v;
    secretKeys.push(`${project}:${k}`);
  }
  const region = config["aws:region"] ?? "us-east-1";
  const stackOutputs = options.stackOutputs ?? {
    [`${MOCK_ORGANIZATION}/${project}/shared`]: await sharedOutputs(stackDir),
  };
  const ctx: MockContext = { region, stackOutputs: (name) => stackOutputs[name] };

  const failures: unknown[] = [];
  pulumi.runtime.setAllConfig(config, secretKeys);
  // Default tags of each AWS provider, by the ID the mocks give it, for the tag limit.
  const providerTags = new Map<string, Record<string, string>>();
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        const id = a.custom ? mockId(a.type, a.name, a.inputs) : undefined;
        if (a.type === "pulumi:providers:aws" && id) providerTags.set(id, defaultTagsOf(a.inputs));
        const tags = providerTags.get(a.provider?.split("::").pop() ?? "");
        rejectInvalidInputs(a.type, a.name, a.inputs, tags);
        const state = recordedOutputs(options.state, a.type, a.name);
        return {
          id,
          state: state ?? { ...a.inputs, ...mockOutputs(a.type, a.name, a.inputs, ctx) },
        };
      },
      call: (a) => {
        try {
          return mockCall(a.token, a.inputs, ctx);
        } catch (e) {
          // The SDK turns a failed invoke into an Error without a message; keep ours.
          failures.push(e);
          throw e;
        }
      },
    },
    project,
    stack,
    false,
    MOCK_ORGANIZATION,
  );

  const resources: RecordedResource[] = [];
  const unknownInputs: { urn: string; type: string; name: string; path: string; deps: string[] }[] =
    [];
  const missingOutputs = new Map<string, { type: string; name: string; keys: string[] }>();

  /** Records a registered (`read` false) or read (`read` true) resource from its request. */
  const record = (req: any, urn: string, read: boolean) => {
    const secrets: string[] = [];
    const unknownPaths: string[] = [];
    const raw = (read ? req.getProperties() : req.getObject())?.toJavaScript() ?? {};
    const propertyDependencies: Record<string, string[]> = {};
    if (!read) {
      req.getPropertydependenciesMap().forEach((v: any, k: string) => {
        propertyDependencies[k] = v.getUrnsList();
      });
    }
    const rec: RecordedResource = {
      urn,
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || undefined,
      provider: req.getProvider() || undefined,
      custom: read ? true : req.getCustom(),
      remote: read ? false : req.getRemote(),
      read,
      protect: read ? false : Boolean(req.getProtect?.()),
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      ...(read ? {} : deleteOptionsOf(req)),
      inputs: internal.unmasked ? raw : walk(raw, "", secrets, unknownPaths),
      secretInputs: secrets,
      ...timeoutsOf(read ? undefined : req.getCustomtimeouts?.()),
    };
    resources.push(rec);
    for (const p of unknownPaths) {
      const top = p.split(/[.[]/)[0];
      unknownInputs.push({
        urn: rec.urn,
        type: rec.type,
        name: rec.name,
        path: p,
        deps: propertyDependencies[top] ?? (rec.dependencies as string[]),
      });
    }
  };
  const monitor = (pulumi.runtime as any).getMonitor();
  for (const [method, read] of [
    ["registerResource", false],
    ["readResource", true],
  ] as const) {
    const original = monitor[method].bind(monitor);
    monitor[method] = (req: any, cb: (err: any, resp: any) => void) => {
      original(req, (err: any, resp: any) => {
        try {
          // An exception here would never call `cb` and hang every output: keep it as a failure.
          if (!err) record(req, resp.getUrn(), read);
        } catch (e) {
          failures.push(e);
        }
        cb(err, resp);
      });
    };
  }

  // Missing outputs resolve as unknown (not undefined), and are remembered by resource.
  const resolveProperties = rpc.resolveProperties;
  rpc.resolveProperties = (
    res: any,
    resolvers: any,
    t: string,
    name: string,
    allProps: any,
    deps: any,
    err: any,
    keep: any,
  ) => {
    if (!err) {
      const missing = Object.keys(resolvers).filter(
        (k) => !Object.prototype.hasOwnProperty.call(allProps, k),
      );
      for (const k of missing) {
        const resolve = resolvers[k];
        delete resolvers[k];
        resolve(undefined, false, false);
      }
      if (missing.length > 0) {
        Promise.resolve(res.urn?.promise?.()).then(
          (urn: string) => missingOutputs.set(urn, { type: t, name, keys: missing }),
          () => undefined,
        );
      }
    }
    return resolveProperties(res, resolvers, t, name, allProps, deps, err, keep);
  };

  const onRejection = (e: unknown) => failures.push(e);
  process.on("unhandledRejection", onRejection);
  const { warnings, restore: restoreWarn } = captureWarnings();
  try {
    const program =
      options.program ??
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require("../index") as () => Record<string, unknown>);
    let programOutputs: Record<string, unknown> = {};
    const outputsPromise = pulumi.runtime.runInPulumiStack(async () => {
      programOutputs = (await program()) ?? {};
      return programOutputs;
    });
    // Handle the rejection at once, so that Node does not warn about a late handler.
    const finished = outputsPromise.then(
      () => undefined,
      (e: unknown) => void failures.push(e),
    );
    await settle(failures);
    // A failed registration leaves its dependents (and so the outputs) pending forever.
    if (failures.length === 0) await raceFailure(finished, failures);
    await settle(failures);
    const outputs = programOutputs;
    const firstFailure = () =>
      // The first failure with a message: the SDK also rejects outputs with bare Errors.
      failures.find((e) => e instanceof Error && e.message.trim() !== "") ?? failures[0];
    if (failures.length > 0) throw firstFailure();

    const secretOutputs: string[] = [];
    const unknownOutputs: string[] = [];
    const shown: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(outputs)) {
      const o = pulumi.output(v);
      const [value, known, secret] = await Promise.all([
        (o as any).promise(true),
        (o as any).isKnown,
        (o as any).isSecret,
      ]).catch((e: unknown) => {
        failures.push(e);
        throw firstFailure();
      });
      if (!known || containsUnknown(value)) unknownOutputs.push(k);
      if (secret) secretOutputs.push(k);
      shown[k] = secret && !internal.unmasked ? SECRET_MASK : value;
    }
    if (unknownInputs.length > 0 || unknownOutputs.length > 0) {
      throw new MockGapError(describeGaps(stack, unknownInputs, unknownOutputs, missingOutputs));
    }
    return { stack, resources, outputs: shown, secretOutputs, warnings };
  } catch (e) {
    // The failed program's pending promises are abandoned with it: without this, the SDK's exit
    // hook reports them as leaks (and may set a failing exit code) after a test that expected it.
    stateModule.getStore().leakCandidates.clear();
    throw e;
  } finally {
    restoreWarn();
    rpc.resolveProperties = resolveProperties;
    process.off("unhandledRejection", onRejection);
  }
}
