/**
 * Calls of the receivers' relay's types (components/receivers/load-balancer.ts): its internal
 * Network Load Balancer, target group and listener (Elastic Load Balancing v2), and the security
 * group rules of the `aws.vpc` resources (one rule each, tagged like the rest).
 */
import { created } from "./delivery";
import { arns, on, physicalName, type Call, type CallsOf, type Target } from "./types";

/** A create whose tags Elastic Load Balancing authorizes as AddTags with the create action. */
function elbCreate(t: Target, arn: string, action: string): Call[] {
  return [
    ...created(t, arn, `elasticloadbalancing:${action}`),
    {
      phase: "create",
      action: "elasticloadbalancing:AddTags",
      resource: arn,
      requestTags: t.tags,
      context: { "elasticloadbalancing:CreateAction": action },
    },
  ];
}

export const LOAD_BALANCING_CALLS: Readonly<Record<string, CallsOf>> = {
  "aws:lb/loadBalancer:LoadBalancer": (t, s) => {
    const arn = arns(s).regional(
      "elasticloadbalancing",
      `loadbalancer/net/${physicalName(t)}/0123456789abcdef`,
    );
    return [
      ...elbCreate(t, arn, "CreateLoadBalancer"),
      ...on(arn, t.tags, [
        ["update", "elasticloadbalancing:ModifyLoadBalancerAttributes"],
        ["update", "elasticloadbalancing:SetSecurityGroups"],
        ["tag", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        ["delete", "elasticloadbalancing:DeleteLoadBalancer"],
      ]),
      ...on("*", undefined, [
        [
          "read",
          "elasticloadbalancing:DescribeLoadBalancers",
          "elasticloadbalancing:DescribeLoadBalancerAttributes",
          "elasticloadbalancing:DescribeTags",
        ],
      ]),
    ];
  },
  "aws:lb/targetGroup:TargetGroup": (t, s) => {
    const arn = arns(s).regional(
      "elasticloadbalancing",
      `targetgroup/${physicalName(t)}/0123456789abcdef`,
    );
    return [
      ...elbCreate(t, arn, "CreateTargetGroup"),
      ...on(arn, t.tags, [
        [
          "update",
          "elasticloadbalancing:ModifyTargetGroup",
          "elasticloadbalancing:ModifyTargetGroupAttributes",
        ],
        ["tag", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        ["delete", "elasticloadbalancing:DeleteTargetGroup"],
      ]),
      ...on("*", undefined, [
        [
          "read",
          "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTargetGroupAttributes",
        ],
      ]),
    ];
  },
  "aws:lb/listener:Listener": (t, s) => {
    const lb = s.targets.find((x) => x.type === "aws:lb/loadBalancer:LoadBalancer");
    const lbArn = arns(s).regional(
      "elasticloadbalancing",
      `loadbalancer/net/${lb ? physicalName(lb) : "lb"}/0123456789abcdef`,
    );
    const arn = arns(s).regional(
      "elasticloadbalancing",
      `listener/net/${lb ? physicalName(lb) : "lb"}/0123456789abcdef/fedcba9876543210`,
    );
    return [
      // Authorized on the load balancer it adds to (Service Authorization Reference: its
      // resource types are the load balancers), with the listener's tags in the request.
      {
        phase: "create",
        action: "elasticloadbalancing:CreateListener",
        resource: lbArn,
        resourceTags: lb?.tags,
        requestTags: t.tags,
      },
      {
        phase: "create",
        action: "elasticloadbalancing:AddTags",
        resource: arn,
        requestTags: t.tags,
        context: { "elasticloadbalancing:CreateAction": "CreateListener" },
      },
      ...on(arn, t.tags, [
        ["update", "elasticloadbalancing:ModifyListener"],
        ["tag", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        ["delete", "elasticloadbalancing:DeleteListener"],
      ]),
      ...on("*", undefined, [["read", "elasticloadbalancing:DescribeListeners"]]),
    ];
  },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (t, s) => vpcRule(t, s, "Ingress"),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (t, s) => vpcRule(t, s, "Egress"),
};

function vpcRule(t: Target, s: Parameters<CallsOf>[1], way: "Ingress" | "Egress"): Call[] {
  const sg = arns(s).regional("ec2", `security-group/${String(t.inputs.securityGroupId)}`);
  const rule = arns(s).regional("ec2", "security-group-rule/sgr-new");
  const group = s.targets.find(
    (x) =>
      x.type === "aws:ec2/securityGroup:SecurityGroup" &&
      String(t.inputs.securityGroupId).includes(x.name),
  );
  return [
    ...on(sg, group?.tags ?? s.defaultTags, [
      ["create", `ec2:AuthorizeSecurityGroup${way}`],
      ["delete", `ec2:RevokeSecurityGroup${way}`],
    ]),
    ...created(t, rule, `ec2:AuthorizeSecurityGroup${way}`),
    {
      phase: "create",
      action: "ec2:CreateTags",
      resource: rule,
      requestTags: t.tags,
      context: { "ec2:CreateAction": `AuthorizeSecurityGroup${way}` },
    },
    ...on(rule, t.tags, [
      ["update", "ec2:ModifySecurityGroupRules"],
      ["tag", "ec2:DeleteTags"],
    ]),
    {
      phase: "tag",
      action: "ec2:CreateTags",
      resource: rule,
      requestTags: t.tags,
      resourceTags: t.tags,
    },
    ...on("*", undefined, [["read", "ec2:DescribeSecurityGroupRules"]]),
  ];
}
