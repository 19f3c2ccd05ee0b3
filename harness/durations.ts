/**
 * Typical creation times per resource type, for the cold `pulumi up` estimate (critical-path.ts).
 *
 * A figure is how long a create typically takes until its dependents may start, from public
 * records: AWS documentation and real `terraform apply` logs ("Creation complete after Xs"; the
 * Pulumi AWS provider is bridged from terraform-provider-aws and waits the same way). Provider
 * default timeouts (20 min for a node group, 30 for a cluster) are upper bounds, not typical times,
 * and are not used. A type without a public figure gets `DEFAULT_SECONDS` and the plan lists it as
 * such. Remote components (awsx, eks) are the sum of their own longest chain of children.
 *
 * To refine a figure: time a real `pulumi up` (`pulumi up --json` or the service's timeline) and
 * replace the figure and its source here.
 */

export type DurationBasis =
  /** A public figure, cited in `source`. */
  | "cited"
  /** A remote component: the sum of its longest chain of children, each figure from this table. */
  | "composite"
  /** No public figure found: `DEFAULT_SECONDS`. */
  | "default"
  /** Nothing is created (a provider, a read). */
  | "none";

export interface TypicalDuration {
  readonly seconds: number;
  readonly basis: DurationBasis;
  /** Where the figure comes from, or why there is none. */
  readonly source: string;
  /** Composites: the chain of child types whose figures add up to `seconds`. */
  readonly chain?: readonly string[];
}

/**
 * The figure for a type without a public one: API-call resources (a repository, a project, a rule)
 * complete in seconds; 10 s rounds that up so that an unmeasured type is not estimated as free.
 */
export const DEFAULT_SECONDS = 10;

/** terraform apply of a VPC, EKS cluster, node group and Helm releases, us-east-1, August 2023. */
const DEVSU =
  "terraform apply log, us-east-1, 2023 (ignvb/devsu-devops-assessment IaC/Apply_output.md @f669acc)";

const cited = (seconds: number, source: string): TypicalDuration => ({
  seconds,
  basis: "cited",
  source,
});
const unmeasured = (why: string): TypicalDuration => ({
  seconds: DEFAULT_SECONDS,
  basis: "default",
  source: `no public figure found (${why})`,
});

/** Custom resource types, by Pulumi type token. */
export const TYPICAL_CREATE: Readonly<Record<string, TypicalDuration>> = {
  "aws:eks/cluster:Cluster": cited(
    630,
    "EKS control plane: AWS's CreateCluster reference said 'typically takes between 10 and 15 " +
      "minutes' (today 'several minutes', https://docs.aws.amazon.com/eks/latest/APIReference/" +
      "API_CreateCluster.html); AWS reported a 9-minute average in 2021 (aws/containers-roadmap" +
      "#1227); terraform logs: 10m6s (terraform-aws-modules/terraform-aws-eks#3218), 10m44s (" +
      `${DEVSU}); 10.5 min, between the two logs`,
  ),
  "aws:eks/nodeGroup:NodeGroup": cited(
    170,
    "aws_eks_node_group 'Creation complete after 2m50s' (umotif-public/terraform-aws-eks-node-" +
      `group#7); 1m20s in ${DEVSU}; 3m36s for eksctl's node group stack (eksctl-io/eksctl#482): ` +
      "the middle one",
  ),
  "aws:eks/addon:Addon": cited(
    30,
    "a DaemonSet add-on (VPC CNI) created before any node: terraform-aws-eks waits 30 s for it " +
      "before node groups start, 'enough time to provision' (terraform-aws-modules/terraform-aws-" +
      "eks#2478, dataplane_wait_duration default 30s)",
  ),
  "aws:eks/accessEntry:AccessEntry": unmeasured("CreateAccessEntry, one EKS API call"),
  "aws:iam/role:Role": cited(
    2,
    `aws_iam_role 2s (${DEVSU}); IAM is eventually consistent, dependents retry for up to 2 min ` +
      "(terraform-provider-aws internal/service/iam/wait.go propagationTimeout), usually seconds",
  ),
  "aws:iam/rolePolicy:RolePolicy": cited(1, `one IAM call, as aws_iam_policy 1s (${DEVSU})`),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": cited(
    1,
    `aws_iam_role_policy_attachment 0-1s (${DEVSU})`,
  ),
  "aws:iam/policy:Policy": cited(1, `aws_iam_policy 1-2s (${DEVSU})`),
  "aws:iam/user:User": cited(1, `aws_iam_user 1s (${DEVSU})`),
  "aws:iam/userPolicy:UserPolicy": cited(1, `one IAM call, as aws_iam_policy 1s (${DEVSU})`),
  "aws:iam/serviceSpecificCredential:ServiceSpecificCredential": cited(
    1,
    `an IAM credential, as aws_iam_access_key 1s (${DEVSU})`,
  ),
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": cited(
    1,
    `aws_iam_openid_connect_provider 1s (${DEVSU})`,
  ),
  "aws:kms/key:Key": cited(20, `aws_kms_key 20s (${DEVSU})`),
  "aws:cloudwatch/logGroup:LogGroup": cited(2, `aws_cloudwatch_log_group 2s (${DEVSU})`),
  "aws:ec2/vpc:Vpc": cited(14, `aws_vpc 14s (${DEVSU})`),
  "aws:ec2/subnet:Subnet": cited(1, `aws_subnet 1-2s (${DEVSU})`),
  "aws:ec2/eip:Eip": cited(1, `aws_eip 1s (${DEVSU})`),
  "aws:ec2/natGateway:NatGateway": cited(
    107,
    `aws_nat_gateway 1m47s (${DEVSU}); the gateway is usable once 'available'`,
  ),
  "aws:ec2/route:Route": cited(2, `aws_route to the NAT gateway 2s (${DEVSU})`),
  "aws:ec2/securityGroup:SecurityGroup": cited(3, `aws_security_group 3s (${DEVSU})`),
  "aws:ec2/flowLog:FlowLog": unmeasured("CreateFlowLogs, one EC2 API call"),
  "kubernetes:helm.sh/v3:Release": cited(
    105,
    `helm_release with wait: 48s, 1m42s, 1m45s (${DEVSU}); the slowest, as the Flux chart ` +
      "pulls seven images and runs a pre-install check",
  ),
  "kubernetes:core/v1:Namespace": cited(3, `kubernetes_namespace 3s (${DEVSU})`),
  "aws:codecommit/repository:Repository": unmeasured("CreateRepository, one API call"),
  "aws:ecr/repository:Repository": unmeasured("CreateRepository, one API call"),
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": unmeasured("one ECR API call"),
  "aws:ecr/repositoryPolicy:RepositoryPolicy": unmeasured("one ECR API call"),
  "aws:codebuild/project:Project": unmeasured(
    "CreateProject; the provider retries while the service role propagates",
  ),
  "aws:codepipeline/pipeline:Pipeline": unmeasured(
    "CreatePipeline; the first execution starts at creation and is not waited for",
  ),
  "aws:lambda/function:Function": unmeasured(
    "ready when its State is Active; a VPC function waits for its network interfaces, " +
      "https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html",
  ),
  "aws:dynamodb/table:Table": unmeasured(
    "CreateTable is asynchronous, ready at TableStatus ACTIVE, " +
      "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html",
  ),
};

/**
 * Remote components, by type token: the chain of child types that bounds their outputs. Their
 * children are not visible to the mocks; the chains are read from the pinned sources.
 */
export const REMOTE_CHAINS: Readonly<Record<string, { chain: string[]; source: string }>> = {
  "awsx:ec2:Vpc": {
    // Gateways of several AZs are created in parallel; the EIP is created beside the subnet.
    chain: [
      "aws:ec2/vpc:Vpc",
      "aws:ec2/subnet:Subnet",
      "aws:ec2/natGateway:NatGateway",
      "aws:ec2/route:Route",
    ],
    source:
      "pulumi/pulumi-awsx awsx/ec2/vpc.ts: VPC, public subnet, NAT gateway in it, private route " +
      "to it; its outputs (vpcId, subnet IDs) resolve only when all are done",
  },
  "eks:index:Cluster": {
    chain: [
      "aws:iam/role:Role",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      "aws:eks/cluster:Cluster",
      "aws:eks/accessEntry:AccessEntry",
      "aws:eks/addon:Addon",
    ],
    source:
      "pulumi/pulumi-eks v4.3.0 nodejs/eks/cluster/cluster.ts: service role, the cluster, access " +
      "entries, then the VPC CNI add-on (it depends on them); kube-proxy add-on and OIDC provider " +
      "in parallel; no CoreDNS add-on without a default node group",
  },
  "eks:index:ManagedNodeGroup": {
    chain: ["aws:eks/nodeGroup:NodeGroup"],
    source:
      "pulumi/pulumi-eks v4.3.0 nodejs/eks/nodes/nodegroup.ts: one aws.eks.NodeGroup (no launch " +
      "template for these args)",
  },
};

/** Kubernetes objects applied through the API server, other than those listed above. */
const KUBERNETES_OBJECT = cited(
  1,
  `kubernetes_service_account 1s, kubernetes_secret 0s (${DEVSU})`,
);

/** The typical creation time of a resource of `type`. */
/** Dynamic resources whose create records their inputs and calls nothing. */
const TEARDOWN_ONLY = new Set([
  "pulumi-nodejs:dynamic/teardown:FluxTeardown",
  "pulumi-nodejs:dynamic/teardown:VpcDrain",
]);

export function typicalCreate(type: string, read = false): TypicalDuration {
  if (read) return { seconds: 0, basis: "none", source: "read, not created" };
  if (type.startsWith("pulumi:providers:"))
    return { seconds: 0, basis: "none", source: "a provider: configured, nothing is created" };
  if (TEARDOWN_ONLY.has(type))
    return {
      seconds: 0,
      basis: "none",
      source: "acts on destroy only: its create stores its inputs (components/teardown)",
    };
  const remote = REMOTE_CHAINS[type];
  if (remote) {
    const seconds = remote.chain.reduce((sum, t) => sum + typicalCreate(t).seconds, 0);
    return { seconds, basis: "composite", source: remote.source, chain: remote.chain };
  }
  const listed = TYPICAL_CREATE[type];
  if (listed) return listed;
  if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/"))
    return KUBERNETES_OBJECT;
  return unmeasured("type not in harness/durations.ts");
}

/** The types behind `type`'s figure that have no public figure (itself, or in its chain). */
export function defaultedTypes(type: string, read = false): string[] {
  const d = typicalCreate(type, read);
  if (d.basis === "default") return [type];
  return (d.chain ?? []).filter((t) => typicalCreate(t).basis === "default");
}
