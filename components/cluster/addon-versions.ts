/**
 * The EKS add-ons every cluster runs, each pinned per Kubernetes version. A version of the
 * cluster without a row here is a settings error (stacks/runtime.ts), so an upgrade of
 * `kubernetesVersion` always comes with reviewed add-on versions, never "whatever is latest".
 *
 * Sources (checked 2026-11-23; cite a new one when a cell changes):
 * - kube-proxy, coredns: the EKS user guide's "latest version of the Amazon EKS add-on type for
 *   each Kubernetes version" tables, managing-kube-proxy.md and managing-coredns.md
 *   (https://docs.aws.amazon.com/ja_jp/eks/latest/userguide/managing-kube-proxy.md and
 *   .../managing-coredns.md, the stored copies that list 1.32 to 1.36).
 * - vpc-cni: EKS publishes one version for every Kubernetes version (every row of the
 *   managing-vpc-cni table is the same); v1.22.3-eksbuild.1 is the newest quoted from
 *   `describe-addon-versions` (ministryofjustice/cloud-platform-infrastructure#4678, 2026-07-08).
 * - eks-pod-identity-agent: v1.3.10-eksbuild.2 for 1.31 to 1.35 in awslabs/cdk-eks-blueprints
 *   `lib/addons/eks-pod-identity-agent/index.ts` (05d3dbd, 2026-07-01); 1.36 is assumed to take
 *   the same build (the agent ships one build for all versions) until checked with the command below.
 * - aws-ebs-csi-driver: v1.56.0-eksbuild.1 (1.32 to 1.34) and v1.57.1-eksbuild.1 (1.35) in
 *   cdk-eks-blueprints `lib/addons/ebs-csi-driver/index.ts` (05d3dbd); v1.66.0-eksbuild.1 is the
 *   `defaultVersion` for 1.36 (mitodl/ol-infrastructure#5959, 2026-09-21).
 * - metrics-server (an EKS community add-on, owner "community":
 *   https://docs.aws.amazon.com/eks/latest/userguide/community-addons.html): v0.8.1-eksbuild.5 for
 *   1.31 to 1.35 in a public CDK per-version add-on table seen in the code store; 1.36 assumed the same.
 *
 * Next versions: `aws eks describe-addon-versions --kubernetes-version <v> --addon-name <name>
 * --query 'addons[].addonVersions[?compatibilities[?defaultVersion]].addonVersion'` for each cell;
 * EKS refuses an incompatible pin at `pulumi up` ("Addon version specified is not supported").
 */

/** The EKS add-ons this project manages, in the order they are declared. */
export const EKS_ADDON_NAMES = [
  "vpc-cni",
  "kube-proxy",
  "eks-pod-identity-agent",
  "coredns",
  "aws-ebs-csi-driver",
  "metrics-server",
] as const;
export type EksAddonName = (typeof EKS_ADDON_NAMES)[number];

export type AddonVersions = Readonly<Record<EksAddonName, string>>;

const VPC_CNI = "v1.22.3-eksbuild.1";
const POD_IDENTITY_AGENT = "v1.3.10-eksbuild.2";
const METRICS_SERVER = "v0.8.1-eksbuild.5";

/** Add-on version per Kubernetes minor version (keys: those of `EKS_KUBERNETES_VERSIONS`). */
export const EKS_ADDON_VERSIONS: Readonly<Record<string, AddonVersions>> = {
  "1.32": {
    "vpc-cni": VPC_CNI,
    "kube-proxy": "v1.32.13-eksbuild.16",
    "eks-pod-identity-agent": POD_IDENTITY_AGENT,
    coredns: "v1.11.4-eksbuild.40",
    "aws-ebs-csi-driver": "v1.56.0-eksbuild.1",
    "metrics-server": METRICS_SERVER,
  },
  "1.33": {
    "vpc-cni": VPC_CNI,
    "kube-proxy": "v1.33.10-eksbuild.13",
    "eks-pod-identity-agent": POD_IDENTITY_AGENT,
    coredns: "v1.12.4-eksbuild.18",
    "aws-ebs-csi-driver": "v1.56.0-eksbuild.1",
    "metrics-server": METRICS_SERVER,
  },
  "1.34": {
    "vpc-cni": VPC_CNI,
    "kube-proxy": "v1.34.6-eksbuild.13",
    "eks-pod-identity-agent": POD_IDENTITY_AGENT,
    coredns: "v1.13.2-eksbuild.11",
    "aws-ebs-csi-driver": "v1.56.0-eksbuild.1",
    "metrics-server": METRICS_SERVER,
  },
  "1.35": {
    "vpc-cni": VPC_CNI,
    "kube-proxy": "v1.35.3-eksbuild.13",
    "eks-pod-identity-agent": POD_IDENTITY_AGENT,
    coredns: "v1.14.3-eksbuild.3",
    "aws-ebs-csi-driver": "v1.57.1-eksbuild.1",
    "metrics-server": METRICS_SERVER,
  },
  "1.36": {
    "vpc-cni": VPC_CNI,
    "kube-proxy": "v1.36.0-eksbuild.14",
    "eks-pod-identity-agent": POD_IDENTITY_AGENT,
    coredns: "v1.14.3-eksbuild.3",
    "aws-ebs-csi-driver": "v1.66.0-eksbuild.1",
    "metrics-server": METRICS_SERVER,
  },
};

/** The add-on versions of `kubernetesVersion`, or undefined when the table has no row for it. */
export function addonVersionsFor(kubernetesVersion: string): AddonVersions | undefined {
  return Object.hasOwn(EKS_ADDON_VERSIONS, kubernetesVersion)
    ? EKS_ADDON_VERSIONS[kubernetesVersion]
    : undefined;
}
