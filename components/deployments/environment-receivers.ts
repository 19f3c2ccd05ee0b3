/**
 * The identity policy part of an environment's Deployments role for the receivers' relay
 * (components/receivers): its Lambda function and role (passed only to Lambda) and its token in
 * SSM, by name; its internal Network Load Balancer, target group and listener, created with the
 * stack tag and changed only while they carry it; the tags of its security group rules. A part of its own: each managed policy holds
 * at most 6,144 characters.
 */
import { allow, type PolicyDocument } from "../aws";
import { relayNames } from "../receivers";
import { LAMBDA_ACTIONS } from "./delivery-feedback-policy";
import { tagIs, type EnvironmentScope } from "./environment-policy";
import { SSM_KEY_ACTIONS } from "./environment-services";

/** Elastic Load Balancing creates (authorized with the request's tags). */
export const ELB_CREATE_ACTIONS = [
  "elasticloadbalancing:CreateLoadBalancer",
  "elasticloadbalancing:CreateTargetGroup",
] as const;

/** Elastic Load Balancing calls on the environment's load balancers, target groups, listeners. */
export const ELB_OWNED_ACTIONS = [
  "elasticloadbalancing:ModifyLoadBalancerAttributes",
  "elasticloadbalancing:SetSecurityGroups",
  "elasticloadbalancing:SetSubnets",
  "elasticloadbalancing:DeleteLoadBalancer",
  "elasticloadbalancing:ModifyTargetGroup",
  "elasticloadbalancing:ModifyTargetGroupAttributes",
  "elasticloadbalancing:DeleteTargetGroup",
  "elasticloadbalancing:ModifyListener",
  "elasticloadbalancing:DeleteListener",
  "elasticloadbalancing:AddTags",
  "elasticloadbalancing:RemoveTags",
  // Authorized on the load balancer it adds to, with the listener's tags in the request.
  "elasticloadbalancing:CreateListener",
] as const;

export function environmentReceiversPolicy(scope: EnvironmentScope): PolicyDocument {
  const { partition: p, accountId: a, environment: env } = scope;
  const arn = (service: string, resource: string) => `arn:${p}:${service}:*:${a}:${resource}`;
  const relay = relayNames(scope.namePrefix);
  const elb = [
    arn("elasticloadbalancing", "loadbalancer/*"),
    arn("elasticloadbalancing", "targetgroup/*"),
    arn("elasticloadbalancing", "listener/*"),
  ];
  return {
    Version: "2012-10-17",
    Statement: [
      allow(
        "RelayFunction",
        LAMBDA_ACTIONS.filter((x) => !x.includes("FunctionUrl")),
        arn("lambda", `function:${relay.function}`),
      ),
      allow("PassRelayRole", ["iam:PassRole"], `arn:${p}:iam::${a}:role/${relay.role}`, {
        StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" },
      }),
      allow("RelayToken", SSM_KEY_ACTIONS, arn("ssm", `parameter${relay.tokenParameter}`)),
      allow("ElbRead", ["elasticloadbalancing:Describe*"], "*"),
      allow("ElbCreate", ELB_CREATE_ACTIONS, elb, { StringEquals: tagIs("RequestTag", env) }),
      allow("ElbTagOnCreate", ["elasticloadbalancing:AddTags"], elb, {
        StringEquals: tagIs("RequestTag", env),
        Null: { "elasticloadbalancing:CreateAction": "false" },
      }),
      allow("ElbOwned", ELB_OWNED_ACTIONS, elb, { StringEquals: tagIs("ResourceTag", env) }),
      // The `aws.vpc` security group rules carry the stack tag themselves.
      allow("Ec2RuleTags", ["ec2:CreateTags"], arn("ec2", "security-group-rule/*"), {
        StringEquals: tagIs("RequestTag", env),
      }),
      allow("Ec2RuleUntag", ["ec2:DeleteTags"], arn("ec2", "security-group-rule/*"), {
        StringEquals: tagIs("ResourceTag", env),
      }),
    ],
  };
}
