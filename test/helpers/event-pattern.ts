/**
 * An offline EventBridge pattern matcher, written from the documented semantics
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html and
 * eb-event-patterns-content-based-filtering.html): fields AND, array values OR, an array in the
 * event matches when any element does, absent fields are ignored by the pattern, and leaves are
 * literals or the operators prefix, suffix, anything-but, exists, equals-ignore-case, numeric.
 * AWS's own TestEventPattern is a remote API, and no maintained offline matcher is on npm
 * (serverless-offline-aws-eventbridge embeds one inside a Serverless plugin). Unknown operators
 * throw, so the matcher never passes a pattern it does not understand.
 */
export function matches(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    if (key === "$or") {
      return (rule as Record<string, unknown>[]).some((p) => matches(p, event));
    }
    const value = event[key];
    if (Array.isArray(rule)) return leafMatches(rule, key in event, value);
    if (rule && typeof rule === "object") {
      return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        matches(rule as Record<string, unknown>, value as Record<string, unknown>)
      );
    }
    throw new Error(`pattern field '${key}' must be an array or an object`);
  });
}

function leafMatches(rules: unknown[], present: boolean, value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return rules.some((r) => {
    if (r && typeof r === "object") {
      const [[op, arg]] = Object.entries(r);
      if (op === "exists") return arg === present;
      if (!present) return false;
      return values.some((v) => operatorMatches(op, arg, v));
    }
    return present && values.some((v) => v === r);
  });
}

function operatorMatches(op: string, arg: unknown, v: unknown): boolean {
  switch (op) {
    case "prefix":
      return typeof v === "string" && v.startsWith(arg as string);
    case "suffix":
      return typeof v === "string" && v.endsWith(arg as string);
    case "equals-ignore-case":
      return typeof v === "string" && v.toLowerCase() === (arg as string).toLowerCase();
    case "anything-but":
      if (arg && typeof arg === "object" && !Array.isArray(arg)) {
        const [[inner, innerArg]] = Object.entries(arg);
        return !operatorMatches(inner, innerArg, v);
      }
      return !(Array.isArray(arg) ? arg : [arg]).includes(v);
    case "numeric": {
      const conds = arg as (string | number)[];
      for (let i = 0; i < conds.length; i += 2) {
        const [cmp, n] = [conds[i], conds[i + 1] as number];
        if (typeof v !== "number") return false;
        const ok = { "=": v === n, "<": v < n, "<=": v <= n, ">": v > n, ">=": v >= n }[cmp];
        if (!ok) return false;
      }
      return true;
    }
    default:
      throw new Error(`matcher does not implement operator '${op}'`);
  }
}
