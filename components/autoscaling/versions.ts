/**
 * What the GitOps content installs for node autoscaling, as named constants the Pulumi side and
 * the tests share with gitops/flux-repo (a test keeps the YAML equal to them).
 */

/**
 * Karpenter chart (and controller) version. Source: aws/karpenter-provider-aws
 * `charts/karpenter/Chart.yaml` at 1d92708 ("docs: update for patch release v1.14.1",
 * 2026-08-21); compatible with Kubernetes 1.32 to 1.36 (`website/content/en/docs/upgrading/
 * compatibility.md`: 1.36 needs >= 1.13). Next version: the newest tag of that repository, then
 * read its `website/content/en/docs/upgrading/upgrade-guide.md` and the CRD diff before bumping
 * `version:` in gitops/flux-repo/infrastructure/controllers/karpenter.yaml and this constant.
 */
export const KARPENTER_CHART_VERSION = "1.14.1";

/** The chart's OCI repository (Karpenter getting-started, `helm upgrade karpenter oci://...`). */
export const KARPENTER_CHART_URL = "oci://public.ecr.aws/karpenter/karpenter";

/** The controller's namespace and service account (the docs' KARPENTER_NAMESPACE default). */
export const KARPENTER_SERVICE_ACCOUNT = { namespace: "kube-system", name: "karpenter" } as const;

/**
 * Instance types the NodePools may launch (`node.kubernetes.io/instance-type In [...]` in
 * gitops/flux-repo/infrastructure/nodepools). An explicit list keeps the cost ceiling exact: each
 * type has a list price in components/cost/prices.ts. Several types let Spot find capacity.
 */
export const KARPENTER_INSTANCE_TYPES = [
  "t3.large",
  "t3a.large",
  "m5.large",
  "m6i.large",
  "m5.xlarge",
  "m6i.xlarge",
] as const;

/** Root volume of every node Karpenter launches, GiB (gp3, encrypted; EC2NodeClass). */
export const KARPENTER_NODE_DISK_GIB = 30;

/** The discovery tag Karpenter finds the cluster's subnets and security group by. */
/**
 * The tag Karpenter puts on every instance it launches, valued with the NodePool's name (its
 * controller policy requires it on RunInstances and TerminateInstances: controller-policy.ts).
 */
export const KARPENTER_NODEPOOL_TAG = "karpenter.sh/nodepool";

export const KARPENTER_DISCOVERY_TAG = "karpenter.sh/discovery";
