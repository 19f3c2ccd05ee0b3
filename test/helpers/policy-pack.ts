/**
 * Runs a CrossGuard policy pack's own handlers in-process on a recorded stack run, as the engine
 * calls them during `pulumi preview --policy-pack <folder>`, without the CLI.
 *
 * How (read from @pulumi/policy 1.21.0, `policy.js` and `server.js`): a pack is a program whose
 * `new PolicyPack(name, args)` calls `server.serve(name, version, enforcementLevel, args, config)`;
 * `serve` binds a gRPC port for the engine and allows one pack per process. Here `serve` is
 * replaced by a capture while the pack is built, and the capture is handed to the functions
 * `serve` registers as the Analyzer service: `makeAnalyzeRpcFun` (`analyze`, once per resource,
 * on its inputs) and `makeAnalyzeStackRpcFun` (`analyzeStack`, once, on every resource), called
 * with the `AnalyzeRequest` / `AnalyzeStackRequest` messages of `@pulumi/pulumi/proto/analyzer_pb`
 * built from the record. The pack's config is its policies' defaults: the engine's `configure`
 * call is not made (policies read `getConfig()` as `{}`).
 */
import * as path from "path";
import type { RecordedResource, StackRun } from "../../harness/run";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/policy/server");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
// The Struct class the analyzer messages were generated against (the one @pulumi/pulumi loads).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi"))],
  }),
);

/** What `serve` receives: the pack as the engine would load it. */
export interface LoadedPack {
  readonly name: string;
  readonly version: string;
  readonly enforcementLevel: string;
  readonly policies: readonly { name: string; description: string }[];
}

/** One violation, as the engine would print it. */
export interface Finding {
  readonly policy: string;
  /** As the engine prints it: the policy's description, a newline, the violation. */
  readonly message: string;
  /** The violation alone. */
  readonly violation: string;
  /** The resource's URN; undefined for a stack-wide finding without one. */
  readonly urn: string | undefined;
  readonly enforcementLevel: string;
}

/** Builds a pack (`construct` runs `new PolicyPack(...)`, or requires the pack's module). */
export function loadPack(construct: () => void): LoadedPack {
  const serve = server.serve;
  let captured: LoadedPack | undefined;
  server.serve = (name: string, version: string, level: string, args: any) => {
    captured = { name, version, enforcementLevel: level, policies: args.policies ?? [] };
  };
  try {
    construct();
  } finally {
    server.serve = serve;
  }
  if (!captured) throw new Error("loadPack: the code given built no PolicyPack");
  return captured;
}

function options(r: RecordedResource): any {
  const o = new analyzer.AnalyzerResourceOptions();
  o.setProtect(r.protect);
  if (r.parent) o.setParent(r.parent);
  return o;
}

function providerOf(r: RecordedResource, run: StackRun): any {
  if (!r.provider) return undefined;
  const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
  const p = run.resources.find((x) => x.urn === urn);
  if (!p) return undefined;
  const msg = new analyzer.AnalyzerProviderResource();
  msg.setType(p.type);
  msg.setName(p.name);
  msg.setUrn(p.urn);
  msg.setProperties(Struct.fromJavaScript(p.inputs));
  return msg;
}

function diagnostics(response: any): Finding[] {
  return response.getDiagnosticsList().map((d: any) => ({
    policy: d.getPolicyname(),
    message: d.getMessage(),
    violation: String(d.getMessage()).replace(`${d.getDescription()}\n`, ""),
    urn: d.getUrn() || undefined,
    enforcementLevel: ["advisory", "mandatory", "disabled", "remediate"][d.getEnforcementlevel()],
  }));
}

function call(fn: any, request: any): Promise<Finding[]> {
  return new Promise((resolve, reject) =>
    fn({ request }, (err: Error | undefined, response: any) =>
      err ? reject(err) : resolve(diagnostics(response)),
    ),
  );
}

/** Every finding of `pack` on `run`: `analyze` on each resource, then `analyzeStack`. */
export async function analyzeRun(pack: LoadedPack, run: StackRun): Promise<Finding[]> {
  const args = [pack.name, pack.version, pack.enforcementLevel, pack.policies] as const;
  const analyze = server.makeAnalyzeRpcFun(...args);
  const analyzeStack = server.makeAnalyzeStackRpcFun(...args);
  const findings: Finding[] = [];
  const managed = run.resources.filter((r) => !r.read);
  for (const r of managed) {
    const req = new analyzer.AnalyzeRequest();
    req.setType(r.type);
    req.setName(r.name);
    req.setUrn(r.urn);
    req.setProperties(Struct.fromJavaScript(r.inputs));
    req.setOptions(options(r));
    const provider = providerOf(r, run);
    if (provider) req.setProvider(provider);
    // The engine names the resource of a per-resource finding; the SDK leaves it to it.
    findings.push(...(await call(analyze, req)).map((f) => ({ ...f, urn: f.urn ?? r.urn })));
  }
  const stackReq = new analyzer.AnalyzeStackRequest();
  stackReq.setResourcesList(
    managed.map((r) => {
      const res = new analyzer.AnalyzerResource();
      res.setType(r.type);
      res.setName(r.name);
      res.setUrn(r.urn);
      res.setProperties(Struct.fromJavaScript(r.inputs));
      res.setOptions(options(r));
      if (r.parent) res.setParent(r.parent);
      res.setDependenciesList([...r.dependencies]);
      const deps = res.getPropertydependenciesMap();
      for (const [k, urns] of Object.entries(r.propertyDependencies)) {
        const d = new analyzer.AnalyzerPropertyDependencies();
        d.setUrnsList([...urns]);
        deps.set(k, d);
      }
      const provider = providerOf(r, run);
      if (provider) res.setProvider(provider);
      return res;
    }),
  );
  findings.push(...(await call(analyzeStack, stackReq)));
  return findings;
}
