/**
 * gitops-platform: composes the components of this stack's plane. Settings are loaded and
 * validated first (stacks/); no resource is declared when they are invalid.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { imagePolicyPatterns } from "./components/delivery";
import { imagePolicyWarnings, settingsWarnings } from "./stacks/warnings";
import { loadSettings } from "./stacks/load";
import type { Settings } from "./stacks/settings";

import { deliveryPlane } from "./planes/delivery";
import { runtimePlane } from "./planes/runtime";

/** Legal but risky choices, printed by pulumi preview and up (the offline plan lists them too). */
function warnAbout(settings: Settings): void {
  const found = settingsWarnings(settings, new Date());
  if (settings.plane === "delivery") {
    const policies = imagePolicyPatterns(path.join(__dirname, "gitops", "flux-repo"));
    found.push(...imagePolicyWarnings(settings.pipeline.branch, policies));
  }
  for (const w of found) void pulumi.log.warn(w.text);
}

export = (): Record<string, unknown> | Promise<Record<string, unknown>> => {
  const settings = loadSettings();
  warnAbout(settings);
  return settings.plane === "delivery"
    ? deliveryPlane(settings, path.join(__dirname, "gitops"))
    : runtimePlane(settings);
};
