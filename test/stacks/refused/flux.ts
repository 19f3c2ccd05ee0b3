/** Refused: Flux durations and versions. Rows as in ../bad-settings.ts. */
import type { BadSetting } from "../bad-settings";

const NOT_FLUX = `not a duration the Flux CRDs accept (digits with ms, s, m or h, such as 30s, 1m, 1h30m). Use a value such as 1m.`;

export const FLUX_REFUSED: readonly BadSetting[] = [
  [
    "a Go duration unit the CRDs refuse (ns)",
    "dev",
    { fluxIntervals: { source: "500ns" } },
    `gitops-platform:fluxIntervals.source = "500ns": ${NOT_FLUX}`,
  ],
  [
    "a Go duration unit the CRDs refuse (us)",
    "dev",
    { fluxIntervals: { imageAutomation: "90us" } },
    `gitops-platform:fluxIntervals.imageAutomation = "90us": ${NOT_FLUX}`,
  ],
  [
    "days, which neither Go nor Flux parse",
    "dev",
    { fluxIntervals: { kustomization: "1d" } },
    `gitops-platform:fluxIntervals.kustomization = "1d": ${NOT_FLUX}`,
  ],
  [
    "a zero interval",
    "dev",
    { fluxIntervals: { imageScan: "0s" } },
    `gitops-platform:fluxIntervals.imageScan = "0s": must be greater than zero. Use a value such as 1m.`,
  ],
  [
    "a number instead of a duration",
    "dev",
    { fluxIntervals: { source: 5 } },
    `gitops-platform:fluxIntervals.source = 5: expected a string such as 5m. Use a value such as 1m.`,
  ],
  [
    "Kubernetes below the pinned Flux's minimum",
    "dev",
    { kubernetesVersion: "1.32" },
    `gitops-platform:kubernetesVersion = "1.32": Flux 2.9.5 (chart 2.19.1) needs Kubernetes 1.33 or later: the chart's pre-install check (flux check --pre) refuses 1.32. Use kubernetesVersion "1.33" or later, or an older fluxChartVersion.`,
  ],
  [
    "Kubernetes below the minimum of an older pinned Flux",
    "dev",
    { kubernetesVersion: "1.32", fluxChartVersion: "2.18.3", fluxGitAuth: "https-credential" },
    `gitops-platform:kubernetesVersion = "1.32": Flux 2.8.5 (chart 2.18.3) needs Kubernetes 1.33 or later`,
  ],
];
