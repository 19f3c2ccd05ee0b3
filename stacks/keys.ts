/**
 * Every configuration key of the `gitops-platform` namespace: its type, which plane reads it, and
 * what it means. The loader rejects keys not listed here (typos are errors, not silent defaults),
 * and a test checks this table against `Pulumi.yaml`'s `config` block and the README.
 */

/** Types Pulumi's project schema can declare, plus `object` for structured settings. */
export type KeyType = "string" | "integer" | "boolean" | "array" | "object";
export type KeyPlane = "any" | "runtime" | "delivery";

export interface KeySpec {
  readonly type: KeyType;
  readonly plane: KeyPlane;
  readonly description: string;
  /** Read with `getSecret`; the value never appears in plain text. */
  readonly secret?: boolean;
}

export const CONFIG_KEYS = {
  profile: {
    type: "string",
    plane: "any",
    description:
      "Profile the stack is built from: dev, staging, prod (runtime) or shared (delivery). Defaults to the stack name.",
  },
  namePrefix: {
    type: "string",
    plane: "any",
    description: "Prefix of AWS resource names. Defaults to gitops-<stack>.",
  },
  tags: { type: "object", plane: "any", description: "Extra tags on every AWS resource." },
  protect: {
    type: "boolean",
    plane: "any",
    description: "Protect stateful resources from deletion (true in prod and shared).",
  },
  vpcCidr: { type: "string", plane: "runtime", description: "IPv4 CIDR of the VPC." },
  availabilityZones: {
    type: "integer",
    plane: "runtime",
    description: "Number of availability zones (2 to 6).",
  },
  privateSubnetPrefix: {
    type: "integer",
    plane: "runtime",
    description: "Prefix length of each private subnet.",
  },
  publicSubnetPrefix: {
    type: "integer",
    plane: "runtime",
    description: "Prefix length of each public subnet.",
  },
  natGateways: {
    type: "string",
    plane: "runtime",
    description: "NAT gateways: Single (one per VPC) or OnePerAz.",
  },
  flowLogs: { type: "boolean", plane: "runtime", description: "Send VPC flow logs to CloudWatch." },
  flowLogRetentionDays: {
    type: "integer",
    plane: "runtime",
    description: "Days to keep VPC flow logs.",
  },
  clusterName: {
    type: "string",
    plane: "runtime",
    description: "EKS cluster name. Defaults to <namePrefix>.",
  },
  kubernetesVersion: {
    type: "string",
    plane: "runtime",
    description: "Kubernetes minor version of the EKS cluster.",
  },
  clusterSupportType: {
    type: "string",
    plane: "runtime",
    description:
      "EKS support policy: STANDARD (EKS upgrades the cluster when standard support ends) or EXTENDED (stays, at 6x the hourly price).",
  },
  clusterLogTypes: {
    type: "array",
    plane: "runtime",
    description:
      "EKS control-plane log types (api, audit, authenticator, controllerManager, scheduler).",
  },
  clusterLogRetentionDays: {
    type: "integer",
    plane: "runtime",
    description: "Days to keep EKS control-plane logs.",
  },
  endpointPublicAccess: {
    type: "boolean",
    plane: "runtime",
    description: "Expose the Kubernetes API endpoint publicly (private access is always on).",
  },
  publicAccessCidrs: {
    type: "array",
    plane: "runtime",
    description: "CIDRs allowed to reach the public Kubernetes API endpoint.",
  },
  deploymentsRunner: {
    type: "string",
    plane: "runtime",
    description:
      "Where Pulumi Deployments runs this stack: pulumi-hosted (internet, no published addresses) or customer-managed (your runner pool, e.g. in the VPC).",
  },
  adminPrincipalArns: {
    type: "array",
    plane: "runtime",
    description: "IAM role or user ARNs given cluster-admin through EKS access entries.",
  },
  deploymentsAccess: {
    type: "boolean",
    plane: "runtime",
    description:
      "Give this stack's Pulumi Deployments role (from the shared stack) cluster-admin through an EKS access entry.",
  },
  allowSpot: {
    type: "boolean",
    plane: "runtime",
    description: "Allow Spot node groups in this environment.",
  },
  nodeGroups: {
    type: "object",
    plane: "runtime",
    description: "Managed node groups (list of name, instanceTypes, capacityType, sizes).",
  },
  karpenter: {
    type: "object",
    plane: "runtime",
    description:
      "Karpenter NodePool: capacityType (spot or on-demand), cpuLimit (vCPU), memoryLimitGiB.",
  },
  fluxChartVersion: {
    type: "string",
    plane: "runtime",
    description: "Version of the fluxcd-community flux2 Helm chart.",
  },
  fluxGitAuth: {
    type: "string",
    plane: "runtime",
    description:
      "How Flux reaches CodeCommit: aws-provider (IRSA, Flux >= 2.9) or https-credential. Defaults by Flux version.",
  },
  fluxLegacyEcrAutologin: {
    type: "boolean",
    plane: "runtime",
    description: "Pass --aws-autologin-for-ecr to image-reflector-controller (Flux < 2.7 only).",
  },
  fluxImageAutomation: {
    type: "boolean",
    plane: "runtime",
    description: "Let Flux write new image tags to git in this environment (dev).",
  },
  fluxReceivers: {
    type: "boolean",
    plane: "runtime",
    description:
      "Flux Receivers reached from EventBridge (ECR and CodeCommit pushes reconcile at once); polling becomes the fallback.",
  },
  fluxIntervals: {
    type: "object",
    plane: "runtime",
    description:
      "Flux intervals: source, kustomization, imageScan, imageAutomation (Flux durations).",
  },
  domain: {
    type: "string",
    plane: "runtime",
    description:
      "DNS domain the applications are served under over HTTPS (<app>.<domain>); unset: plain HTTP.",
  },
  hostedZone: {
    type: "string",
    plane: "runtime",
    description:
      "Route 53 public hosted zone of domain: its ID (Z...) or name. Defaults to the domain.",
  },
  httpsRequired: {
    type: "boolean",
    plane: "runtime",
    description:
      "Refuse to deploy the applications without HTTPS, i.e. without a domain (true in prod).",
  },
  sopsEncryptPrincipalArns: {
    type: "array",
    plane: "runtime",
    description:
      "IAM role or user ARNs that may encrypt secrets for this environment with its SOPS key (only Flux decrypts).",
  },
  fluxReadyTimeout: {
    type: "string",
    plane: "runtime",
    description:
      "How long pulumi up waits for Flux's bootstrap GitRepository and Kustomization to be Ready (Go duration).",
  },
  sharedStack: {
    type: "string",
    plane: "runtime",
    description: "Fully qualified name of the shared stack. Defaults to <org>/<project>/shared.",
  },
  fluxRepoName: {
    type: "string",
    plane: "delivery",
    description: "CodeCommit repository for Flux.",
  },
  microservicesRepoName: {
    type: "string",
    plane: "delivery",
    description: "CodeCommit repository for the Kustomize manifests of the apps.",
  },
  appRepoName: {
    type: "string",
    plane: "delivery",
    description: "CodeCommit repository of the sample service's source.",
  },
  defaultBranch: {
    type: "string",
    plane: "delivery",
    description: "Default branch of the three repositories.",
  },
  services: {
    type: "object",
    plane: "delivery",
    description:
      "Services (list of names or of name, folder, port, healthPath, expose): ECR repository, pipeline, GitOps content.",
  },
  ecrUntaggedExpiryDays: {
    type: "integer",
    plane: "delivery",
    description: "Days before untagged images expire.",
  },
  ecrKeepImagesPerBranch: {
    type: "integer",
    plane: "delivery",
    description: "Images kept per branch prefix.",
  },
  ecrBranches: {
    type: "array",
    plane: "delivery",
    description: "Branch prefixes whose images the lifecycle policy keeps.",
  },
  ecrPullAccountIds: {
    type: "array",
    plane: "delivery",
    description: "Other AWS account IDs allowed to pull images.",
  },
  ecrForceDelete: {
    type: "boolean",
    plane: "delivery",
    description: "Delete ECR repositories that still hold images.",
  },
  buildComputeType: {
    type: "string",
    plane: "delivery",
    description: "CodeBuild compute type.",
  },
  buildImage: { type: "string", plane: "delivery", description: "CodeBuild image." },
  buildLogRetentionDays: {
    type: "integer",
    plane: "delivery",
    description: "Days to keep build logs.",
  },
  artifactExpiryDays: {
    type: "integer",
    plane: "delivery",
    description: "Days before pipeline artifacts expire.",
  },
  pipelineBranch: {
    type: "string",
    plane: "delivery",
    description: "Branch of app-repo that triggers image builds.",
  },
  feedbackLogDays: {
    type: "integer",
    plane: "delivery",
    description: "Days to keep the deployment-feedback connector's logs.",
  },
  promotion: {
    type: "object",
    plane: "delivery",
    description:
      "Promotion path (list of environments or of environment, approvals, approvers): branches and approval rules per stage.",
  },
  deployments: {
    type: "object",
    plane: "delivery",
    description:
      "Pulumi Deployments: enabled, gitHost, repository, branch, prodBranch, repoDir, stacks, prodStacks.",
  },
  deploymentsApiToken: {
    type: "string",
    plane: "delivery",
    secret: true,
    description:
      "Pulumi access token: PULUMI_ACCESS_TOKEN of the shared stack's deployments; the Deployments REST API token (required for CodeCommit).",
  },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
