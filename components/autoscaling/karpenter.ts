/**
 * What Karpenter needs from AWS, for one cluster: the controller's IRSA role (controller-policy.ts),
 * the node role with its instance profile and an EKS access entry (EC2_LINUX) so the nodes it
 * launches can join, the SQS interruption queue with its EventBridge rules (interruption.ts), and
 * the discovery tag on the EKS cluster security group (the private subnets get theirs from the
 * network). Karpenter itself (chart, NodePools) comes from GitOps; `teardown` lists what its
 * controller needs until the last node it launched is gone (see nodepools.ts).
 * https://karpenter.sh/docs/getting-started/getting-started-with-karpenter/
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicyJson, type OidcProvider } from "../aws";
import { NODE_MANAGED_POLICY_ARNS, nodeTrustPolicy } from "../cluster";
import { karpenterControllerPolicy } from "./controller-policy";
import {
  INTERRUPTION_MESSAGE_RETENTION_SECONDS,
  INTERRUPTION_RULES,
  interruptionQueuePolicy,
} from "./interruption";
import { KARPENTER_DISCOVERY_TAG, KARPENTER_SERVICE_ACCOUNT } from "./versions";

export interface KarpenterArgs {
  /** EKS cluster name (plain: it names the queue and scopes the policy's tag conditions). */
  readonly clusterName: string;
  /**
   * The cluster's name as an output of the cluster: resources that need the cluster to exist
   * (the access entry) take it from here.
   */
  readonly clusterNameOutput: pulumi.Input<string>;
  readonly oidcProvider: OidcProvider;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** The security group EKS created for the cluster; tagged for discovery. */
  readonly clusterSecurityGroupId: pulumi.Input<string>;
  /**
   * Permissions boundary of the node and controller roles (the environment's, when Pulumi
   * Deployments runs the stack: components/deployments/boundary.ts). Default: none.
   */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
}

export class Karpenter extends pulumi.ComponentResource {
  /** IRSA role of kube-system/karpenter (usable once its policy is attached). */
  readonly controllerRoleArn: pulumi.Output<string>;
  /** Instance profile the EC2NodeClass names. */
  readonly instanceProfileName: pulumi.Output<string>;
  /** SQS queue name (the chart's `settings.interruptionQueue`). */
  readonly queueName: pulumi.Output<string>;
  /** What the controller needs while it terminates its nodes; deleted only after them. */
  readonly teardown: readonly pulumi.Resource[];

  constructor(name: string, args: KarpenterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:autoscaling:Karpenter", name, {}, opts);
    const parent = { parent: this };

    const nodeRole = new aws.iam.Role(
      `${name}-node`,
      {
        description: `Nodes Karpenter launches for EKS cluster ${args.clusterName}`,
        assumeRolePolicy: JSON.stringify(nodeTrustPolicy()),
        permissionsBoundary: args.permissionsBoundary,
      },
      parent,
    );
    const attachments = NODE_MANAGED_POLICY_ARNS.map(
      (policyArn) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-node-${policyArn.split("/").pop()}`,
          { role: nodeRole.name, policyArn },
          parent,
        ),
    );
    const profile = new aws.iam.InstanceProfile(`${name}-node`, { role: nodeRole.name }, parent);
    const access = new aws.eks.AccessEntry(
      `${name}-node`,
      { clusterName: args.clusterNameOutput, principalArn: nodeRole.arn, type: "EC2_LINUX" },
      parent,
    );
    const sgTag = new aws.ec2.Tag(
      `${name}-discovery`,
      {
        resourceId: args.clusterSecurityGroupId,
        key: KARPENTER_DISCOVERY_TAG,
        value: args.clusterName,
      },
      // The group is EKS's: it goes with the cluster, and the environment's Deployments role may
      // only add this tag to it, never remove one (components/deployments/environment-services.ts).
      { ...parent, retainOnDelete: true },
    );

    const queue = new aws.sqs.Queue(
      `${name}-interruption`,
      {
        name: `${args.clusterName}-karpenter`,
        messageRetentionSeconds: INTERRUPTION_MESSAGE_RETENTION_SECONDS,
        sqsManagedSseEnabled: true,
      },
      parent,
    );
    const rules = Object.entries(INTERRUPTION_RULES).map(([key, pattern]) => {
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${key}`,
        {
          description: `Karpenter interruption handling (${key}) for ${args.clusterName}`,
          eventPattern: JSON.stringify(pattern),
        },
        parent,
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${key}`,
        { rule: rule.name, arn: queue.arn, targetId: "KarpenterInterruptionQueue" },
        parent,
      );
      return rule;
    });
    const queuePolicy = new aws.sqs.QueuePolicy(
      `${name}-interruption`,
      {
        queueUrl: queue.url,
        policy: pulumi
          .all([queue.arn, ...rules.map((r) => r.arn)])
          .apply(([arn, ...ruleArns]) => JSON.stringify(interruptionQueuePolicy(arn, ruleArns))),
      },
      parent,
    );

    const role = new aws.iam.Role(
      `${name}-controller`,
      {
        description: `IRSA role of the Karpenter controller of ${args.clusterName} (kube-system/karpenter)`,
        assumeRolePolicy: irsaTrustPolicyJson(args.oidcProvider, KARPENTER_SERVICE_ACCOUNT),
        permissionsBoundary: args.permissionsBoundary,
      },
      parent,
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-controller`,
      {
        role: role.name,
        policy: pulumi
          .all([args.accountId, nodeRole.arn, profile.arn, queue.arn])
          .apply(([accountId, nodeRoleArn, instanceProfileArn, queueArn]) =>
            JSON.stringify(
              karpenterControllerPolicy({
                clusterName: args.clusterName,
                region: args.region,
                accountId,
                nodeRoleArn,
                instanceProfileArn,
                queueArn,
              }),
            ),
          ),
      },
      parent,
    );

    // Handed to the chart through cluster-info: not before the role may act.
    this.controllerRoleArn = pulumi.all([role.arn, policy.id]).apply(([arn]) => arn);
    // Nodes that boot before their role has its policies, or before the access entry, cannot join.
    this.instanceProfileName = pulumi
      .all([profile.name, access.accessEntryArn, ...attachments.map((a) => a.id)])
      .apply(([profileName]) => profileName);
    this.queueName = pulumi.all([queue.name, queuePolicy.id]).apply(([queueName]) => queueName);
    this.teardown = [role, policy, nodeRole, ...attachments, profile, access, sgTag, queue];
    this.registerOutputs({
      controllerRoleArn: this.controllerRoleArn,
      instanceProfileName: this.instanceProfileName,
      queueName: this.queueName,
    });
  }
}
