/**
 * The services of a folder of stack files against a gitops/ tree: which stacks are the delivery
 * plane (their `services` setting), the profile of each GitOps environment, and the
 * settings-versus-files problems (components/services/check.ts). `npm run plan` warns with them,
 * `npm run add-service` writes from them, and the project's own stack files are tested with them.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_DIR, stackNames } from "./config";
import { stackSettings } from "./settings";
import { serviceContentProblems } from "../components/services";
import { NAMESPACE, SettingsError } from "../stacks/problems";
import { RUNTIME_PROFILES, type DeliverySettings, type RuntimeProfile } from "../stacks/settings";

/** The profile a stack file names (`gitops-platform:profile`), or its stack name. */
export function declaredProfile(stack: string, stackDir: string = PROJECT_DIR): string {
  const file = path.join(stackDir, `Pulumi.${stack}.yaml`);
  const doc = fs.existsSync(file) ? YAML.parse(fs.readFileSync(file, "utf8")) : undefined;
  const set = (doc?.config as Record<string, unknown> | undefined)?.[`${NAMESPACE}:profile`];
  return typeof set === "string" ? set : stack;
}

/** The stacks of `stackDir` built from the `shared` profile (the delivery plane), sorted. */
export function deliveryStacks(stackDir: string = PROJECT_DIR): string[] {
  return stackNames(stackDir).filter((s) => declaredProfile(s, stackDir) === "shared");
}

/** The delivery stack's settings (throws the SettingsError of invalid settings). */
export function deliverySettings(
  stack: string,
  stackDir: string = PROJECT_DIR,
  config: Record<string, unknown> = {},
): DeliverySettings {
  return stackSettings(stack, stackDir, config) as DeliverySettings;
}

/**
 * The runtime profile of a GitOps environment: its stack file's, else its name's. Throws with the
 * fix when neither is a runtime profile.
 */
export function environmentProfile(
  environment: string,
  stackDir: string = PROJECT_DIR,
): RuntimeProfile {
  const profile = declaredProfile(environment, stackDir);
  if (!(RUNTIME_PROFILES as readonly string[]).includes(profile)) {
    throw new Error(
      `GitOps environment '${environment}' (flux-repo/clusters/${environment}) has no runtime ` +
        `profile: add Pulumi.${environment}.yaml with gitops-platform:profile (${RUNTIME_PROFILES.join(", ")}).`,
    );
  }
  return profile as RuntimeProfile;
}

/**
 * Every settings-versus-files problem of the delivery stacks of `stackDir` against `gitopsRoot`.
 * A stack whose settings are invalid is skipped here: planning it reports its problems.
 */
export function servicesProblems(
  stackDir: string = PROJECT_DIR,
  gitopsRoot: string = path.join(PROJECT_DIR, "gitops"),
): string[] {
  return deliveryStacks(stackDir).flatMap((stack) => {
    let settings: DeliverySettings;
    try {
      settings = deliverySettings(stack, stackDir);
    } catch (e) {
      if (e instanceof SettingsError) return [];
      throw e;
    }
    return serviceContentProblems(settings.services, gitopsRoot, `Pulumi.${stack}.yaml`);
  });
}
