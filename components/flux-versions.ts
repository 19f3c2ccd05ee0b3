/**
 * The fluxcd-community `flux2` chart versions this program knows, and the Flux release each ships.
 * Moving to a newer chart is one setting (`gitops-platform:fluxChartVersion`); add its row here first.
 * Where to find the next one: the chart's `Chart.yaml` (`appVersion`) in
 * fluxcd-community/helm-charts, or `helm search repo fluxcd-community/flux2 --versions`.
 */

/** Chart version -> Flux version (appVersion). Source: fluxcd-community/helm-charts gh-pages index.yaml. */
export const FLUX_CHART_RELEASES: Readonly<Record<string, string>> = {
  "2.16.4": "2.6.4",
  "2.17.2": "2.7.5",
  "2.18.3": "2.8.5",
  "2.19.1": "2.9.5",
};

/** The chart installed unless a stack sets another. */
export const DEFAULT_FLUX_CHART_VERSION = "2.19.1";

/** Flux version (`major.minor.patch`) shipped by a known chart version, or undefined. */
export function fluxVersionOfChart(chartVersion: string): string | undefined {
  return FLUX_CHART_RELEASES[chartVersion];
}

/** Compares two `x.y.z` versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Flux >= 2.9: `GitRepository.spec.provider: aws` authenticates to CodeCommit with IRSA. */
export function supportsCodeCommitProvider(fluxVersion: string): boolean {
  return compareVersions(fluxVersion, "2.9.0") >= 0;
}

/**
 * image-reflector-controller v1.0.0 (Flux 2.7.0) removed `--aws-autologin-for-ecr`; passing it
 * makes the controller exit at start (fluxcd/image-reflector-controller#786).
 */
export function supportsLegacyEcrAutologin(fluxVersion: string): boolean {
  return compareVersions(fluxVersion, "2.7.0") < 0;
}
