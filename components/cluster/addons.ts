/**
 * The managed EKS add-ons of a cluster (versions pinned in addon-versions.ts), the IRSA roles of
 * the VPC CNI (vpc-cni.ts) and of the EBS CSI driver with its KMS key, and the default
 * StorageClass. Both drivers tag what they create with the stack's tags (their
 * `configurationValues`), and their roles act only on their own: the CNI on its VPC's interfaces
 * and nodes with the cluster tag, the EBS CSI driver on volumes, snapshots and nodes with the
 * stack tag.
 *
 * Conflict resolution: `OVERWRITE` on create, so the add-on adopts what EKS bootstrapped
 * self-managed (vpc-cni, kube-proxy, coredns exist before the add-on does); `OVERWRITE` on
 * update, so a version bump resets fields someone changed by hand with kubectl to the add-on's
 * defaults. Settings belong in `configurationValues` here, not in kubectl edits.
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAddon.html (resolveConflicts)
 * Upgrades: a new row in EKS_ADDON_VERSIONS for the new Kubernetes version is applied by the
 * same `pulumi up` that changes `kubernetesVersion`; EKS updates an add-on in place (rolling the
 * DaemonSet or Deployment). `preserve: true`: deleting an add-on resource (a rename, a
 * replacement) leaves its software running, so a replaced vpc-cni never takes pod networking
 * down; on `pulumi destroy` the cluster goes with it anyway.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicyJson, STACK_TAG, type OidcProvider, type ServiceAccountRef } from "../aws";
import { addonVersionsFor, EKS_ADDON_NAMES, type EksAddonName } from "./addon-versions";
import { EBS_CSI_SERVICE_ACCOUNT, ebsCsiConfiguration, ebsCsiDriverPolicy } from "./ebs-csi-policy";
import { VPC_CNI_SERVICE_ACCOUNT, vpcCniConfiguration, vpcCniPolicy } from "./vpc-cni";

/** What each add-on needs besides its version. */
export interface AddonSpec {
  readonly name: EksAddonName;
  readonly version: string;
  /** The add-on runs a Deployment that stays DEGRADED (and the create waits) until nodes exist. */
  readonly needsNodes: boolean;
  /** Gets the EBS CSI driver's IRSA role. */
  readonly ebsCsiRole: boolean;
  /** Gets the VPC CNI's IRSA role (instead of the node role's AmazonEKS_CNI_Policy). */
  readonly vpcCniRole: boolean;
}

/** Add-ons whose workloads are Deployments (not DaemonSets): they need a node to be ACTIVE. */
const NEEDS_NODES: ReadonlySet<EksAddonName> = new Set([
  "coredns",
  "aws-ebs-csi-driver",
  "metrics-server",
]);

/** The add-ons of a cluster on `kubernetesVersion`; throws when the version has no row. */
export function addonSpecs(kubernetesVersion: string): AddonSpec[] {
  const versions = addonVersionsFor(kubernetesVersion);
  if (versions === undefined) {
    throw new Error(
      `ClusterAddons: no add-on versions for Kubernetes ${kubernetesVersion} in components/cluster/addon-versions.ts.`,
    );
  }
  return EKS_ADDON_NAMES.map((name) => ({
    name,
    version: versions[name],
    needsNodes: NEEDS_NODES.has(name),
    ebsCsiRole: name === "aws-ebs-csi-driver",
    vpcCniRole: name === "vpc-cni",
  }));
}

/** Name of the default StorageClass. */
export const DEFAULT_STORAGE_CLASS = "gp3";

/**
 * The default StorageClass: gp3 (3,000 IOPS and 125 MB/s included, $0.08/GB-month), encrypted
 * with the cluster's volume key, bound where the pod lands (WaitForFirstConsumer: an EBS volume
 * lives in one AZ), expandable. Parameters: kubernetes-sigs/aws-ebs-csi-driver
 * `docs/parameters.md` (type, encrypted, kmsKeyId). Kept by Pulumi, not GitOps: it needs the key
 * ARN Pulumi creates, its parameters are immutable (a change is a replacement), and it must exist
 * before the first PersistentVolumeClaim Flux applies.
 */
export function storageClassArgs<T>(kmsKeyArn: T) {
  return {
    metadata: {
      name: DEFAULT_STORAGE_CLASS,
      annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
    },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", kmsKeyId: kmsKeyArn },
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
    reclaimPolicy: "Delete",
  };
}

export interface ClusterAddonsArgs {
  /** EKS cluster name (an output of the cluster, so the add-ons wait for it). */
  readonly clusterName: pulumi.Input<string>;
  /** The same name, plain: the value of the cluster tag the VPC CNI writes and its role requires. */
  readonly tagClusterName: string;
  /**
   * The stack's tags, put on the volumes, snapshots and network interfaces the drivers create;
   * the EBS CSI driver's role requires its `gitops-platform:stack`.
   */
  readonly tags: Readonly<Record<string, string>>;
  /** VPC of the cluster: the only one whose network interfaces the VPC CNI may change. */
  readonly vpcId: pulumi.Input<string>;
  /** Kubernetes minor version; selects the add-on versions (addon-versions.ts). */
  readonly kubernetesVersion: string;
  /** The cluster's OIDC provider, for the EBS CSI driver's IRSA role. */
  readonly oidcProvider: OidcProvider;
  readonly region: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  /**
   * Node groups the Deployment-based add-ons wait for (they are DEGRADED without nodes). An
   * input: the node groups themselves wait for the vpc-cni add-on, so they come after this.
   */
  readonly nodeGroups: pulumi.Input<pulumi.Resource[]>;
  /** Provider of the cluster, for the StorageClass. */
  readonly kubernetesProvider: k8s.Provider;
  /** Protect the volume key from deletion ($1/month; volumes encrypted with it need it). */
  readonly protect: boolean;
  /** Permissions boundary of the EBS CSI driver's role (see ClusterArgs). Default: none. */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
}

export class ClusterAddons extends pulumi.ComponentResource {
  /** The add-ons by name. */
  readonly addons: Readonly<Record<EksAddonName, aws.eks.Addon>>;
  /** KMS key that encrypts PersistentVolumes of the default StorageClass. */
  readonly volumeKeyArn: pulumi.Output<string>;

  constructor(name: string, args: ClusterAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:cluster:ClusterAddons", name, {}, opts);
    const specs = addonSpecs(args.kubernetesVersion);
    const key = new aws.kms.Key(
      `${name}-volumes`,
      {
        description: `Encryption of the EBS volumes of the cluster's PersistentVolumeClaims`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
      },
      { parent: this, protect: args.protect },
    );
    this.volumeKeyArn = key.arn;
    const ebsRoleArn = this.irsaRole(
      `${name}-ebs-csi`,
      args,
      EBS_CSI_SERVICE_ACCOUNT,
      pulumi
        .all([args.region, args.accountId, key.arn])
        .apply(([region, accountId, kmsKeyArn]) =>
          JSON.stringify(
            ebsCsiDriverPolicy({ stack: args.tags[STACK_TAG], region, accountId, kmsKeyArn }),
          ),
        ),
    );
    const cniRoleArn = this.irsaRole(
      `${name}-vpc-cni`,
      args,
      VPC_CNI_SERVICE_ACCOUNT,
      pulumi
        .all([args.region, args.accountId, args.vpcId])
        .apply(([region, accountId, vpcId]) =>
          JSON.stringify(
            vpcCniPolicy({ clusterName: args.tagClusterName, region, accountId, vpcId }),
          ),
        ),
    );
    const configuration: Partial<Record<EksAddonName, string>> = {
      "vpc-cni": vpcCniConfiguration(args.tagClusterName, args.tags),
      "aws-ebs-csi-driver": ebsCsiConfiguration(args.tags),
    };
    const addons: Partial<Record<EksAddonName, aws.eks.Addon>> = {};
    for (const spec of specs) {
      addons[spec.name] = new aws.eks.Addon(
        `${name}-${spec.name}`,
        {
          clusterName: args.clusterName,
          addonName: spec.name,
          addonVersion: spec.version,
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "OVERWRITE",
          preserve: true,
          serviceAccountRoleArn: spec.ebsCsiRole
            ? ebsRoleArn
            : spec.vpcCniRole
              ? cniRoleArn
              : undefined,
          configurationValues: configuration[spec.name],
        },
        { parent: this, dependsOn: spec.needsNodes ? args.nodeGroups : [] },
      );
    }
    this.addons = addons as Record<EksAddonName, aws.eks.Addon>;
    new k8s.storage.v1.StorageClass(`${name}-${DEFAULT_STORAGE_CLASS}`, storageClassArgs(key.arn), {
      parent: this,
      provider: args.kubernetesProvider,
    });
    this.registerOutputs({ volumeKeyArn: this.volumeKeyArn });
  }

  /** An IRSA role for `account` with one inline policy; its ARN once the policy is attached. */
  private irsaRole(
    name: string,
    args: ClusterAddonsArgs,
    account: ServiceAccountRef,
    policy: pulumi.Output<string>,
  ): pulumi.Output<string> {
    const role = new aws.iam.Role(
      name,
      {
        description: `IRSA role of ${account.namespace}/${account.name}`,
        assumeRolePolicy: irsaTrustPolicyJson(args.oidcProvider, account),
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    const attached = new aws.iam.RolePolicy(name, { role: role.name, policy }, { parent: this });
    // The driver must not start before its role may act.
    return pulumi.all([role.arn, attached.id]).apply(([arn]) => arn);
  }
}
