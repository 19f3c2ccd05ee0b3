/**
 * Every IAM-authorized call a `pulumi up` (and refresh, update, tag change, destroy) of a recorded
 * run makes, resource by resource, including the children remote components create on the
 * provider side and the SDK calls of dynamic providers (they run in the deployment, with its
 * credentials). A resource type none of the maps knows is reported, so that a new resource cannot
 * slip past the coverage test.
 */
import { PROMOTION_CALLS } from "./promotion";
import { LOAD_BALANCING_CALLS } from "./load-balancing";
import type { RecordedResource, StackRun } from "../../../harness/run";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { defaultTagsOf } from "../../../harness/state";
import { expandCluster, expandNodeGroup, CLUSTER_CALLS } from "./cluster";
import { COMMON_CALLS } from "./common";
import { DELIVERY_CALLS } from "./delivery";
import { expandVpc, NETWORK_CALLS } from "./network";
import { DATA_SOURCE_CALLS } from "./data-sources";
import { drainCalls } from "./drain";
import { RUNTIME_CALLS } from "./runtime";
import { SERVERLESS_CALLS } from "./serverless";
import { arns, on, type Call, type CallsOf, type Scope, type Target } from "./types";

export type { Call, Phase, Scope, Target } from "./types";
export { requestOf } from "./requests";

/**
 * Types that make no AWS IAM call of the deployment's own, and why. Prefix `x:` stands for every
 * type of package `x`.
 */
export const NO_AWS_IAM: Readonly<Record<string, string>> = {
  "kubernetes:": "the Kubernetes API, authorized by the cluster's access entries (RBAC), not IAM",
  "pulumi:": "the engine itself: providers, the stack, StackReferences (Pulumi Cloud)",
  "random:": "generated locally by the random provider",
  "pulumiservice:": "the Pulumi Cloud REST API (the access token), not AWS",
  "gitops-platform:": "component resources of this program: their children are covered",
  "pulumi-nodejs:dynamic/teardown:FluxTeardown":
    "Kubernetes API only; its token is a presigned sts:GetCallerIdentity, which needs no permission",
};

/** Remote components: the children they create on the provider side. */
const EXPANSIONS: Readonly<Record<string, (t: Target, s: Scope) => Target[]>> = {
  "awsx:ec2:Vpc": expandVpc,
  "eks:index:Cluster": expandCluster,
  "eks:index:ManagedNodeGroup": expandNodeGroup,
};

/** Dynamic providers that call AWS with the deployment's credentials. */
const DYNAMIC_CALLS: Readonly<Record<string, CallsOf>> = {
  "pulumi-nodejs:dynamic/codecommit:RepositorySeed": (t, s) =>
    on(arns(s).regional("codecommit", String(t.inputs.repositoryName)), s.defaultTags, [
      ["create", "codecommit:GetBranch", "codecommit:ListBranches", "codecommit:CreateCommit"],
    ]),
  // components/delivery/environment-branch.ts: once, the branch and its hold commit.
  "pulumi-nodejs:dynamic/codecommit:EnvironmentBranch": (t, s) =>
    on(arns(s).regional("codecommit", String(t.inputs.repositoryName)), s.defaultTags, [
      ["create", "codecommit:GetBranch", "codecommit:CreateBranch", "codecommit:CreateCommit"],
      // A service added later: its hold (environment-branch-holds.ts).
      ["update", "codecommit:GetBranch", "codecommit:GetFile", "codecommit:CreateCommit"],
    ]),
  // components/teardown/vpc-drain.ts at destroy (drain.ts).
  "pulumi-nodejs:dynamic/teardown:VpcDrain": (_t, s) => drainCalls(s),
};

const MAPS: readonly Readonly<Record<string, CallsOf>>[] = [
  COMMON_CALLS,
  DELIVERY_CALLS,
  SERVERLESS_CALLS,
  PROMOTION_CALLS,
  LOAD_BALANCING_CALLS,
  RUNTIME_CALLS,
  NETWORK_CALLS,
  CLUSTER_CALLS,
  DYNAMIC_CALLS,
];

function noIam(type: string): boolean {
  return Object.keys(NO_AWS_IAM).some((k) => (k.endsWith(":") ? type.startsWith(k) : type === k));
}

/** A call with the resource it is made for. */
export interface TargetCall extends Call {
  readonly target: string;
}

/** A data source the program called: its token and inputs. */
export interface Invoke {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
}

/** The calls of `run` (and of its data sources), and the types or tokens no map knows. */
export function deployCalls(
  run: StackRun,
  invokes: readonly Invoke[] = [],
): { calls: TargetCall[]; unknown: string[] } {
  const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws");
  if (providers.length !== 1) throw new Error(`${run.stack}: expected one AWS provider`);
  const defaultTags = defaultTagsOf(providers[0].inputs);
  const targets: Target[] = [];
  const scope: Scope = {
    partition: "aws",
    region: String(providers[0].inputs.region ?? "us-east-1"),
    accountId: MOCK_ACCOUNT,
    defaultTags,
    targets,
  };
  const asTarget = (r: RecordedResource): Target => ({
    type: r.type,
    name: r.name,
    inputs: r.inputs,
    tags: { ...defaultTags, ...(r.inputs.tags ?? {}) },
  });
  for (const r of run.resources) {
    const t = asTarget(r);
    targets.push(t);
    const expand = EXPANSIONS[r.type];
    if (expand) targets.push(...expand(t, scope));
  }
  const unknown = new Set<string>();
  const calls: TargetCall[] = [];
  for (const t of targets) {
    if (EXPANSIONS[t.type] || noIam(t.type)) continue;
    const map = MAPS.find((m) => m[t.type] !== undefined);
    if (!map) {
      unknown.add(t.type);
      continue;
    }
    const recorded = run.resources.find((r) => r.name === t.name && r.type === t.type);
    // A read resource is only read; a retained one is never deleted by the provider.
    const phases = recorded?.read
      ? ["read"]
      : ["create", "read", "update", "tag", ...(recorded?.retainOnDelete ? [] : ["delete"])];
    for (const call of map[t.type](t, scope)) {
      // The roles a stack passes are its own: they carry its default tags.
      const tags =
        call.action === "iam:PassRole" ? { resourceTags: call.resourceTags ?? defaultTags } : {};
      if (phases.includes(call.phase)) {
        calls.push({ ...call, ...tags, target: `${t.type} ${t.name}` });
      }
    }
  }
  for (const invoke of invokes) {
    const of = DATA_SOURCE_CALLS[invoke.token];
    if (!of) unknown.add(invoke.token);
    else
      calls.push(
        ...of(invoke.inputs, scope).map((c) => ({ ...c, target: `invoke ${invoke.token}` })),
      );
  }
  return { calls, unknown: [...unknown] };
}
