/**
 * The relay's network path (ReceiverRelay): its own security group, and the internal Network
 * Load Balancer in front of notification-controller's webhook port, whose security group admits
 * the relay's group only (NLB security groups: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html).
 * The pods are registered in the target group by the AWS Load Balancer Controller, from the
 * TargetGroupBinding of the GitOps content, which also opens the pods' port to the load
 * balancer's group (`networking.ingress`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LB_CLUSTER_TAG } from "../cluster";
import { WEBHOOK_SERVICE, type RelayNames } from "./names";

export interface WebhookLoadBalancerArgs {
  readonly environment: string;
  readonly names: RelayNames;
  readonly vpcId: pulumi.Input<string>;
  /** The cluster whose load balancer controller registers the pods (TargetGroupBinding). */
  readonly clusterName: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: pulumi.Input<string[]>;
}

export interface WebhookLoadBalancer {
  readonly relaySg: aws.ec2.SecurityGroup;
  readonly lbSg: aws.ec2.SecurityGroup;
  readonly lb: aws.lb.LoadBalancer;
  readonly targetGroup: aws.lb.TargetGroup;
}

export function webhookLoadBalancer(
  parent: pulumi.Resource,
  name: string,
  args: WebhookLoadBalancerArgs,
): WebhookLoadBalancer {
  const names = args.names;
  const relaySg = new aws.ec2.SecurityGroup(
    `${name}-function`,
    { vpcId: args.vpcId, description: `Flux receiver relay of ${args.environment} (Lambda)` },
    { parent },
  );
  const lbSg = new aws.ec2.SecurityGroup(
    `${name}-load-balancer`,
    { vpcId: args.vpcId, description: `Flux webhook receiver of ${args.environment}: relay only` },
    { parent },
  );
  // Separate rules: the two groups refer to each other.
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-lb-from-relay`,
    {
      securityGroupId: lbSg.id,
      referencedSecurityGroupId: relaySg.id,
      ipProtocol: "tcp",
      fromPort: WEBHOOK_SERVICE.port,
      toPort: WEBHOOK_SERVICE.port,
      description: "The relay Lambda only",
    },
    { parent },
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-lb-to-pods`,
    {
      securityGroupId: lbSg.id,
      cidrIpv4: args.vpcCidr,
      ipProtocol: "tcp",
      fromPort: WEBHOOK_SERVICE.targetPort,
      toPort: WEBHOOK_SERVICE.targetPort,
      description: "notification-controller's webhook port (pod IPs)",
    },
    { parent },
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-relay-to-lb`,
    {
      securityGroupId: relaySg.id,
      referencedSecurityGroupId: lbSg.id,
      ipProtocol: "tcp",
      fromPort: WEBHOOK_SERVICE.port,
      toPort: WEBHOOK_SERVICE.port,
      description: "The internal load balancer",
    },
    { parent },
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-relay-to-aws`,
    {
      securityGroupId: relaySg.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "SSM Parameter Store (HTTPS, through the NAT gateway)",
    },
    { parent },
  );

  const lb = new aws.lb.LoadBalancer(
    `${name}-nlb`,
    {
      name: names.loadBalancer,
      internal: true,
      loadBalancerType: "network",
      subnets: args.privateSubnetIds,
      securityGroups: [lbSg.id],
      // notification-controller runs one pod, in one zone: every zone's node must reach it.
      enableCrossZoneLoadBalancing: true,
    },
    { parent },
  );
  const targetGroup = new aws.lb.TargetGroup(
    `${name}-targets`,
    {
      name: names.targetGroup,
      targetType: "ip",
      protocol: "TCP",
      port: WEBHOOK_SERVICE.targetPort,
      vpcId: args.vpcId,
      healthCheck: { protocol: "TCP" },
      // Seconds a deregistered pod keeps its connections (default 300): a webhook call is short.
      deregistrationDelay: 15,
      // The controller registers the webhook pods (TargetGroupBinding) only in target groups of
      // its own cluster (components/cluster/lb-controller-policy.ts).
      tags: { [LB_CLUSTER_TAG]: args.clusterName },
    },
    { parent },
  );
  new aws.lb.Listener(
    `${name}-listener`,
    {
      loadBalancerArn: lb.arn,
      port: WEBHOOK_SERVICE.port,
      protocol: "TCP",
      defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
    },
    { parent },
  );

  return { relaySg, lbSg, lb, targetGroup };
}
