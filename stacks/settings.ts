import type * as pulumi from "@pulumi/pulumi";
import type { NetworkArgs } from "../components/network/network";
import type { RegistryArgs } from "../components/delivery/registry";

/**
 * The typed settings of one stack: what `stacks/load.ts` returns after merging the stack's
 * configuration over its environment profile and validating the result. Components receive
 * slices of this object as typed args; nothing below `stacks/` reads `pulumi.Config`.
 */

/** The profiles a stack can be built from. `shared` is the delivery plane; the others are runtime. */
export const RUNTIME_PROFILES = ["dev", "staging", "prod"] as const;
export type RuntimeProfile = (typeof RUNTIME_PROFILES)[number];
export const PROFILES = [...RUNTIME_PROFILES, "shared"] as const;
export type Profile = (typeof PROFILES)[number];

/** NAT layout of the VPC: one gateway for the whole VPC (cheap) or one per AZ (survives an AZ loss). */
export type NatStrategy = "Single" | "OnePerAz";

/** EKS managed node group capacity: On-Demand or Spot. */
export type CapacityType = "ON_DEMAND" | "SPOT";

/** EKS control-plane log types (https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html). */
export const CLUSTER_LOG_TYPES = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
] as const;
export type ClusterLogType = (typeof CLUSTER_LOG_TYPES)[number];

/** How Flux authenticates to CodeCommit over HTTPS. */
export type FluxGitAuth =
  /** `GitRepository.spec.provider: aws` with IRSA on the controllers (Flux >= 2.9). No secret exists. */
  | "aws-provider"
  /** An IAM user's HTTPS Git service-specific credential in a Kubernetes Secret (any Flux 2.x). */
  | "https-credential";

/** Settings every stack has. */
export interface CommonSettings {
  /** Pulumi project name (`gitops-platform`). */
  readonly project: string;
  /** Pulumi stack name, e.g. `dev`. */
  readonly stack: string;
  /** Pulumi organization that owns the stacks (used for stack references and Deployments). */
  readonly organization: string;
  /** The profile this stack was built from. */
  readonly profile: Profile;
  /** AWS region of every resource in the stack (`aws:region`). */
  readonly region: string;
  /** Named AWS profile (`aws:profile`) for the provider, the seed and the kubeconfig; else the environment's credentials. */
  readonly awsProfile: string | undefined;
  /** Short prefix of physical resource names, e.g. `gitops-dev`. */
  readonly namePrefix: string;
  /** Tags applied to every AWS resource through the provider's `defaultTags`. */
  readonly tags: Readonly<Record<string, string>>;
  /** Protect stateful resources (KMS keys, repositories, registries, log groups) from `pulumi destroy`. */
  readonly protect: boolean;
}

export interface NodeGroupSettings {
  /** Node group name, unique within the cluster; part of the AWS name. */
  readonly name: string;
  /** EC2 instance types, first preferred (several types help Spot find capacity). */
  readonly instanceTypes: readonly string[];
  readonly capacityType: CapacityType;
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  /** Root volume size in GiB. */
  readonly diskSizeGiB: number;
  /** Kubernetes labels put on the nodes. */
  readonly labels: Readonly<Record<string, string>>;
}

/** An environment's network: the Network component's args its settings decide (documented there). */
export type NetworkSettings = Omit<NetworkArgs, "region" | "protect">;

export interface ClusterSettings {
  /** EKS cluster name (also the AWS name). */
  readonly name: string;
  /**
   * EKS upgrade policy: `STANDARD` lets EKS upgrade the control plane when the version's standard
   * support ends (no extended-support charge); `EXTENDED` keeps the version for up to 12 more months
   * at $0.60 instead of $0.10 per cluster-hour.
   * https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html
   */
  readonly supportType: "STANDARD" | "EXTENDED";
  /** Kubernetes minor version, e.g. `1.33`. */
  readonly kubernetesVersion: string;
  /** Control-plane log types sent to CloudWatch Logs. */
  readonly logTypes: readonly ClusterLogType[];
  /** Retention of the control-plane log group, in days. */
  readonly logRetentionDays: number;
  /** Whether the API server endpoint is reachable from the internet (private access is always on). */
  readonly endpointPublicAccess: boolean;
  /** CIDRs allowed to reach the public endpoint. */
  readonly publicAccessCidrs: readonly string[];
  /** IAM role/user ARNs given cluster-admin through EKS access entries. */
  readonly adminPrincipalArns: readonly string[];
  /**
   * Give this stack's Pulumi Deployments role (exported by the shared stack) cluster-admin through
   * an access entry, so pushes can deploy the Kubernetes side. Set it after the first `pulumi up`
   * of the environment by a person (the cluster creator has its own entry).
   */
  readonly deploymentsAccess: boolean;
  /** Whether Spot capacity is allowed in this environment. */
  readonly allowSpot: boolean;
  readonly nodeGroups: readonly NodeGroupSettings[];
}

/** Flux reconciliation intervals, as Go durations (`1m`, `30s`, `1h`). */
export interface FluxIntervals {
  /** GitRepository polling of flux-repo and microservices-repo. */
  readonly source: string;
  /** Kustomization re-apply. */
  readonly kustomization: string;
  /** ImageRepository registry scan. */
  readonly imageScan: string;
  /** ImageUpdateAutomation run. */
  readonly imageAutomation: string;
}

export interface FluxSettings {
  /** Version of the fluxcd-community `flux2` Helm chart. */
  readonly chartVersion: string;
  /** How Flux authenticates to CodeCommit. */
  readonly gitAuth: FluxGitAuth;
  /** Add the legacy `--aws-autologin-for-ecr` flag (only valid for Flux < 2.7). */
  readonly legacyEcrAutologin: boolean;
  /** Whether this environment runs image automation (tags written back to git). */
  readonly imageAutomation: boolean;
  readonly intervals: FluxIntervals;
}

/** The runtime stack's view of the shared stack. */
export interface SharedStackSettings {
  /** Fully qualified name of the shared stack, `<org>/<project>/<stack>`. */
  readonly stackName: string;
}

export interface RuntimeSettings extends CommonSettings {
  readonly plane: "runtime";
  readonly profile: RuntimeProfile;
  /** Environment name (the stack name): `clusters/<environment>` in flux-repo. */
  readonly environment: string;
  readonly network: NetworkSettings;
  readonly cluster: ClusterSettings;
  readonly flux: FluxSettings;
  readonly shared: SharedStackSettings;
}

export interface RepositoryNames {
  readonly flux: string;
  readonly microservices: string;
  readonly app: string;
}

/** The shared registry: the Registry component's args its settings decide (documented there). */
export type RegistrySettings = Omit<RegistryArgs, "protect">;

export interface PipelineSettings {
  /** CodeBuild compute type, e.g. `BUILD_GENERAL1_SMALL`. */
  readonly computeType: string;
  /** CodeBuild image, e.g. `aws/codebuild/amazonlinux-x86_64-standard:5.0`. */
  readonly buildImage: string;
  /** Build log retention, in days. */
  readonly logRetentionDays: number;
  /** Days after which pipeline artifacts expire. */
  readonly artifactExpiryDays: number;
  /** Branch of app-repo that triggers builds. */
  readonly branch: string;
}

export type GitHost = "github" | "codecommit";

export interface DeploymentsSettings {
  /** Whether the shared stack wires Pulumi Deployments. */
  readonly enabled: boolean;
  /** Where this program's own repository lives. */
  readonly gitHost: GitHost;
  /** `owner/repo` (GitHub) or the CodeCommit repository name holding this program. */
  readonly repository: string;
  /** Branch that deploys `shared`, `dev` and `staging`. */
  readonly branch: string;
  /** Branch that deploys `prod` (never `main`: promotion is a merge into it). */
  readonly prodBranch: string;
  /** Folder of this program inside the repository ('' = root). */
  readonly repoDir: string;
  /** Stacks that Deployments runs. */
  readonly stacks: readonly string[];
  /**
   * Stacks (a subset of `stacks`) that deploy from `prodBranch` instead of `branch`; their
   * Deployments role also refuses the `destroy` operation. Default `[prod]`.
   */
  readonly prodStacks: readonly string[];
  /**
   * Pulumi access token: the shared stack's deployments run with it (they manage the other
   * stacks' deployment settings), and the EventBridge connection sends it to the Deployments REST
   * API (required for the CodeCommit host). Always a secret Output; `undefined` when not set.
   */
  readonly apiToken: pulumi.Output<string> | undefined;
}

export interface DeliverySettings extends CommonSettings {
  readonly plane: "delivery";
  readonly profile: "shared";
  readonly repositories: RepositoryNames;
  /** Default branch of the three repositories. */
  readonly defaultBranch: string;
  readonly registry: RegistrySettings;
  readonly pipeline: PipelineSettings;
  readonly deployments: DeploymentsSettings;
}

export type Settings = RuntimeSettings | DeliverySettings;
