/**
 * The launch template of a managed node group. EKS's own template (used when a node group names
 * none) leaves the instance metadata service reachable with two hops, so any pod could take the
 * node role's credentials from IMDS; and it tags no instance, volume or network interface with
 * the stack, so the IAM of other environments cannot tell the nodes apart. This template sets:
 * - IMDSv2 only (`httpTokens: required`) with a PUT response hop limit of 1: the token answer
 *   does not survive the extra hop into a pod's network namespace, so only host-network pods
 *   (kubelet, aws-node, kube-proxy) reach IMDS; the others use IRSA.
 *   https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html
 *   ("Restrict access to the instance profile assigned to the worker node")
 * - the root volume (`/dev/xvda` on the EKS-optimized Amazon Linux AMIs): gp3, encrypted, sized
 *   by `diskSizeGiB` (EKS refuses a node group's `diskSize` together with a launch template);
 * - tags on the instances, their volumes and network interfaces: the stack's tags (the EBS CSI
 *   role requires `gitops-platform:stack`, ebs-csi-policy.ts) and `kubernetes.io/cluster/<cluster>:
 *   owned` (the VPC CNI role requires it, vpc-cni.ts).
 * No image ID and no user data: EKS keeps choosing the EKS-optimized AMI of the node group's
 * Kubernetes version and merges its own bootstrap. Node group settings (instance types, labels,
 * taints, scaling) stay on the node group, as EKS requires with a launch template.
 * https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html
 */
import type { NodeGroupArgs } from "./nodes";

/** Root device of the EKS-optimized Amazon Linux 2023 AMIs. */
export const NODE_ROOT_DEVICE = "/dev/xvda";

/** What the launch template tags (EC2 applies these at launch). */
export const NODE_TAGGED_RESOURCES = ["instance", "volume", "network-interface"] as const;

/** The tag EKS, Karpenter and the VPC CNI mark a cluster's resources with. */
export function clusterOwnedTag(clusterName: string): Record<string, string> {
  return { [`kubernetes.io/cluster/${clusterName}`]: "owned" };
}

/** The tags of a cluster's nodes, their volumes and interfaces: the stack's and the cluster's. */
export function nodeResourceTags(
  tags: Readonly<Record<string, string>>,
  clusterName: string,
): Record<string, string> {
  return { ...tags, ...clusterOwnedTag(clusterName) };
}

/** The `aws.ec2.LaunchTemplate` args of one node group. */
export function nodeLaunchTemplateArgs(
  group: Pick<NodeGroupArgs, "name" | "diskSizeGiB">,
  clusterName: string,
  tags: Readonly<Record<string, string>>,
) {
  const resourceTags = nodeResourceTags(tags, clusterName);
  return {
    description: `Nodes of group ${group.name} of EKS cluster ${clusterName}`,
    metadataOptions: {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
    },
    blockDeviceMappings: [
      {
        deviceName: NODE_ROOT_DEVICE,
        ebs: {
          volumeSize: group.diskSizeGiB,
          volumeType: "gp3",
          encrypted: "true",
          deleteOnTermination: "true",
        },
      },
    ],
    tagSpecifications: NODE_TAGGED_RESOURCES.map((resourceType) => ({
      resourceType,
      tags: resourceTags,
    })),
  };
}
