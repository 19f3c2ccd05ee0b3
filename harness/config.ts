/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI does for a program run:
 * project-level defaults first, stack values over them, bare keys in the project's namespace,
 * every value as a string (JSON for non-strings), secure values replaced by a placeholder secret.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

export const PROJECT_DIR = path.resolve(__dirname, "..");

export interface StackConfig {
  readonly project: string;
  /** Flat `<namespace>:<key>` -> string map, as `pulumi.runtime.setAllConfig` takes it. */
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
}

/** Parses a YAML file; a syntax error names the file, with the line and column the parser gives. */
export function readYaml(file: string): any {
  const text = fs.readFileSync(file, "utf8");
  try {
    return YAML.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid YAML: ${(e as Error).message}`);
  }
}

export function readProject(dir = PROJECT_DIR): { name: string; config: Record<string, any> } {
  const doc = readYaml(path.join(dir, "Pulumi.yaml"));
  return { name: doc.name, config: doc.config ?? {} };
}

export function stackFileExists(stack: string, dir = PROJECT_DIR): boolean {
  return fs.existsSync(path.join(dir, `Pulumi.${stack}.yaml`));
}

/** The stacks that have a `Pulumi.<stack>.yaml` in `dir`, sorted. */
export function stackNames(dir = PROJECT_DIR): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

function flatten(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fullKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * The config of `stack`: the project's `Pulumi.yaml` (in `projectDir`) and `Pulumi.<stack>.yaml`
 * (in `stackDir`: the project's own, or a folder of fixture stack files); `overrides` (bare or
 * namespaced keys, plain values; `undefined` removes a key) are applied last, as
 * `pulumi config set` would.
 */
export function loadStackConfig(
  stack: string,
  overrides: Record<string, unknown> = {},
  stackDir = PROJECT_DIR,
  projectDir = PROJECT_DIR,
): StackConfig {
  const project = readProject(projectDir);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, decl] of Object.entries(project.config)) {
    const isSchema = decl !== null && typeof decl === "object" && !Array.isArray(decl);
    const value = isSchema ? (decl.default ?? decl.value) : decl;
    if (value !== undefined) config[fullKey(project.name, key)] = flatten(value);
  }
  const file = path.join(stackDir, `Pulumi.${stack}.yaml`);
  const stackDoc = fs.existsSync(file) ? (readYaml(file) ?? {}) : {};
  for (const [key, value] of Object.entries(stackDoc.config ?? {})) {
    const k = fullKey(project.name, key);
    if (value && typeof value === "object" && "secure" in value) {
      config[k] = "mock-secret-value";
      secretKeys.push(k);
    } else {
      config[k] = flatten(value);
    }
  }
  for (const [key, value] of Object.entries(overrides)) {
    const k = fullKey(project.name, key);
    if (value === undefined) delete config[k];
    else config[k] = flatten(value);
  }
  return { project: project.name, config, secretKeys };
}
