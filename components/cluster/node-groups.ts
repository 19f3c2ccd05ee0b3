/**
 * The managed node groups of a cluster: their shared node role and, for each group, its launch
 * template (launch-template.ts: IMDSv2 with one hop, the stack's tags on instances, volumes and
 * interfaces) and the pulumi-eks ManagedNodeGroup that uses it.
 */
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { nodeLaunchTemplateArgs } from "./launch-template";
import { nodeTrustPolicy, NODE_MANAGED_POLICY_ARNS, type NodeGroupArgs } from "./nodes";

export interface NodeGroupsArgs {
  readonly cluster: eks.Cluster;
  readonly clusterName: string;
  /** Kubernetes minor version of the nodes (the cluster's: EKS picks the matching AMI). */
  readonly kubernetesVersion: string;
  readonly subnetIds: pulumi.Input<string[]>;
  readonly groups: readonly NodeGroupArgs[];
  /** Tags of the instances, volumes and interfaces (the stack's tags). */
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
  /** What the nodes must wait for besides their role (the VPC CNI add-on with its role). */
  readonly after: readonly pulumi.Resource[];
}

/** Declares the node role and the node groups, children of `parent`. */
export function createNodeGroups(
  parent: pulumi.ComponentResource,
  name: string,
  args: NodeGroupsArgs,
  remote: pulumi.ComponentResourceOptions,
): eks.ManagedNodeGroup[] {
  const nodeRole = new aws.iam.Role(
    `${name}-node`,
    {
      description: `Nodes of EKS cluster ${args.clusterName}`,
      assumeRolePolicy: JSON.stringify(nodeTrustPolicy()),
      permissionsBoundary: args.permissionsBoundary,
    },
    { parent },
  );
  const attachments = NODE_MANAGED_POLICY_ARNS.map(
    (policyArn) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-node-${policyArn.split("/").pop()}`,
        { role: nodeRole.name, policyArn },
        { parent },
      ),
  );
  return args.groups.map((group) => {
    const template = new aws.ec2.LaunchTemplate(
      `${name}-${group.name}`,
      nodeLaunchTemplateArgs(group, args.clusterName, args.tags),
      { parent },
    );
    return new eks.ManagedNodeGroup(
      `${name}-${group.name}`,
      {
        cluster: args.cluster,
        nodeRole,
        // A prefix, not a fixed name: changes that replace a node group need a new name.
        nodeGroupNamePrefix: `${group.name}-`,
        subnetIds: args.subnetIds,
        capacityType: group.capacityType,
        instanceTypes: [...group.instanceTypes],
        scalingConfig: {
          minSize: group.minSize,
          desiredSize: group.desiredSize,
          maxSize: group.maxSize,
        },
        // A new template version rolls the group's nodes (EKS replaces them within its
        // update config). With a launch template pulumi-eks no longer defaults the version.
        launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
        version: args.kubernetesVersion,
        labels: { ...group.labels },
        ...(group.taints?.length ? { taints: group.taints.map((t) => ({ ...t })) } : {}),
      },
      // Nodes that boot before the role has its policies cannot join the cluster; pods that
      // start before the VPC CNI has its own role get no network (vpc-cni.ts).
      { ...remote, dependsOn: [...attachments, ...args.after] },
    );
  });
}
