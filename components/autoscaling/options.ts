/**
 * What a stack decides about node autoscaling (the NodePool of gitops/flux-repo
 * infrastructure/nodepools, filled in through cluster-info). stacks/ derives its settings from
 * this type; the defaults per environment are in stacks/profiles.ts.
 */

/** `karpenter.sh/capacity-type` of the nodes the NodePool launches. */
export type KarpenterCapacityType = "spot" | "on-demand";

export interface KarpenterOptions {
  /**
   * `spot` (typically 60-70% cheaper, reclaimed with two minutes' notice; Karpenter drains the
   * node on the interruption warning) or `on-demand`.
   * https://karpenter.sh/docs/concepts/nodepools/ (capacity type requirement)
   */
  readonly capacityType: KarpenterCapacityType;
  /**
   * NodePool `limits.cpu`, in vCPU: Karpenter launches no node that would take the pool's nodes
   * above it, so a runaway Deployment cannot buy unlimited nodes. The cost estimate prices this
   * ceiling (about $35/vCPU-month at the dearest allowed type, On-Demand).
   */
  readonly cpuLimit: number;
  /** NodePool `limits.memory`, in GiB (the other ceiling). */
  readonly memoryLimitGiB: number;
}
