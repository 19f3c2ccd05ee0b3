/** The EKS cluster of an environment, with its node groups and the AWS Load Balancer Controller's IAM. */
export {
  Cluster,
  CLUSTER_LOG_TYPES,
  type CapacityType,
  type ClusterArgs,
  type ClusterLogType,
  type NodeGroupArgs,
} from "./cluster";
export { EKS_KUBERNETES_VERSIONS, type EksVersionSupport } from "./kubernetes-versions";
export { LB_CONTROLLER_SERVICE_ACCOUNT } from "./lb-controller-policy";
