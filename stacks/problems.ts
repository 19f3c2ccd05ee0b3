/**
 * Collects settings problems so that all of them are reported at once, each worded as a fix:
 * the full key, the bad value, what is allowed, what to do.
 */
import { CONFIG_KEYS, type ConfigKey, type KeyType } from "./keys";

export const NAMESPACE = "gitops-platform";

export class SettingsError extends Error {
  constructor(
    readonly stack: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid settings for stack '${stack}' (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "SettingsError";
  }
}

/** `<full key> = <value>: <what>. <fix>` */
function line(key: string, value: unknown, what: string, fix: string): string {
  const shown = value === undefined ? "(not set)" : JSON.stringify(value);
  const full = /^(aws|gitops-platform):/.test(key) ? key : `${NAMESPACE}:${key}`;
  return `${full} = ${shown}: ${what}. ${fix}`;
}

/** A raw config value as Pulumi stores it: a string (JSON for numbers, booleans, lists, objects). */
export type RawConfig = Readonly<Record<string, string>>;

export class Problems {
  readonly list: string[] = [];
  /** What is allowed but cannot be checked offline, worded like a problem. */
  readonly warnings: string[] = [];

  constructor(readonly stackFile: string) {}

  /** Records a problem with `key`; `fix` says what to do. */
  add(key: string, value: unknown, what: string, fix: string): void {
    this.list.push(line(key, value, what, fix));
  }

  /** Records a warning about `key`: what cannot be checked, and what to make sure of. */
  warn(key: string, value: unknown, what: string, advice: string): void {
    this.warnings.push(line(key, value, what, advice));
  }

  /** Records a problem that is not about one key. */
  addGeneral(text: string): void {
    this.list.push(text);
  }
}

/**
 * Typed reads of raw config with the profile value as the default. A value of the wrong type is a
 * problem, and the profile value is used so that validation can continue and report more.
 */
export class Reader {
  constructor(
    private readonly raw: RawConfig,
    private readonly problems: Problems,
  ) {}

  has(key: ConfigKey): boolean {
    return this.raw[key] !== undefined;
  }

  string(key: ConfigKey, fallback: string): string {
    const v = this.raw[key];
    return v === undefined ? fallback : v;
  }

  integer(key: ConfigKey, fallback: number): number {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    if (!/^-?\d+$/.test(v.trim())) {
      this.typeProblem(key, v, "integer", "a whole number such as 3");
      return fallback;
    }
    return Number(v);
  }

  boolean(key: ConfigKey, fallback: boolean): boolean {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    if (v !== "true" && v !== "false") {
      this.typeProblem(key, v, "boolean", "true or false");
      return fallback;
    }
    return v === "true";
  }

  stringArray(key: ConfigKey, fallback: readonly string[]): readonly string[] {
    const v = this.json(key);
    if (v === undefined) return fallback;
    if (!Array.isArray(v) || v.some((e) => typeof e !== "string")) {
      this.typeProblem(key, this.raw[key], "array", LIST_EXAMPLE);
      return fallback;
    }
    return v as string[];
  }

  /** Structured value; `undefined` when unset or unparsable (the problem is recorded). */
  object(key: ConfigKey): unknown {
    return this.json(key);
  }

  private json(key: ConfigKey): unknown {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    try {
      return JSON.parse(v);
    } catch {
      const type = CONFIG_KEYS[key].type;
      this.typeProblem(
        key,
        v,
        type,
        type === "array" ? LIST_EXAMPLE : "a YAML map (see README, Settings)",
      );
      return undefined;
    }
  }

  private typeProblem(key: ConfigKey, value: unknown, type: KeyType, example: string): void {
    this.problems.add(
      key,
      value,
      `expected ${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`,
      `Set ${example} in ${this.problems.stackFile}.`,
    );
  }
}

const LIST_EXAMPLE = 'a YAML list of strings such as ["a", "b"]';

/** Levenshtein distance, for "did you mean" on unknown keys. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
    }
  }
  return d[a.length][b.length];
}

export function closestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of Object.keys(CONFIG_KEYS)) {
    const distance = editDistance(key, k);
    if (distance < bestDistance) [best, bestDistance] = [k, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}
