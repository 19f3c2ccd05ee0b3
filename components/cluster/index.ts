/** The EKS cluster of an environment, with its node groups and the AWS Load Balancer Controller's IAM. */
export { Cluster, CLUSTER_LOG_TYPES, type ClusterArgs, type ClusterLogType } from "./cluster";
export { TAINT_EFFECTS, type CapacityType, type NodeGroupArgs, type NodeTaint } from "./nodes";
export { EKS_KUBERNETES_VERSIONS, type EksVersionSupport } from "./kubernetes-versions";
export { LB_CLUSTER_TAG, LB_CONTROLLER_SERVICE_ACCOUNT } from "./lb-controller-policy";
export { ClusterAddons, DEFAULT_STORAGE_CLASS } from "./addons";
export {
  addonVersionsFor,
  EKS_ADDON_NAMES,
  EKS_ADDON_VERSIONS,
  type AddonVersions,
  type EksAddonName,
} from "./addon-versions";
export { NODE_MANAGED_POLICY_ARNS, nodeTrustPolicy } from "./nodes";
export {
  accelerator,
  cpuArchitecture,
  EC2_INSTANCE_TYPES,
  instanceTypeMixProblem,
  type CpuArchitecture,
} from "./instance-types";
