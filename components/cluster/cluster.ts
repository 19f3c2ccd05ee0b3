/**
 * The EKS cluster of an environment: access entries (no aws-auth ConfigMap), an OIDC provider for
 * IRSA, secrets envelope-encrypted with a KMS key of our own, control-plane logs with retention,
 * managed node groups in the private subnets with launch templates of our own (node-groups.ts),
 * the pinned EKS add-ons with the default StorageClass (addons.ts), the IRSA role of the AWS Load
 * Balancer Controller and a Kubernetes provider for the components that follow.
 */
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicyJson } from "../aws";
import { adminAccessEntries, clusterAdminEntry } from "./access";
import { ClusterAddons } from "./addons";
import type { NodeGroupArgs } from "./nodes";
import { createNodeGroups } from "./node-groups";
import { LB_CONTROLLER_SERVICE_ACCOUNT, lbControllerPolicyJson } from "./lb-controller-policy";
import { createClusterRole } from "./service-role";

/** EKS control-plane log types (https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html). */
export const CLUSTER_LOG_TYPES = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
] as const;
export type ClusterLogType = (typeof CLUSTER_LOG_TYPES)[number];

export interface ClusterArgs {
  /** EKS cluster name, 1-100 characters; also names its log group. Changing it replaces the cluster. */
  readonly clusterName: string;
  /**
   * Kubernetes minor version, e.g. `1.35`, one of `EKS_KUBERNETES_VERSIONS` (kubernetes-versions.ts). The control
   * plane costs $0.10/hour (~$73/month) in standard support and $0.60/hour in extended support.
   * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
   */
  readonly kubernetesVersion: string;
  /** VPC of the cluster (from the Network component). */
  readonly vpcId: pulumi.Input<string>;
  /** Subnets of the nodes and of the control plane's network interfaces. */
  readonly privateSubnetIds: pulumi.Input<string[]>;
  /** Subnets for internet-facing load balancers. */
  readonly publicSubnetIds: pulumi.Input<string[]>;
  /**
   * Control-plane log types sent to `/aws/eks/<clusterName>/cluster` (none = logging off).
   * CloudWatch ingestion is about $0.50/GB; `audit` is the largest.
   * https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
   */
  readonly logTypes: readonly ClusterLogType[];
  /** Days CloudWatch keeps control-plane logs; a value CloudWatch Logs accepts. */
  readonly logRetentionDays: number;
  /** Expose the API endpoint on the internet (private access is always on). */
  readonly endpointPublicAccess: boolean;
  /** CIDRs that may reach the public endpoint; ignored when it is off. */
  readonly publicAccessCidrs: readonly string[];
  /**
   * IAM role or user ARNs given `AmazonEKSClusterAdminPolicy` through access entries. The identity
   * that runs `pulumi up` gets admin from EKS itself (cluster creator); do not list it here too,
   * EKS refuses a second access entry for the same principal.
   * https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
   */
  readonly adminPrincipalArns: readonly string[];
  /**
   * Role of this stack's Pulumi Deployments, given cluster-admin through an access entry (key
   * `pulumi-deployments`). Default: none. It must not be the identity that creates the cluster.
   */
  readonly deploymentsRoleArn?: pulumi.Input<string>;
  /**
   * EKS upgrade policy (`upgradePolicy.supportType`): `STANDARD` lets EKS upgrade the cluster when
   * standard support ends; `EXTENDED` keeps the version, at $0.60 instead of $0.10 per cluster-hour.
   */
  readonly supportType: "STANDARD" | "EXTENDED";
  /**
   * Named AWS profile the kubeconfig's `aws eks get-token` uses (pulumi-eks
   * `providerCredentialOpts.profileName`). Default: the environment's credentials.
   */
  readonly awsProfile?: string;
  /**
   * Managed node groups, each in every private subnet. EC2 is billed per instance type; Spot is
   * typically 60-70% cheaper but may be reclaimed with two minutes' notice.
   */
  readonly nodeGroups: readonly NodeGroupArgs[];
  /**
   * The stack's tags (its provider's default tags), also put where default tags do not reach: on
   * the nodes, their volumes and network interfaces, and what the CSI and CNI drivers create.
   */
  readonly tags: Readonly<Record<string, string>>;
  /** Name of the ALB of the cluster's IngressClass: the controller may reorder only its rules. */
  readonly appsLoadBalancerName: string;
  /** Protect the KMS key and the control-plane log group, and turn on EKS deletion protection. */
  readonly protect: boolean;
  /**
   * Permissions boundary of every role the cluster creates: cluster, node and load balancer
   * controller roles (the environment's, when Pulumi Deployments runs the stack:
   * components/deployments/boundary.ts). Default: none.
   */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
}

/** EKS writes control-plane logs to this group; created first so that it has our retention. */
export function controlPlaneLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}

export class Cluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly oidcProviderArn: pulumi.Output<string>;
  /** OIDC issuer URL, with `https://`. */
  readonly oidcProviderUrl: pulumi.Output<string>;
  /** Admin kubeconfig (exec-based: `aws eks get-token`), as a secret JSON string. */
  readonly kubeconfig: pulumi.Output<string>;
  /** IRSA role for kube-system/aws-load-balancer-controller. */
  readonly lbControllerRoleArn: pulumi.Output<string>;
  /** Kubernetes provider on this cluster, with server-side apply. */
  readonly provider: k8s.Provider;
  /** The managed node groups: workloads (the Flux chart) wait for them, nothing orders it otherwise. */
  readonly nodeGroups: readonly eks.ManagedNodeGroup[];
  /** The managed add-ons, the EBS CSI driver's role and the default StorageClass (addons.ts). */
  readonly addons: ClusterAddons;
  /** The security group EKS creates for the cluster (control plane and nodes); Karpenter discovers it. */
  readonly clusterSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:cluster:Cluster", name, {}, opts);
    // eks is a remote component: give it the AWS provider explicitly (see components/network/network.ts).
    const awsProvider = this.getProvider("aws::Provider");
    const remote = { parent: this, providers: awsProvider ? { aws: awsProvider } : undefined };

    const cluster = this.createCluster(name, args, remote);
    // The name is known up front; deriving it from an output of the cluster makes whoever uses it
    // (the GitOps cluster-info, the controller's values) wait until the cluster exists.
    this.clusterName = cluster.kubeconfigJson.apply(() => args.clusterName);
    this.oidcProviderArn = cluster.oidcProviderArn;
    this.oidcProviderUrl = cluster.oidcProviderUrl;
    this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
    this.lbControllerRoleArn = this.createLbControllerRole(name, args);
    this.provider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      { parent: this },
    );
    this.clusterSecurityGroupId = cluster.eksCluster.vpcConfig.clusterSecurityGroupId;
    // EKS creates this group with its own tags only (sec-group-reqs.html); the stack's tell it apart.
    for (const [key, value] of Object.entries(args.tags)) {
      const id = key.replace(/[^A-Za-z0-9-]/g, "-");
      const tag = { resourceId: this.clusterSecurityGroupId, key, value };
      // Kept on delete: the group goes with the cluster, and no role may remove a stack tag.
      new aws.ec2.Tag(`${name}-cluster-sg-${id}`, tag, { parent: this, retainOnDelete: true });
    }
    // The add-ons come first: the nodes wait for the VPC CNI and its role (a pod created before
    // the add-on annotates aws-node's service account would run without the role), while the
    // Deployment-based add-ons wait for the nodes, handed over once they are declared.
    let nodesDeclared: (groups: pulumi.Resource[]) => void = () => undefined;
    const nodeGroups = new Promise<pulumi.Resource[]>((resolve) => (nodesDeclared = resolve));
    this.addons = new ClusterAddons(
      `${name}-addons`,
      {
        clusterName: this.clusterName,
        tagClusterName: args.clusterName,
        tags: args.tags,
        vpcId: args.vpcId,
        kubernetesVersion: args.kubernetesVersion,
        oidcProvider: { arn: this.oidcProviderArn, url: this.oidcProviderUrl },
        region: aws.getRegionOutput({}, { parent: this }).region,
        accountId: aws.getCallerIdentityOutput({}, { parent: this }).accountId,
        nodeGroups,
        kubernetesProvider: this.provider,
        protect: args.protect,
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    this.nodeGroups = createNodeGroups(
      this,
      name,
      {
        cluster,
        clusterName: args.clusterName,
        kubernetesVersion: args.kubernetesVersion,
        subnetIds: args.privateSubnetIds,
        groups: args.nodeGroups,
        tags: args.tags,
        permissionsBoundary: args.permissionsBoundary,
        after: [this.addons.addons["vpc-cni"]],
      },
      remote,
    );
    nodesDeclared([...this.nodeGroups]);
    this.registerOutputs({
      clusterName: this.clusterName,
      oidcProviderArn: this.oidcProviderArn,
      oidcProviderUrl: this.oidcProviderUrl,
      kubeconfig: this.kubeconfig,
      lbControllerRoleArn: this.lbControllerRoleArn,
    });
  }

  private createCluster(
    name: string,
    args: ClusterArgs,
    remote: pulumi.ComponentResourceOptions,
  ): eks.Cluster {
    // Secrets are envelope-encrypted with this key on top of EKS's default encryption (1.28+).
    // https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html
    const key = new aws.kms.Key(
      `${name}-secrets`,
      {
        description: `Envelope encryption of Kubernetes secrets in EKS cluster ${args.clusterName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
      },
      { parent: this, protect: args.protect },
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-control-plane`,
      {
        name: controlPlaneLogGroupName(args.clusterName),
        retentionInDays: args.logRetentionDays,
      },
      { parent: this, protect: args.protect },
    );
    const serviceRole = createClusterRole(this, name, `${name}-eks`, args.permissionsBoundary);
    return new eks.Cluster(
      `${name}-eks`,
      {
        name: args.clusterName,
        version: args.kubernetesVersion,
        vpcId: args.vpcId,
        privateSubnetIds: args.privateSubnetIds,
        publicSubnetIds: args.publicSubnetIds,
        skipDefaultNodeGroup: true,
        // vpc-cni, kube-proxy and coredns are pinned EKS add-ons of our own (addons.ts): pulumi-eks
        // 4.x would otherwise create vpc-cni and kube-proxy add-ons at the newest version
        // (nodejs/eks/cluster/cluster.ts, v4.3.0), and two add-ons of one name cannot coexist.
        useDefaultVpcCni: true,
        kubeProxyAddonOptions: { enabled: false },
        corednsAddonOptions: { enabled: false },
        serviceRole: serviceRole.role,
        authenticationMode: eks.AuthenticationMode.Api,
        accessEntries: {
          ...adminAccessEntries(args.adminPrincipalArns),
          ...(args.deploymentsRoleArn === undefined
            ? {}
            : { "pulumi-deployments": clusterAdminEntry(args.deploymentsRoleArn) }),
        },
        createOidcProvider: true,
        encryptionConfigKeyArn: key.arn,
        enabledClusterLogTypes: [...args.logTypes],
        endpointPrivateAccess: true,
        endpointPublicAccess: args.endpointPublicAccess,
        publicAccessCidrs: args.endpointPublicAccess ? [...args.publicAccessCidrs] : undefined,
        deletionProtection: args.protect,
        upgradePolicy: { supportType: args.supportType },
        providerCredentialOpts:
          args.awsProfile === undefined ? undefined : { profileName: args.awsProfile },
      },
      // Otherwise EKS creates the log group itself, without retention, and ours then conflicts.
      // The role must hold its policy before EKS uses it (pulumi-eks waited for it the same way).
      { ...remote, dependsOn: [logGroup, serviceRole.attachment] },
    );
  }

  private createLbControllerRole(name: string, args: ClusterArgs): pulumi.Output<string> {
    const role = new aws.iam.Role(
      `${name}-lb-controller`,
      {
        description: "IRSA role of the AWS Load Balancer Controller (kube-system)",
        assumeRolePolicy: irsaTrustPolicyJson(
          { arn: this.oidcProviderArn, url: this.oidcProviderUrl },
          LB_CONTROLLER_SERVICE_ACCOUNT,
        ),
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-lb-controller`,
      {
        role: role.name,
        policy: lbControllerPolicyJson({
          clusterName: args.clusterName,
          appsLoadBalancerName: args.appsLoadBalancerName,
        }),
      },
      { parent: this },
    );
    // The ARN is handed to the controller; it must not be used before the policy is attached.
    return pulumi.all([role.arn, policy.id]).apply(([arn]) => arn);
  }
}
