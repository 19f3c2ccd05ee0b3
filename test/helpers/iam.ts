/**
 * An offline IAM policy evaluator for the allow/deny tables, written from AWS's documented logic
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and
 * reference_policies_elements_condition_operators.html, reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * - a request is allowed when some identity statement allows it, no statement of any policy
 *   involved denies it, and, with a permissions boundary, the boundary allows it too;
 * - Action/NotAction match case-insensitively with `*` and `?`; Resource/NotResource
 *   case-sensitively; policy variables `${key}` in resources and condition values are replaced
 *   from the request context (a missing one makes the statement not match);
 * - conditions: every operator in a statement must hold (AND), every key of an operator (AND),
 *   any value of a key (OR); `...IfExists` holds when the key is absent; `ForAnyValue:` and
 *   `ForAllValues:` compare multi-valued keys (absent: false and true); negated operators
 *   (StringNotEquals, StringNotLike, ArnNotLike, ...) hold when the key is absent; `Null`.
 * No maintained evaluator with a licence this project can ship exists on npm (the one complete
 * simulator, @cloud-copilot/iam-simulate, is AGPL-3.0), so this one throws on any operator or
 * element it does not know instead of guessing.
 */
import type { PolicyDocument, PolicyStatement } from "../../components/aws";

export type ContextValue = string | boolean | number | readonly string[];

/** One API request: the action, the resource ARN, the condition keys AWS would set. */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request context, e.g. `aws:RequestTag/env`, `aws:TagKeys`. */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/** For trust (resource) policies: who asks. */
export interface Principal {
  readonly type: "AWS" | "Service" | "Federated";
  readonly id: string;
}

export type Decision = "allow" | "explicit-deny" | "implicit-deny";

const list = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T];

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, ignoreCase ? "is" : "s").test(value);
}

/** Replaces `${key}` from the context; undefined when a variable is not in it. */
function substitute(text: string, context: IamRequest["context"]): string | undefined {
  let missing = false;
  const out = text.replace(/\$\{([^}]+)\}/g, (_all, key: string) => {
    if (key === "*" || key === "?" || key === "$") return key;
    const v = context?.[key];
    if (v === undefined || Array.isArray(v)) {
      missing = true;
      return "";
    }
    return String(v);
  });
  return missing ? undefined : out;
}

/** ARN matching: per colon-separated part for the first five, wildcards in each. */
function arnLike(pattern: string, arn: string): boolean {
  const p = pattern.split(":");
  const a = arn.split(":");
  if (p.length < 6 || a.length < 6) return wildcard(pattern, arn, false);
  const head = (x: string[]) => [...x.slice(0, 5), x.slice(5).join(":")];
  const [hp, ha] = [head(p), head(a)];
  return hp.every((part, i) => wildcard(part, ha[i], false));
}

type Compare = (policyValue: string, requestValue: string) => boolean;

const OPERATORS: Readonly<Record<string, { compare: Compare; negated: boolean }>> = {
  StringEquals: { compare: (p, r) => p === r, negated: false },
  StringNotEquals: { compare: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: {
    compare: (p, r) => p.toLowerCase() === r.toLowerCase(),
    negated: false,
  },
  StringNotEqualsIgnoreCase: {
    compare: (p, r) => p.toLowerCase() === r.toLowerCase(),
    negated: true,
  },
  StringLike: { compare: (p, r) => wildcard(p, r, false), negated: false },
  StringNotLike: { compare: (p, r) => wildcard(p, r, false), negated: true },
  ArnEquals: { compare: arnLike, negated: false },
  ArnLike: { compare: arnLike, negated: false },
  ArnNotEquals: { compare: arnLike, negated: true },
  ArnNotLike: { compare: arnLike, negated: true },
  Bool: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  NumericEquals: { compare: (p, r) => Number(r) === Number(p), negated: false },
  NumericNotEquals: { compare: (p, r) => Number(r) === Number(p), negated: true },
  NumericLessThan: { compare: (p, r) => Number(r) < Number(p), negated: false },
  NumericLessThanEquals: { compare: (p, r) => Number(r) <= Number(p), negated: false },
  NumericGreaterThan: { compare: (p, r) => Number(r) > Number(p), negated: false },
  NumericGreaterThanEquals: { compare: (p, r) => Number(r) >= Number(p), negated: false },
};

function conditionHolds(
  operatorName: string,
  key: string,
  policyValues: readonly string[],
  context: IamRequest["context"],
): boolean {
  const raw = context?.[key];
  const present = raw !== undefined;
  if (operatorName === "Null") {
    // Null: true means "the key is absent".
    return policyValues.some((v) => (v.toLowerCase() === "true") === !present);
  }
  const m = /^(ForAnyValue:|ForAllValues:)?([A-Za-z]+?)(IfExists)?$/.exec(operatorName);
  const op = m && OPERATORS[m[2]];
  if (!m || !op) throw new Error(`IAM evaluator: unknown condition operator ${operatorName}`);
  const [, set, , ifExists] = m;
  if (!present) {
    if (ifExists) return true;
    if (set === "ForAllValues:") return true;
    if (set === "ForAnyValue:") return false;
    return op.negated;
  }
  const requestValues = list(raw).map(String);
  const values = policyValues.map((v) => substitute(v, context)).filter((v) => v !== undefined);
  const matchesAny = (r: string) => values.some((p) => op.compare(p, r));
  if (set === "ForAllValues:") {
    return requestValues.every((r) => (op.negated ? !matchesAny(r) : matchesAny(r)));
  }
  if (set === "ForAnyValue:") {
    return requestValues.some((r) => (op.negated ? !matchesAny(r) : matchesAny(r)));
  }
  if (Array.isArray(raw) && requestValues.length !== 1) {
    throw new Error(
      `IAM evaluator: ${key} is multi-valued; ${operatorName} needs ForAnyValue: or ForAllValues:`,
    );
  }
  return op.negated ? !matchesAny(requestValues[0]) : matchesAny(requestValues[0]);
}

const KNOWN = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);

function principalMatches(s: PolicyStatement, who: Principal | undefined): boolean {
  if (s.Principal === undefined) return who === undefined;
  if (who === undefined) return false;
  if (s.Principal === "*") return true;
  return list(s.Principal[who.type]).some((p) => p === "*" || wildcard(p, who.id, false));
}

/** Whether `s` applies to the request (its Effect aside). */
export function statementMatches(
  s: PolicyStatement,
  request: IamRequest,
  principal?: Principal,
): boolean {
  for (const k of Object.keys(s)) {
    if (!KNOWN.has(k)) throw new Error(`IAM evaluator: unknown statement element ${k}`);
  }
  if (!principalMatches(s, principal)) return false;
  const action = (patterns: readonly string[]) =>
    patterns.some((a) => wildcard(a, request.action, true));
  if (s.Action !== undefined ? !action(list(s.Action)) : action(list(s.NotAction))) return false;
  if (principal === undefined || s.Resource !== undefined || s.NotResource !== undefined) {
    const resource = (patterns: readonly string[]) =>
      patterns.some((r) => {
        const p = substitute(r, request.context);
        return p !== undefined && arnLike(p, request.resource);
      });
    const inResource =
      s.Resource !== undefined ? resource(list(s.Resource)) : !resource(list(s.NotResource));
    if (!inResource) return false;
  }
  for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      if (!conditionHolds(operator, key, list(values), request.context)) return false;
    }
  }
  return true;
}

function decide(docs: readonly PolicyDocument[], request: IamRequest, who?: Principal): Decision {
  const matching = docs
    .flatMap((d) => d.Statement)
    .filter((s) => statementMatches(s, request, who));
  if (matching.some((s) => s.Effect === "Deny")) return "explicit-deny";
  return matching.some((s) => s.Effect === "Allow") ? "allow" : "implicit-deny";
}

/**
 * The decision for an identity with `identity` policies (inline and attached) and an optional
 * permissions boundary, in one account (no SCPs, no resource policies).
 */
export function evaluate(
  request: IamRequest,
  identity: readonly PolicyDocument[],
  boundary?: PolicyDocument,
): Decision {
  const own = decide(identity, request);
  if (own !== "allow" || boundary === undefined) return own;
  const bounded = decide([boundary], request);
  return bounded === "allow" ? "allow" : bounded;
}

/** Whether a trust policy lets `principal` call `request.action` (e.g. sts:AssumeRoleWithWebIdentity). */
export function trusts(trust: PolicyDocument, principal: Principal, request: IamRequest): boolean {
  return decide([trust], request, principal) === "allow";
}

/** Shorthand: whether `request` is allowed. */
export function allowed(
  request: IamRequest,
  identity: readonly PolicyDocument[],
  boundary?: PolicyDocument,
): boolean {
  return evaluate(request, identity, boundary) === "allow";
}

/** The old allow-only check, as a request without context. */
export function allows(doc: PolicyDocument, action: string, resource: string): boolean {
  return allowed({ action, resource }, [doc]);
}

/** One row of an allow/deny table. */
export interface TableRow extends IamRequest {
  readonly expect: Decision | "allow" | "deny";
  /** Why the row matters (printed when it fails). */
  readonly why: string;
}

/** Rows whose decision differs from the expected one ("deny" accepts either kind of deny). */
export function tableFailures(
  rows: readonly TableRow[],
  identity: readonly PolicyDocument[],
  boundary?: PolicyDocument,
): string[] {
  return rows.flatMap((row) => {
    const got = evaluate(row, identity, boundary);
    const ok = row.expect === "deny" ? got !== "allow" : got === row.expect;
    return ok
      ? []
      : [`${row.why}: ${row.action} on ${row.resource} -> ${got}, expected ${row.expect}`];
  });
}
