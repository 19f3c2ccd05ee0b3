/**
 * A stack's settings as `stacks/load.ts` resolves them in a real run, from `Pulumi.yaml` and its
 * `Pulumi.<stack>.yaml` (the recorded run does not keep them): for the plan's cost estimate and
 * for tests of pure functions over whole settings.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, PROJECT_DIR } from "./config";
import { MOCK_ORGANIZATION } from "./mocks";
import { NAMESPACE } from "../stacks/problems";
import { resolveSettings } from "../stacks/resolve";
import type { Settings } from "../stacks/settings";

/** `overrides` are applied over the stack file, as `pulumi config set` would (bare keys). */
export function stackSettings(
  stack: string,
  stackDir: string = PROJECT_DIR,
  overrides: Record<string, unknown> = {},
): Settings {
  const { project, config } = loadStackConfig(stack, overrides, stackDir);
  const own: Record<string, string> = {};
  const awsKeys: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${NAMESPACE}:`)) own[key.slice(NAMESPACE.length + 1)] = value;
    if (key.startsWith("aws:")) awsKeys.push(key.slice(4));
  }
  const token = own["deploymentsApiToken"];
  if (token !== undefined) own["deploymentsApiToken"] = "(secret)";
  return resolveSettings({
    project,
    stack,
    organization: MOCK_ORGANIZATION,
    region: config["aws:region"],
    awsProfile: config["aws:profile"],
    awsKeys,
    config: own,
    deploymentsApiToken: token === undefined ? undefined : pulumi.secret(token),
  });
}
