import * as assert from "node:assert/strict";
import {
  VPC_CNI_SERVICE_ACCOUNT,
  vpcCniConfiguration,
  vpcCniPolicy,
} from "../../../components/cluster/vpc-cni";
import { irsaTrustPolicy, type PolicyDocument } from "../../../components/aws";
import type { StackRun } from "../../../harness/run";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { documentProblems } from "../../helpers/iam-reference";
import { named, ofType } from "../../helpers/resources";
import { fixtureRun } from "../../helpers/stacks";

const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const ec2 = (resource: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${resource}`;
const DEV_VPC = ec2("vpc/vpc-0dev0000000000000");
const PROD_VPC = ec2("vpc/vpc-0prod000000000000");
/** dev's CNI, in dev's VPC; prod's interfaces and nodes are in prod's VPC with prod's tag. */
const policy = JSON.parse(
  JSON.stringify(
    vpcCniPolicy({
      clusterName: "gitops-dev",
      region: REGION,
      accountId: ACCOUNT,
      vpcId: "vpc-0dev0000000000000",
    }),
  ),
) as PolicyDocument;

const ENI = ec2("network-interface/eni-0123456789abcdef0");
const INSTANCE = ec2("instance/i-0123456789abcdef0");
const SUBNET = ec2("subnet/subnet-0123456789abcdef0");
const SG = ec2("security-group/sg-0123456789abcdef0");
const inDev = { "ec2:Vpc": DEV_VPC };
const inProd = { "ec2:Vpc": PROD_VPC };
const devTagged = { "aws:ResourceTag/kubernetes.io/cluster/gitops-dev": "owned" };
const prodTagged = { "aws:ResourceTag/kubernetes.io/cluster/gitops-prod": "owned" };

const row = (
  expect: "allow" | "deny",
  why: string,
  action: string,
  resource: string,
  context = {},
): TableRow => ({ why, action, resource, context, expect });

const ROWS: readonly TableRow[] = [
  row("allow", "creates an interface tagged for dev", "ec2:CreateNetworkInterface", ENI, {
    "aws:RequestTag/kubernetes.io/cluster/gitops-dev": "owned",
  }),
  row("allow", "in a subnet of dev's VPC", "ec2:CreateNetworkInterface", SUBNET, inDev),
  row("allow", "with a group of dev's VPC", "ec2:CreateNetworkInterface", SG, inDev),
  row("allow", "tags it while creating it", "ec2:CreateTags", ENI, {
    "ec2:CreateAction": "CreateNetworkInterface",
  }),
  row(
    "allow",
    "tags the interfaces it manages (the primary one too)",
    "ec2:CreateTags",
    ENI,
    devTagged,
  ),
  row("allow", "attaches it to a dev node", "ec2:AttachNetworkInterface", INSTANCE, devTagged),
  row("allow", "the interface being dev's", "ec2:AttachNetworkInterface", ENI, inDev),
  row("allow", "assigns pod addresses", "ec2:AssignPrivateIpAddresses", ENI, inDev),
  row("allow", "releases them", "ec2:UnassignPrivateIpAddresses", ENI, inDev),
  row("allow", "detaches a spare interface", "ec2:DetachNetworkInterface", ENI, inDev),
  row("allow", "from a dev node", "ec2:DetachNetworkInterface", INSTANCE, devTagged),
  row("allow", "deletes a leaked interface", "ec2:DeleteNetworkInterface", ENI, inDev),
  row("allow", "reads in its region", "ec2:DescribeNetworkInterfaces", "*", {
    "aws:RequestedRegion": REGION,
  }),
  // prod's pod network is not dev's.
  row("deny", "no address of prod's interfaces", "ec2:UnassignPrivateIpAddresses", ENI, inProd),
  row("deny", "nor new ones", "ec2:AssignPrivateIpAddresses", ENI, inProd),
  row("deny", "prod's interface stays attached", "ec2:DetachNetworkInterface", ENI, inProd),
  row("deny", "to prod's node", "ec2:DetachNetworkInterface", INSTANCE, prodTagged),
  row("deny", "and is not deleted", "ec2:DeleteNetworkInterface", ENI, inProd),
  row("deny", "nor changed", "ec2:ModifyNetworkInterfaceAttribute", ENI, inProd),
  row(
    "deny",
    "nothing attached to prod's node",
    "ec2:AttachNetworkInterface",
    INSTANCE,
    prodTagged,
  ),
  row("deny", "nor to an untagged instance", "ec2:AttachNetworkInterface", INSTANCE),
  row("deny", "no interface in prod's subnets", "ec2:CreateNetworkInterface", SUBNET, inProd),
  row("deny", "none tagged for prod", "ec2:CreateNetworkInterface", ENI, {
    "aws:RequestTag/kubernetes.io/cluster/gitops-prod": "owned",
  }),
  row("deny", "prod's interfaces cannot be retagged into dev's", "ec2:CreateTags", ENI, {
    ...prodTagged,
    "aws:RequestTag/kubernetes.io/cluster/gitops-dev": "owned",
  }),
  row("deny", "no prod group on an interface", "ec2:ModifyNetworkInterfaceAttribute", SG, inProd),
  row("deny", "no instance changes", "ec2:TerminateInstances", INSTANCE, devTagged),
  row("deny", "no role passing", "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/admin`),
  row("deny", "no static credentials", "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/ops`),
  row("deny", "reads only in its region", "ec2:DescribeInstances", "*", {
    "aws:RequestedRegion": "eu-west-1",
  }),
];

describe("components/cluster: the VPC CNI's own role (allow/deny table)", () => {
  it("manages dev's pod network and none of prod's", () => {
    assert.deepEqual(tableFailures(ROWS, [policy]), []);
  });

  it("names only actions IAM knows, with condition keys they support", async () => {
    assert.deepEqual(await documentProblems(policy, "vpc-cni"), []);
  });

  it("keeps AmazonEKS_CNI_Policy's actions (IPv4), nothing more", () => {
    const actions = new Set(policy.Statement.flatMap((s) => [s.Action ?? []].flat()));
    assert.deepEqual([...actions].sort(), [
      "ec2:AssignPrivateIpAddresses",
      "ec2:AttachNetworkInterface",
      "ec2:CreateNetworkInterface",
      "ec2:CreateTags",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeInstances",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeTags",
      "ec2:DetachNetworkInterface",
      "ec2:ModifyNetworkInterfaceAttribute",
      "ec2:UnassignPrivateIpAddresses",
    ]);
  });

  it("tags every interface it creates with the stack's tags and the cluster tag", () => {
    const config = JSON.parse(
      vpcCniConfiguration("gitops-dev", { "gitops-platform:stack": "dev" }),
    );
    assert.deepEqual(Object.keys(config), ["env"]);
    assert.deepEqual(JSON.parse(config.env.ADDITIONAL_ENI_TAGS), {
      "gitops-platform:stack": "dev",
      "kubernetes.io/cluster/gitops-dev": "owned",
    });
  });
});

describe("components/cluster: the VPC CNI in the environment stacks", () => {
  let run: StackRun;
  before(async () => {
    run = await fixtureRun("dev");
  });

  it("gives kube-system/aws-node an IRSA role scoped to the stack's VPC", () => {
    const role = named(run, "aws:iam/role:Role", "gitops-dev-addons-vpc-cni");
    const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
    const federated = trust.Statement[0].Principal.Federated as string;
    const host = federated.split(":oidc-provider/")[1];
    assert.deepEqual(trust, irsaTrustPolicy(federated, host, VPC_CNI_SERVICE_ACCOUNT));
    const inline = named(run, "aws:iam/rolePolicy:RolePolicy", "gitops-dev-addons-vpc-cni");
    const doc = JSON.parse(inline.inputs.policy as string) as PolicyDocument;
    const vpcId = run.outputs.vpcId as string;
    assert.deepEqual(
      doc,
      vpcCniPolicy({ clusterName: "gitops-dev", region: REGION, accountId: ACCOUNT, vpcId }),
    );
  });

  it("takes AmazonEKS_CNI_Policy off every node role (managed groups and Karpenter's)", () => {
    const attached = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map(
      (a) => a.inputs.policyArn,
    );
    assert.ok(attached.length > 0);
    assert.ok(!attached.includes("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"));
  });
});
