import * as assert from "node:assert/strict";
import { karpenterControllerPolicy } from "../../../components/autoscaling/controller-policy";
import { KARPENTER_SERVICE_ACCOUNT } from "../../../components/autoscaling/versions";
import { irsaTrustPolicy } from "../../../components/aws";
import { tableFailures, trusts, type TableRow } from "../../helpers/iam";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const CLUSTER = "gitops-dev";
const NODE_ROLE = `arn:aws:iam::${ACCOUNT}:role/gitops-dev-karpenter-node-1a2b3c4`;
const PROFILE = `arn:aws:iam::${ACCOUNT}:instance-profile/gitops-dev-karpenter-node-5d6e7f8`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:gitops-dev-karpenter`;
const ec2 = (r: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${r}`;
const INSTANCE = ec2("instance/i-0123456789abcdef0");

const policy = JSON.parse(
  JSON.stringify(
    karpenterControllerPolicy({
      clusterName: CLUSTER,
      region: REGION,
      accountId: ACCOUNT,
      nodeRoleArn: NODE_ROLE,
      instanceProfileArn: PROFILE,
      queueArn: QUEUE,
    }),
  ),
);

/** The tags Karpenter puts on what it launches for this cluster. */
const LAUNCH_TAGS = {
  [`aws:RequestTag/kubernetes.io/cluster/${CLUSTER}`]: "owned",
  "aws:RequestTag/eks:eks-cluster-name": CLUSTER,
  "aws:RequestTag/karpenter.sh/nodepool": "default",
};
/** The tags an instance it launched carries. */
const OWN_INSTANCE = {
  [`aws:ResourceTag/kubernetes.io/cluster/${CLUSTER}`]: "owned",
  "aws:ResourceTag/karpenter.sh/nodepool": "default",
};

const ROWS: readonly TableRow[] = [
  {
    why: "launches an instance tagged for this cluster and a NodePool",
    action: "ec2:RunInstances",
    resource: INSTANCE,
    context: LAUNCH_TAGS,
    expect: "allow",
  },
  {
    why: "launches in the cluster's subnets (no tag needed on the subnet)",
    action: "ec2:RunInstances",
    resource: ec2("subnet/subnet-0123456789abcdef0"),
    expect: "allow",
  },
  {
    why: "launches from an Amazon AMI (owned by another account)",
    action: "ec2:CreateFleet",
    resource: `arn:aws:ec2:${REGION}::image/ami-0123456789abcdef0`,
    expect: "allow",
  },
  {
    why: "tags what it launches, as part of the launch",
    action: "ec2:CreateTags",
    resource: INSTANCE,
    context: { ...LAUNCH_TAGS, "ec2:CreateAction": "RunInstances" },
    expect: "allow",
  },
  {
    why: "names its own instance afterwards (Name, karpenter.sh/nodeclaim)",
    action: "ec2:CreateTags",
    resource: INSTANCE,
    context: { ...OWN_INSTANCE, "aws:TagKeys": ["Name", "karpenter.sh/nodeclaim"] },
    expect: "allow",
  },
  {
    why: "terminates an instance it launched for this cluster",
    action: "ec2:TerminateInstances",
    resource: INSTANCE,
    context: OWN_INSTANCE,
    expect: "allow",
  },
  {
    why: "passes its node role to EC2",
    action: "iam:PassRole",
    resource: NODE_ROLE,
    context: { "iam:PassedToService": "ec2.amazonaws.com" },
    expect: "allow",
  },
  {
    why: "reads interruption messages",
    action: "sqs:ReceiveMessage",
    resource: QUEUE,
    expect: "allow",
  },
  {
    why: "discovers the API endpoint of its cluster",
    action: "eks:DescribeCluster",
    resource: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`,
    expect: "allow",
  },
  {
    why: "reads its instance profile",
    action: "iam:GetInstanceProfile",
    resource: PROFILE,
    expect: "allow",
  },
  // Denied.
  {
    why: "must not launch an instance without this cluster's tag",
    action: "ec2:RunInstances",
    resource: INSTANCE,
    context: { "aws:RequestTag/karpenter.sh/nodepool": "default" },
    expect: "deny",
  },
  {
    why: "must not launch for another cluster (another environment)",
    action: "ec2:RunInstances",
    resource: INSTANCE,
    context: {
      "aws:RequestTag/kubernetes.io/cluster/gitops-prod": "owned",
      "aws:RequestTag/eks:eks-cluster-name": "gitops-prod",
      "aws:RequestTag/karpenter.sh/nodepool": "default",
    },
    expect: "deny",
  },
  {
    why: "must not terminate an instance it did not launch (no NodePool tag)",
    action: "ec2:TerminateInstances",
    resource: INSTANCE,
    context: { [`aws:ResourceTag/kubernetes.io/cluster/${CLUSTER}`]: "owned" },
    expect: "deny",
  },
  {
    why: "must not terminate another cluster's nodes",
    action: "ec2:TerminateInstances",
    resource: INSTANCE,
    context: {
      "aws:ResourceTag/kubernetes.io/cluster/gitops-prod": "owned",
      "aws:ResourceTag/karpenter.sh/nodepool": "default",
    },
    expect: "deny",
  },
  {
    why: "must not terminate in another account",
    action: "ec2:TerminateInstances",
    resource: INSTANCE.replace(ACCOUNT, "210987654321"),
    context: OWN_INSTANCE,
    expect: "deny",
  },
  {
    why: "must not adopt an instance by tagging it with this cluster's tag",
    action: "ec2:CreateTags",
    resource: INSTANCE,
    context: {
      "aws:RequestTag/karpenter.sh/nodepool": "default",
      "aws:TagKeys": ["karpenter.sh/nodepool"],
    },
    expect: "deny",
  },
  {
    why: "must not change its own instances' cluster tags (only Name, nodeclaim, cluster name)",
    action: "ec2:CreateTags",
    resource: INSTANCE,
    context: { ...OWN_INSTANCE, "aws:TagKeys": ["karpenter.sh/nodepool"] },
    expect: "deny",
  },
  {
    why: "must not pass any other role (escalation)",
    action: "iam:PassRole",
    resource: `arn:aws:iam::${ACCOUNT}:role/admin`,
    context: { "iam:PassedToService": "ec2.amazonaws.com" },
    expect: "deny",
  },
  {
    why: "must not pass its node role to another service",
    action: "iam:PassRole",
    resource: NODE_ROLE,
    context: { "iam:PassedToService": "lambda.amazonaws.com" },
    expect: "deny",
  },
  {
    why: "makes no instance profiles (Pulumi does)",
    action: "iam:CreateInstanceProfile",
    resource: `arn:aws:iam::${ACCOUNT}:instance-profile/anything`,
    expect: "deny",
  },
  {
    why: "must not put another role into an instance profile",
    action: "iam:AddRoleToInstanceProfile",
    resource: PROFILE,
    expect: "deny",
  },
  {
    why: "no static credentials",
    action: "iam:CreateAccessKey",
    resource: `arn:aws:iam::${ACCOUNT}:user/ops`,
    expect: "deny",
  },
  {
    why: "must not read another queue",
    action: "sqs:ReceiveMessage",
    resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:gitops-prod-karpenter`,
    expect: "deny",
  },
  {
    why: "must not describe another cluster",
    action: "eks:DescribeCluster",
    resource: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/gitops-prod`,
    expect: "deny",
  },
  {
    why: "reads only its own region",
    action: "ec2:DescribeInstances",
    resource: "*",
    context: { "aws:RequestedRegion": "eu-west-1" },
    expect: "deny",
  },
];

describe("components/autoscaling: the Karpenter controller's IAM (allow/deny table)", () => {
  it("launches and terminates only what it tagged for this cluster, passes only its node role", () => {
    assert.deepEqual(tableFailures(ROWS, [policy]), []);
  });

  it("is assumable only by kube-system/karpenter of this cluster (IRSA)", () => {
    const host = "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;
    const trust = irsaTrustPolicy(provider, `https://${host}`, KARPENTER_SERVICE_ACCOUNT);
    const assume = (sub: string) => ({
      action: "sts:AssumeRoleWithWebIdentity",
      resource: "*",
      context: { [`${host}:sub`]: sub, [`${host}:aud`]: "sts.amazonaws.com" },
    });
    const who = { type: "Federated" as const, id: provider };
    assert.equal(trusts(trust, who, assume("system:serviceaccount:kube-system:karpenter")), true);
    assert.equal(trusts(trust, who, assume("system:serviceaccount:default:karpenter")), false);
    assert.equal(
      trusts(trust, { type: "Federated", id: provider.replace("0123", "9999") }, assume("x")),
      false,
    );
  });
});
