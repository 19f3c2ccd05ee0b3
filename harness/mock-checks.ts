/**
 * What a real provider would refuse, where that is cheap to know: the mocks call
 * `rejectInvalidInputs` before answering, so a plan never shows a resource AWS or the API server
 * would reject at `pulumi up`. Each rule cites the limit's source.
 */

/** Thrown for inputs the real provider refuses; the message names resource, input and limit. */
export class MockRejection extends Error {}

type Inputs = Record<string, any>;

function reject(type: string, name: string, what: string): never {
  throw new MockRejection(
    `${type} '${name}': ${what} (the real provider refuses it at pulumi up).`,
  );
}

/** IAM quotas: role and user names 64, policy names 128 characters of [\w+=,.@-] (IAM quotas page). */
const IAM_NAMES: Record<string, { key: string; max: number }> = {
  "aws:iam/role:Role": { key: "name", max: 64 },
  "aws:iam/user:User": { key: "name", max: 64 },
  "aws:iam/policy:Policy": { key: "name", max: 128 },
  "aws:iam/rolePolicy:RolePolicy": { key: "name", max: 128 },
  "aws:iam/userPolicy:UserPolicy": { key: "name", max: 128 },
};

/** Kubernetes object names: DNS subdomains of up to 253 characters; namespaces DNS labels of 63. */
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Tags per AWS resource: 50, `aws:` keys not counted (Tagging AWS resources, limits). */
function countTags(tags: unknown): number {
  if (!tags || typeof tags !== "object") return 0;
  return Object.keys(tags).filter((k) => !/^aws:/i.test(k)).length;
}

/**
 * Throws a `MockRejection` for inputs the provider would refuse. `defaultTags` are the tags the
 * resource's AWS provider adds (its `defaultTags.tags`).
 */
export function rejectInvalidInputs(
  type: string,
  name: string,
  inputs: Inputs,
  defaultTags: Readonly<Record<string, string>> = {},
): void {
  const iam = IAM_NAMES[type];
  const physical = iam ? inputs[iam.key] : undefined;
  if (typeof physical === "string") {
    if (physical.length > iam.max)
      reject(
        type,
        name,
        `${iam.key} '${physical}' is ${physical.length} characters; IAM allows ${iam.max}`,
      );
    if (!/^[\w+=,.@-]+$/.test(physical))
      reject(type, name, `${iam.key} '${physical}' has characters IAM refuses`);
  }
  if (type.startsWith("aws:") && inputs.tags && typeof inputs.tags === "object") {
    const merged = { ...defaultTags, ...inputs.tags };
    const n = countTags(merged);
    if (n > 50) reject(type, name, `${n} tags with the provider's default tags; AWS allows 50`);
  }
  if (type === "aws:eks/nodeGroup:NodeGroup" || type === "eks:index:ManagedNodeGroup") {
    // A name prefix gets 26 characters of unique suffix; node group names are at most 63.
    const prefix = inputs.nodeGroupNamePrefix;
    if (typeof prefix === "string" && prefix.length + 26 > 63)
      reject(
        type,
        name,
        `nodeGroupNamePrefix '${prefix}' leaves no room for the 26-character suffix in a 63-character node group name`,
      );
  }
  if (type === "aws:cloudwatch/logGroup:LogGroup" && typeof inputs.name === "string") {
    if (inputs.name.length > 512 || !/^[.\-_/#A-Za-z0-9]+$/.test(inputs.name))
      reject(type, name, `log group name '${inputs.name}' breaks CloudWatch Logs' naming rules`);
  }
  if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm") && inputs.metadata) {
    const meta = inputs.metadata as Inputs;
    if (typeof meta.name === "string" && !DNS_SUBDOMAIN.test(meta.name))
      reject(type, name, `metadata.name '${meta.name}' is not a DNS subdomain`);
    if (typeof meta.namespace === "string" && !DNS_LABEL.test(meta.namespace))
      reject(type, name, `metadata.namespace '${meta.namespace}' is not a DNS label`);
  }
}
