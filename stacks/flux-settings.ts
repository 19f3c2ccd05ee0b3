/**
 * Flux settings of a runtime stack: the chart version (it must be one `components/flux/versions.ts`
 * knows), the Git auth mode and legacy ECR flag that version supports, and the intervals.
 */
import type { FluxGitAuth, FluxSettings } from "./settings";
import type { RuntimeProfileValues } from "./profiles";
import type { Problems, Reader } from "./problems";
import * as rules from "./rules";
import {
  FLUX_CHART_RELEASES,
  fluxVersionOfChart,
  supportsCodeCommitProvider,
  supportsLegacyEcrAutologin,
} from "../components/flux";

/**
 * Reads and checks every Flux setting but `imageAutomation`, which the caller reads last (as it
 * always has), so that problems keep their order in the report.
 */
export function resolveFlux(
  read: Reader,
  problems: Problems,
  p: RuntimeProfileValues,
): Omit<FluxSettings, "imageAutomation"> {
  const chartVersion = read.string("fluxChartVersion", p.fluxChartVersion);
  const fluxVersion = fluxVersionOfChart(chartVersion);
  if (!fluxVersion) {
    problems.add(
      "fluxChartVersion",
      chartVersion,
      "not a flux2 chart version this program knows",
      `Use one of ${Object.keys(FLUX_CHART_RELEASES).join(", ")}, or add the new chart to components/flux/versions.ts.`,
    );
  }
  const providerOk = fluxVersion !== undefined && supportsCodeCommitProvider(fluxVersion);
  const gitAuth = read.string("fluxGitAuth", providerOk ? "aws-provider" : "https-credential");
  if (gitAuth !== "aws-provider" && gitAuth !== "https-credential") {
    problems.add(
      "fluxGitAuth",
      gitAuth,
      "unknown Git auth mode",
      "Use aws-provider or https-credential.",
    );
  } else if (gitAuth === "aws-provider" && fluxVersion && !providerOk) {
    problems.add(
      "fluxGitAuth",
      gitAuth,
      `Flux ${fluxVersion} (chart ${chartVersion}) has no GitRepository provider 'aws'; it arrived in Flux 2.9`,
      "Use https-credential, or a flux2 chart of 2.19 or later.",
    );
  }
  const legacyEcrAutologin = read.boolean("fluxLegacyEcrAutologin", false);
  if (legacyEcrAutologin && fluxVersion && !supportsLegacyEcrAutologin(fluxVersion)) {
    problems.add(
      "fluxLegacyEcrAutologin",
      true,
      `Flux ${fluxVersion} removed --aws-autologin-for-ecr (image-reflector-controller v1.0.0, Flux 2.7); the controller would fail to start`,
      "Remove the setting: ImageRepository provider: aws with IRSA logs in to ECR.",
    );
  }
  // With receivers, polling is the fallback for a lost event: the profile's longer intervals.
  const receivers = read.boolean("fluxReceivers", p.fluxReceivers);
  const intervals = {
    ...(receivers ? p.fluxFallbackIntervals : p.fluxIntervals),
    ...asStringRecord(read.object("fluxIntervals"), "fluxIntervals", problems),
  };
  for (const [k, v] of Object.entries(intervals)) {
    if (!(k in p.fluxIntervals)) {
      problems.add(
        `fluxIntervals.${k}`,
        v,
        "unknown interval",
        `Use ${Object.keys(p.fluxIntervals).join(", ")}.`,
      );
      continue;
    }
    const r = typeof v === "string" ? rules.fluxDuration(v) : "expected a string such as 5m";
    if (r) problems.add(`fluxIntervals.${k}`, v, r, "Use a value such as 1m.");
  }

  const readyTimeout = read.string("fluxReadyTimeout", p.fluxReadyTimeout);
  const badTimeout = rules.fluxDuration(readyTimeout);
  if (badTimeout)
    problems.add("fluxReadyTimeout", readyTimeout, badTimeout, "Use a value such as 10m.");

  return {
    chartVersion,
    gitAuth: gitAuth as FluxGitAuth,
    legacyEcrAutologin,
    receivers,
    intervals: intervals,
    readyTimeout,
  };
}

function asStringRecord(value: unknown, key: string, problems: Problems): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.add(key, value, "expected a map", "Write it as a YAML map of name: value.");
    return {};
  }
  return value as Record<string, string>;
}
