/**
 * The fluxcd-community `flux2` chart versions this program knows, and the Flux release each ships.
 * Moving to a newer chart is one setting (`gitops-platform:fluxChartVersion`); add its row here first.
 * Where to find the next one: the chart's `Chart.yaml` (`appVersion`) in
 * fluxcd-community/helm-charts, or `helm search repo fluxcd-community/flux2 --versions`.
 */

/**
 * Chart version -> Flux version (the chart's `appVersion`).
 * - 2.16.4, 2.17.2, 2.18.3: read in fluxcd-community/helm-charts `gh-pages:index.yaml` (commit d7e6379,
 *   2026-04-15) and each `charts/flux2/Chart.yaml` (commits e07cfac, 752ee7c, 484b12c).
 * - 2.19.0, 2.19.1: from merged pull requests only (helm-charts#293 "flux2 2.19.1 ... Flux v2.9.5",
 *   2026-09-19; thaum-xyz/ankhmorpork#949 "2.19.0 ... Flux 2.9.1"); their files were not in any
 *   snapshot readable here.
 */
export const FLUX_CHART_RELEASES: Readonly<Record<string, string>> = {
  "2.16.4": "2.6.4",
  "2.17.2": "2.7.5",
  "2.18.3": "2.8.5",
  "2.19.0": "2.9.1",
  "2.19.1": "2.9.5",
};

/**
 * The chart installed unless a stack sets another: 2.19.1 (Flux 2.9.5), because Flux 2.9 is the first
 * release whose source- and image-automation-controllers authenticate to CodeCommit with IRSA
 * (`GitRepository.spec.provider: aws`, fluxcd/source-controller#2035,
 * fluxcd/image-automation-controller#1026): with 2.18.3 every environment would need a static
 * HTTPS Git credential. Its values.yaml could not be read here; the keys this program sets
 * (components/flux/values.ts) were read at 2.18.3 and are unchanged in 2.16.4 and 2.17.2 (between
 * those charts keys were only added: `crds.migration.*`, `sourceWatcher.*`), and `crds.annotations`
 * is reported working on 2.19.0 (thaum-xyz/ankhmorpork#1475). Fall back with
 * `gitops-platform:fluxChartVersion: 2.18.3` plus `fluxGitAuth: https-credential`.
 */
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

/**
 * The oldest Kubernetes each Flux minor runs on: `flux check --pre`, which the chart's pre-install
 * Job runs, refuses older clusters (fluxcd/flux2 `cmd/flux/check.go`, `kubernetesConstraints`:
 * `>=1.31.0-0` at v2.6.0 4c66d37, `>=1.32.0-0` at v2.7.0 f251e8e, `>=1.33.0-0` at v2.8.0 ac71dd8
 * and v2.9.0 dcc7def). Add the row of a new Flux minor from that file at its tag.
 */
export const FLUX_MIN_KUBERNETES: Readonly<Record<string, string>> = {
  "2.6": "1.31",
  "2.7": "1.32",
  "2.8": "1.33",
  "2.9": "1.33",
};

/** The oldest Kubernetes minor a Flux version runs on, or undefined when its minor is not listed. */
export function minKubernetesForFlux(fluxVersion: string): string | undefined {
  return FLUX_MIN_KUBERNETES[fluxVersion.split(".").slice(0, 2).join(".")];
}
