/**
 * The one place that reads Pulumi configuration and the stack identity. Everything it reads goes
 * through `resolveSettings`; components receive the result.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { NAMESPACE } from "./problems";
import { resolveSettings } from "./resolve";
import type { Settings } from "./settings";

export function loadSettings(): Settings {
  const all = pulumi.runtime.allConfig();
  const prefix = `${NAMESPACE}:`;
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(prefix) && k !== `${prefix}deploymentsApiToken`)
      config[k.slice(prefix.length)] = v;
  }
  const awsKeys = Object.keys(all)
    .filter((k) => k.startsWith("aws:"))
    .map((k) => k.slice(4));
  const own = new pulumi.Config(NAMESPACE);
  const token = own.getSecret("deploymentsApiToken");
  if (token !== undefined) config["deploymentsApiToken"] = "(secret)";
  const settings = resolveSettings({
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    organization: pulumi.getOrganization(),
    region: new pulumi.Config("aws").get("region"),
    awsProfile: new pulumi.Config("aws").get("profile"),
    awsKeys,
    config,
    deploymentsApiToken: token,
    stackFile: stackFile(pulumi.getStack()),
  });
  for (const warning of settings.warnings) void pulumi.log.warn(warning);
  return settings;
}

/**
 * Where the CLI reads this stack's settings: `Pulumi.<stack>.yaml` beside Pulumi.yaml, or in the
 * project's `stackConfigDir` (https://www.pulumi.com/docs/iac/concepts/projects/project-file/).
 */
function stackFile(stack: string): string {
  const name = `Pulumi.${stack}.yaml`;
  try {
    const root = pulumi.getRootDirectory();
    const project = YAML.parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
      stackConfigDir?: unknown;
    } | null;
    const dir = project?.stackConfigDir;
    return typeof dir === "string" && dir !== "" ? path.join(dir, name) : name;
  } catch {
    // No root directory (an old CLI) or no readable Pulumi.yaml: the default place.
    return name;
  }
}
