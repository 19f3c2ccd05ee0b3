/** Flux on an environment cluster: chart, IRSA roles, bootstrap objects and the cluster-info contract. */
export { Flux, FluxSettingsError, type FluxArgs } from "./flux";
export type { FluxGitAuth, FluxIntervals, FluxOptions } from "./options";
export {
  DEFAULT_FLUX_CHART_VERSION,
  FLUX_CHART_RELEASES,
  compareVersions,
  FLUX_MIN_KUBERNETES,
  fluxVersionOfChart,
  minKubernetesForFlux,
  supportsCodeCommitProvider,
  supportsLegacyEcrAutologin,
} from "./versions";
export {
  CLUSTER_INFO_KEYS,
  CLUSTER_INFO_NAME,
  type ClusterInfo,
  type ClusterInfoKey,
} from "./cluster-info";
export { environmentContentFolders, missingContentFolders } from "./content";
export { BOOTSTRAP_NAME, FLUX_NAMESPACE, KUSTOMIZATION_API } from "./bootstrap";
export { appsLoadBalancerName } from "./readiness";
