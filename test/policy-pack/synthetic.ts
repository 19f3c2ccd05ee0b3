/** A recorded run made of given resources, for the policy pack's failure cases. */
import type { RecordedResource, StackRun } from "../../harness/run";
import { PROFILE_TAG, STACK_TAG } from "../../components/aws";

/** [type, name, inputs, property dependencies (input -> name of a resource here), protect]. */
export type SyntheticResource = [
  string,
  string,
  Record<string, unknown>,
  Record<string, string>?,
  boolean?,
];

const urn = (stack: string, type: string, name: string) =>
  `urn:pulumi:${stack}::gitops-platform::${type}::${name}`;

/** A stack of profile `profile`: its AWS provider (default tags) and `resources`. */
export function synthetic(profile: string, resources: readonly SyntheticResource[]): StackRun {
  const stack = `${profile}-test`;
  const provider: RecordedResource = {
    urn: urn(stack, "pulumi:providers:aws", "aws"),
    type: "pulumi:providers:aws",
    name: "aws",
    parent: undefined,
    provider: undefined,
    custom: true,
    remote: false,
    read: false,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    inputs: {
      defaultTags: JSON.stringify({ tags: { [STACK_TAG]: stack, [PROFILE_TAG]: profile } }),
    },
    secretInputs: [],
  };
  const byName = (n: string) => {
    const r = resources.find((x) => x[1] === n);
    if (!r) throw new Error(`synthetic: no resource ${n}`);
    return urn(stack, r[0], n);
  };
  const recorded = resources.map(([type, name, inputs, deps, protect]): RecordedResource => {
    const propertyDependencies = Object.fromEntries(
      Object.entries(deps ?? {}).map(([k, n]) => [k, [byName(n)]]),
    );
    return {
      urn: urn(stack, type, name),
      type,
      name,
      parent: undefined,
      provider: type.startsWith("aws:") ? `${provider.urn}::provider-id` : undefined,
      custom: !type.startsWith("eks:index:"),
      remote: false,
      read: false,
      protect: protect ?? false,
      dependencies: Object.values(propertyDependencies).flat(),
      propertyDependencies,
      inputs,
      secretInputs: [],
    };
  });
  return {
    stack,
    resources: [provider, ...recorded],
    outputs: {},
    secretOutputs: [],
    warnings: [],
  };
}
