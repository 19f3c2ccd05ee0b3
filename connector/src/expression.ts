/**
 * Conditional updates as data: one definition of each ledger write, rendered to a DynamoDB
 * `UpdateItem` request for AWS and evaluated in memory by `MemoryStore` (tests, benchmark). The
 * subset is what the ledger needs: `attribute_exists`/`attribute_not_exists`, `=`, `<>`, `<`,
 * `<=` on strings, `AND`, `OR`; `SET` (plain or `if_not_exists`) and `REMOVE`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html,
 * Expressions.UpdateExpressions.html). Strings compare by code point in both, which for the ASCII
 * keys here is DynamoDB's UTF-8 byte order.
 */

export type Value = string | number | boolean | readonly string[];
export type Item = Readonly<Record<string, Value>>;

export type Condition =
  | { readonly op: "exists" | "notExists"; readonly attr: string }
  | {
      readonly op: "compare";
      readonly attr: string;
      readonly cmp: "=" | "<>" | "<" | "<=";
      readonly value: string;
    }
  | { readonly op: "and" | "or"; readonly of: readonly Condition[] };

export const exists = (attr: string): Condition => ({ op: "exists", attr });
export const notExists = (attr: string): Condition => ({ op: "notExists", attr });
export const compare = (attr: string, cmp: "=" | "<>" | "<" | "<=", value: string): Condition => ({
  op: "compare",
  attr,
  cmp,
  value,
});
export const and = (...of: Condition[]): Condition => ({ op: "and", of });
export const or = (...of: Condition[]): Condition => ({ op: "or", of });

/** `SET attr = value`, or `SET attr = if_not_exists(attr, value)`. */
export type Assignment = Value | { readonly ifNotExists: Value };

export interface Update {
  readonly key: { readonly pk: string; readonly sk: string };
  readonly set: Readonly<Record<string, Assignment>>;
  readonly remove?: readonly string[];
  readonly condition?: Condition;
}

/** An attribute value in DynamoDB's JSON form (the subset `Value` covers). */
export type AttributeValue =
  { S: string } | { N: string } | { BOOL: boolean } | { L: { S: string }[] };

export function marshal(v: Value): AttributeValue {
  if (typeof v === "string") return { S: v };
  if (typeof v === "number") return { N: String(v) };
  if (typeof v === "boolean") return { BOOL: v };
  return { L: v.map((s) => ({ S: s })) };
}

export function unmarshal(
  item: Record<string, unknown> | undefined,
): Record<string, Value> | undefined {
  if (item === undefined) return undefined;
  const out: Record<string, Value> = {};
  for (const [k, raw] of Object.entries(item)) {
    const v = raw as Record<string, unknown>;
    if (typeof v.S === "string") out[k] = v.S;
    else if (typeof v.N === "string") out[k] = Number(v.N);
    else if (typeof v.BOOL === "boolean") out[k] = v.BOOL;
    else if (Array.isArray(v.L)) out[k] = v.L.map((e: { S?: unknown }) => String(e.S));
    else throw new Error(`unsupported attribute ${k}: ${JSON.stringify(raw)}`);
  }
  return out;
}

/** The expression parts of an `UpdateItem` request (key and table added by the caller). */
export interface RenderedUpdate {
  readonly UpdateExpression: string;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, AttributeValue>;
  /** The item as it was, written or not: the caller computes the new one with `apply`. */
  readonly ReturnValues: "ALL_OLD";
  readonly ReturnValuesOnConditionCheckFailure: "ALL_OLD";
}

export function render(u: Update): RenderedUpdate {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const nameOf = (attr: string) => {
    const found = Object.entries(names).find(([, a]) => a === attr)?.[0];
    if (found) return found;
    const alias = `#n${Object.keys(names).length}`;
    names[alias] = attr;
    return alias;
  };
  const valueOf = (v: Value) => {
    const alias = `:v${Object.keys(values).length}`;
    values[alias] = marshal(v);
    return alias;
  };
  const cond = (c: Condition): string => {
    switch (c.op) {
      case "exists":
        return `attribute_exists(${nameOf(c.attr)})`;
      case "notExists":
        return `attribute_not_exists(${nameOf(c.attr)})`;
      case "compare":
        return `${nameOf(c.attr)} ${c.cmp} ${valueOf(c.value)}`;
      case "and":
      case "or":
        return `(${c.of.map(cond).join(c.op === "and" ? " AND " : " OR ")})`;
    }
  };
  const sets = Object.entries(u.set).map(([attr, a]) => {
    const n = nameOf(attr);
    return isIfNotExists(a)
      ? `${n} = if_not_exists(${n}, ${valueOf(a.ifNotExists)})`
      : `${n} = ${valueOf(a)}`;
  });
  const removes = (u.remove ?? []).map(nameOf);
  const expression = [
    `SET ${sets.join(", ")}`,
    ...(removes.length > 0 ? [`REMOVE ${removes.join(", ")}`] : []),
  ].join(" ");
  const condition = u.condition === undefined ? undefined : cond(u.condition);
  return {
    UpdateExpression: expression,
    ...(condition === undefined ? {} : { ConditionExpression: condition }),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: "ALL_OLD",
    ReturnValuesOnConditionCheckFailure: "ALL_OLD",
  };
}

function isIfNotExists(a: Assignment): a is { readonly ifNotExists: Value } {
  return typeof a === "object" && !Array.isArray(a) && "ifNotExists" in a;
}

/**
 * Evaluates a condition on an item (undefined: no item). A comparison with a missing attribute is
 * false, as in DynamoDB; the ledger's conditions test existence explicitly where it matters.
 */
export function holds(c: Condition | undefined, item: Item | undefined): boolean {
  if (c === undefined) return true;
  const attr = (name: string) => item?.[name];
  switch (c.op) {
    case "exists":
      return attr(c.attr) !== undefined;
    case "notExists":
      return attr(c.attr) === undefined;
    case "compare": {
      const v = attr(c.attr);
      if (typeof v !== "string") return false;
      if (c.cmp === "=") return v === c.value;
      if (c.cmp === "<>") return v !== c.value;
      return c.cmp === "<" ? v < c.value : v <= c.value;
    }
    case "and":
      return c.of.every((x) => holds(x, item));
    case "or":
      return c.of.some((x) => holds(x, item));
  }
}

/** The item after `u` (its condition already checked): what DynamoDB stores. */
export function apply(u: Update, item: Item | undefined): Item {
  const next: Record<string, Value> = { ...item, pk: u.key.pk, sk: u.key.sk };
  for (const [attr, a] of Object.entries(u.set)) {
    if (isIfNotExists(a)) next[attr] = next[attr] ?? a.ifNotExists;
    else next[attr] = a;
  }
  for (const attr of u.remove ?? []) delete next[attr];
  return next;
}
