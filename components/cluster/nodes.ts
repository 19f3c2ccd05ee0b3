/**
 * The nodes of a cluster: managed node group args and the node role's trust and policies.
 * https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html
 */
import type { PolicyDocument } from "../aws";

/**
 * What the node role needs: kubelet's EC2 and EKS calls (and the Pod Identity agent) and image
 * pulls from ECR. Not `AmazonEKS_CNI_Policy`: the VPC CNI has an IRSA role of its own, confined to
 * the cluster's VPC (vpc-cni.ts), as the EKS guide recommends.
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html
 */
export const NODE_MANAGED_POLICY_ARNS = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
] as const;

/** EKS managed node group capacity: On-Demand or Spot. */
export type CapacityType = "ON_DEMAND" | "SPOT";

/** One managed node group (https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html). */
export interface NodeGroupArgs {
  /** Node group name, unique within the cluster; part of the AWS name. */
  readonly name: string;
  /** EC2 instance types, first preferred (several types help Spot find capacity). */
  readonly instanceTypes: readonly string[];
  /** On-Demand, or Spot (typically 60-70% cheaper, reclaimed with two minutes' notice). */
  readonly capacityType: CapacityType;
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  /** Root volume size in GiB (gp3, encrypted, $0.08 per GB-month; launch-template.ts). */
  readonly diskSizeGiB: number;
  /** Kubernetes labels put on the nodes. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Kubernetes taints put on the nodes (EKS `NO_SCHEDULE`, `NO_EXECUTE`, `PREFER_NO_SCHEDULE`;
   * at most 50). Default: none. Flux and the add-ons tolerate none, so at least one group must
   * stay untainted. https://docs.aws.amazon.com/eks/latest/userguide/node-taints-managed-node-groups.html
   */
  readonly taints?: readonly NodeTaint[];
}

/** EKS taint effects (API_Taint `effect`). */
export const TAINT_EFFECTS = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"] as const;

export interface NodeTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: (typeof TAINT_EFFECTS)[number];
}

/** The node role's trust: EC2 instances of the node groups. */
export function nodeTrustPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ],
  };
}
