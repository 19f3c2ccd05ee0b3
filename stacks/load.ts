/**
 * The one place that reads Pulumi configuration and the stack identity. Everything it reads goes
 * through `resolveSettings`; components receive the result.
 */
import * as pulumi from "@pulumi/pulumi";
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
  });
  for (const warning of settings.warnings) void pulumi.log.warn(warning);
  return settings;
}
