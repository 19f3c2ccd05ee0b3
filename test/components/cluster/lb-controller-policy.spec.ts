import * as assert from "node:assert/strict";
import {
  LB_CONTROLLER_SERVICE_ACCOUNT,
  lbControllerPolicy,
  lbControllerPolicyJson,
} from "../../../components/cluster/lb-controller-policy";
import type { PolicyDocument } from "../../../components/aws";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { documentProblems } from "../../helpers/iam-reference";

/** dev's controller, and what prod's controller and EKS created in the same account. */
const DEV = { clusterName: "gitops-dev", appsLoadBalancerName: "gitops-dev-apps" };
const policy = JSON.parse(lbControllerPolicyJson(DEV)) as PolicyDocument;

const ELB = "arn:aws:elasticloadbalancing:us-east-1:123456789012";
const alb = (lb: string) => `${ELB}:loadbalancer/app/${lb}/50dc6c495c0c9188`;
const listener = (lb: string) => `${ELB}:listener/app/${lb}/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const rule = (lb: string) =>
  `${listener(lb)}/9683b2d02a6cabee`.replace(":listener/", ":listener-rule/");
const targetGroup = (name: string) => `${ELB}:targetgroup/${name}/73e2d6bc24d8a067`;
const SG = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0";
const clusterTag = (cluster: string) => ({ "aws:ResourceTag/elbv2.k8s.aws/cluster": cluster });
const requestTag = (cluster: string) => ({ "aws:RequestTag/elbv2.k8s.aws/cluster": cluster });
const ours = clusterTag("gitops-dev");
const prods = clusterTag("gitops-prod");

const allow = (why: string, action: string, resource: string, context = {}): TableRow => ({
  why,
  action,
  resource,
  context,
  expect: "allow",
});
const deny = (why: string, action: string, resource: string, context = {}): TableRow => ({
  why,
  action,
  resource,
  context,
  expect: "deny",
});

const ROWS: readonly TableRow[] = [
  allow(
    "creates its ALB tagged for dev",
    "elasticloadbalancing:CreateLoadBalancer",
    alb("gitops-dev-apps"),
    requestTag("gitops-dev"),
  ),
  allow("tags it while creating it", "elasticloadbalancing:AddTags", alb("gitops-dev-apps"), {
    ...requestTag("gitops-dev"),
    "elasticloadbalancing:CreateAction": "CreateLoadBalancer",
  }),
  allow(
    "creates a listener on its ALB",
    "elasticloadbalancing:CreateListener",
    alb("gitops-dev-apps"),
    ours,
  ),
  allow(
    "tags a new listener for dev",
    "elasticloadbalancing:AddTags",
    listener("gitops-dev-apps"),
    requestTag("gitops-dev"),
  ),
  allow(
    "modifies its listener",
    "elasticloadbalancing:ModifyListener",
    listener("gitops-dev-apps"),
    ours,
  ),
  allow(
    "adds a rule to its listener",
    "elasticloadbalancing:CreateRule",
    listener("gitops-dev-apps"),
    ours,
  ),
  allow("modifies its rule", "elasticloadbalancing:ModifyRule", rule("gitops-dev-apps"), ours),
  allow(
    "reorders the rules of its ALB",
    "elasticloadbalancing:SetRulePriorities",
    rule("gitops-dev-apps"),
  ),
  allow(
    "registers pods in its target group",
    "elasticloadbalancing:RegisterTargets",
    targetGroup("k8s-dev-tg"),
    ours,
  ),
  allow("deletes its ALB", "elasticloadbalancing:DeleteLoadBalancer", alb("gitops-dev-apps"), ours),
  allow(
    "changes its own tags, the cluster tag aside",
    "elasticloadbalancing:AddTags",
    alb("gitops-dev-apps"),
    {
      ...ours,
      "aws:RequestTag/gitops-platform:stack": "dev",
    },
  ),
  allow(
    "creates its security group tagged for dev",
    "ec2:CreateSecurityGroup",
    SG,
    requestTag("gitops-dev"),
  ),
  allow("in the VPC", "ec2:CreateSecurityGroup", "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc"),
  allow("tags it while creating it", "ec2:CreateTags", SG, {
    ...requestTag("gitops-dev"),
    "ec2:CreateAction": "CreateSecurityGroup",
  }),
  allow("opens its own group", "ec2:AuthorizeSecurityGroupIngress", SG, ours),
  allow(
    "lets its ALB reach dev's nodes (EKS's cluster security group)",
    "ec2:AuthorizeSecurityGroupIngress",
    SG,
    {
      "aws:ResourceTag/kubernetes.io/cluster/gitops-dev": "owned",
    },
  ),
  allow("and closes that again", "ec2:RevokeSecurityGroupIngress", SG, {
    "aws:ResourceTag/kubernetes.io/cluster/gitops-dev": "owned",
  }),
  allow("deletes its own group", "ec2:DeleteSecurityGroup", SG, ours),
  // Prod's load balancing, as dev's controller sees it: hands off.
  deny(
    "prod's ALB is not dev's to delete",
    "elasticloadbalancing:DeleteLoadBalancer",
    alb("gitops-prod-apps"),
    prods,
  ),
  deny("nor to change", "elasticloadbalancing:SetSecurityGroups", alb("gitops-prod-apps"), prods),
  deny(
    "no listener on prod's ALB",
    "elasticloadbalancing:CreateListener",
    alb("gitops-prod-apps"),
    prods,
  ),
  deny(
    "prod's listener stays",
    "elasticloadbalancing:ModifyListener",
    listener("gitops-prod-apps"),
    prods,
  ),
  deny(
    "prod's listener is not deleted",
    "elasticloadbalancing:DeleteListener",
    listener("gitops-prod-apps"),
    prods,
  ),
  deny(
    "nor its certificates changed",
    "elasticloadbalancing:RemoveListenerCertificates",
    listener("gitops-prod-apps"),
    prods,
  ),
  deny(
    "no rule on prod's listener",
    "elasticloadbalancing:CreateRule",
    listener("gitops-prod-apps"),
    prods,
  ),
  deny("prod's rules stay", "elasticloadbalancing:ModifyRule", rule("gitops-prod-apps"), prods),
  deny("and are not deleted", "elasticloadbalancing:DeleteRule", rule("gitops-prod-apps"), prods),
  deny("nor reordered", "elasticloadbalancing:SetRulePriorities", rule("gitops-prod-apps")),
  deny(
    "prod's target group stays",
    "elasticloadbalancing:ModifyTargetGroup",
    targetGroup("k8s-prod-tg"),
    prods,
  ),
  deny(
    "and gets no foreign targets",
    "elasticloadbalancing:RegisterTargets",
    targetGroup("k8s-prod-tg"),
    prods,
  ),
  deny(
    "nor loses its own",
    "elasticloadbalancing:DeregisterTargets",
    targetGroup("k8s-prod-tg"),
    prods,
  ),
  deny(
    "prod's listener cannot be retagged into dev's",
    "elasticloadbalancing:AddTags",
    listener("gitops-prod-apps"),
    {
      ...prods,
      ...requestTag("gitops-dev"),
    },
  ),
  deny("nor prod's ALB", "elasticloadbalancing:AddTags", alb("gitops-prod-apps"), {
    ...prods,
    ...requestTag("gitops-dev"),
  }),
  deny("nor its own cluster tag moved", "elasticloadbalancing:AddTags", alb("gitops-dev-apps"), {
    ...ours,
    ...requestTag("gitops-prod"),
  }),
  deny("prod's tags stay", "elasticloadbalancing:RemoveTags", listener("gitops-prod-apps"), prods),
  deny(
    "no load balancer tagged for prod",
    "elasticloadbalancing:CreateLoadBalancer",
    alb("x"),
    requestTag("gitops-prod"),
  ),
  deny("none untagged", "elasticloadbalancing:CreateTargetGroup", targetGroup("x")),
  deny("prod's controller's group stays closed", "ec2:AuthorizeSecurityGroupIngress", SG, prods),
  deny("and keeps its rules", "ec2:RevokeSecurityGroupIngress", SG, prods),
  deny("and is not deleted", "ec2:DeleteSecurityGroup", SG, prods),
  deny("prod's nodes' group keeps its rules", "ec2:RevokeSecurityGroupIngress", SG, {
    "aws:ResourceTag/kubernetes.io/cluster/gitops-prod": "owned",
  }),
  deny("and gets none from dev", "ec2:AuthorizeSecurityGroupIngress", SG, {
    "aws:ResourceTag/kubernetes.io/cluster/gitops-prod": "owned",
  }),
  deny("no group of nobody's changed", "ec2:AuthorizeSecurityGroupIngress", SG),
  deny("prod's group cannot be retagged", "ec2:CreateTags", SG, {
    ...prods,
    ...requestTag("gitops-dev"),
  }),
  deny(
    "no security group tagged for prod",
    "ec2:CreateSecurityGroup",
    SG,
    requestTag("gitops-prod"),
  ),
  deny("no WAF changes (cannot be confined)", "wafv2:DisassociateWebACL", alb("gitops-prod-apps")),
  deny("no Shield changes", "shield:DeleteProtection", "arn:aws:shield::123456789012:protection/x"),
  deny("no role passing", "iam:PassRole", "arn:aws:iam::123456789012:role/admin"),
  deny("no static credentials", "iam:CreateAccessKey", "arn:aws:iam::123456789012:user/ops"),
  deny("no other service-linked role", "iam:CreateServiceLinkedRole", "*", {
    "iam:AWSServiceName": "eks.amazonaws.com",
  }),
];

describe("components/cluster: the AWS Load Balancer Controller's IAM (allow/deny table)", () => {
  it("manages dev's load balancers and nothing of prod's", () => {
    assert.deepEqual(tableFailures(ROWS, [policy]), []);
  });

  it("names only actions IAM knows, with condition keys they support", async () => {
    assert.deepEqual(await documentProblems(policy, "lb-controller"), []);
  });

  it("conditions every write on this cluster, but the SetRulePriorities on its ALB's rules", () => {
    const writes = policy.Statement.filter(
      (s) =>
        s.Sid !== "Describe" && s.Sid !== "Certificates" && s.Sid !== "CreateSecurityGroupInAnyVpc",
    );
    for (const s of writes) {
      const text = JSON.stringify(s.Condition ?? s.Resource);
      assert.ok(
        /gitops-dev|elasticloadbalancing\.amazonaws\.com/.test(text),
        `${s.Sid} names the cluster or its ALB`,
      );
    }
    // The one statement without a condition: resource-scoped to the ALB by name.
    assert.deepEqual(
      policy.Statement.filter((s) => s.Condition === undefined).map((s) => s.Sid),
      ["Describe", "Certificates", "CreateSecurityGroupInAnyVpc", "RulePrioritiesOfOurAlb"],
    );
  });

  it("fits an inline role policy and uses no WAF or Shield action", () => {
    // IAM limit for inline role policies: 10,240 characters.
    assert.ok(lbControllerPolicyJson(DEV).length < 10240);
    const services = new Set(
      policy.Statement.flatMap((s) => [s.Action ?? []].flat().map((a) => a.split(":")[0])),
    );
    assert.deepEqual([...services].sort(), [
      "acm",
      "cognito-idp",
      "ec2",
      "elasticloadbalancing",
      "iam",
    ]);
    assert.deepEqual(lbControllerPolicy(DEV), policy);
  });

  it("is for kube-system/aws-load-balancer-controller", () => {
    assert.deepEqual(LB_CONTROLLER_SERVICE_ACCOUNT, {
      namespace: "kube-system",
      name: "aws-load-balancer-controller",
    });
  });
});
