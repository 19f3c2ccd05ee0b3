/** Node autoscaling with Karpenter: its AWS side, the NodePools' Flux Kustomization, the pinned chart. */
export { Karpenter, type KarpenterArgs } from "./karpenter";
export { NodePoolSync, type NodePoolSyncArgs } from "./nodepools";
export type { KarpenterCapacityType, KarpenterOptions } from "./options";
export {
  KARPENTER_CHART_VERSION,
  KARPENTER_DISCOVERY_TAG,
  KARPENTER_INSTANCE_TYPES,
  KARPENTER_NODEPOOL_TAG,
  KARPENTER_NODE_DISK_GIB,
} from "./versions";
