import type * as pulumi from "@pulumi/pulumi";
import type { ClusterArgs, NodeGroupArgs } from "../components/cluster";
import type { GitHost } from "../components/deployments";
import type { FluxOptions } from "../components/flux";
import type { KarpenterOptions } from "../components/autoscaling";
import type { RegistryArgs } from "../components/delivery";
import type { NetworkArgs } from "../components/network";
import type { AppDomainArgs } from "../components/domain";
import type { SopsKeyArgs } from "../components/secrets";
import type { ServiceSpec } from "../components/services";
import type { PromotionStage } from "../components/promotion";

export { CLUSTER_LOG_TYPES, type CapacityType, type ClusterLogType } from "../components/cluster";
export type { NatStrategy } from "../components/network";
export type { FluxGitAuth, FluxIntervals } from "../components/flux";
export type { GitHost };

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
  /**
   * What the settings allow but no offline check can confirm (e.g. that the machine running
   * `pulumi up` is inside `publicAccessCidrs`); `stacks/load.ts` logs each as a Pulumi warning.
   */
  readonly warnings: readonly string[];
}

/** One managed node group of the environment (documented in components/cluster). */
export type NodeGroupSettings = NodeGroupArgs;

/** An environment's network: the Network component's args its settings decide (documented there). */
export type NetworkSettings = Omit<NetworkArgs, "region" | "protect" | "karpenterDiscovery">;

/**
 * An environment's cluster: the Cluster component's args its settings decide (documented there),
 * plus the settings that decide other args.
 */
export interface ClusterSettings extends Omit<
  ClusterArgs,
  | "clusterName"
  | "vpcId"
  | "privateSubnetIds"
  | "publicSubnetIds"
  | "deploymentsRoleArn"
  | "awsProfile"
  | "protect"
  | "tags"
  | "appsLoadBalancerName"
> {
  /** EKS cluster name (the Cluster component's `clusterName`). */
  readonly name: string;
  /**
   * Give this stack's Pulumi Deployments role (exported by the shared stack) cluster-admin through
   * an access entry, so pushes can deploy the Kubernetes side. Set it after the first `pulumi up`
   * of the environment by a person (the cluster creator has its own entry).
   */
  readonly deploymentsAccess: boolean;
  /** Whether Spot capacity is allowed in this environment. */
  readonly allowSpot: boolean;
  /**
   * Where Pulumi Deployments runs this stack's `pulumi up` (it matters once `deploymentsAccess`
   * is on): Pulumi's hosted runners, on the internet from addresses Pulumi does not publish, or a
   * customer-managed runner pool you assign to the stack, with a network path to the endpoint.
   */
  readonly deploymentsRunner: DeploymentsRunner;
}

/** The Karpenter NodePool of an environment (documented in components/autoscaling/options.ts). */
export type KarpenterSettings = KarpenterOptions;
/**
 * Pulumi Deployments runners: `pulumi-hosted` (the default pool: single-use VMs, no published
 * egress addresses, https://www.pulumi.com/docs/deployments/concepts/pulumi-managed-runners/) or
 * `customer-managed` (a pool you run, e.g. in the VPC; Business Critical edition,
 * https://www.pulumi.com/docs/deployments/concepts/customer-managed-runners/).
 */
export const DEPLOYMENTS_RUNNERS = ["pulumi-hosted", "customer-managed"] as const;
export type DeploymentsRunner = (typeof DEPLOYMENTS_RUNNERS)[number];

/** The applications' domain: the AppDomain component's args its settings decide (documented there). */
export type AppDomainSettings = Pick<AppDomainArgs, "domain" | "hostedZone">;

/** Secrets in git: the SopsKey component's args its settings decide (documented there). */
export type SopsSettings = Pick<SopsKeyArgs, "encryptPrincipalArns">;

/** Flux of an environment: the Flux component's `settings` (documented in components/flux/options.ts). */
export type FluxSettings = FluxOptions;

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
  readonly karpenter: KarpenterSettings;
  readonly shared: SharedStackSettings;
  /** HTTPS for the applications; undefined: plain HTTP (refused where `httpsRequired`). */
  readonly appDomain: AppDomainSettings | undefined;
  readonly sops: SopsSettings;
}

export interface RepositoryNames {
  readonly flux: string;
  readonly microservices: string;
  readonly app: string;
}

/** One service (the services concern's `ServiceSpec`, documented in components/services). */
export type ServiceSettings = ServiceSpec;

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

/** The deployment-feedback connector (components/feedback). */
export interface FeedbackSettings {
  /** Days to keep the connector's logs (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
}

export interface DeliverySettings extends CommonSettings {
  readonly plane: "delivery";
  readonly profile: "shared";
  readonly repositories: RepositoryNames;
  /** Default branch of the three repositories. */
  readonly defaultBranch: string;
  /** The services: each has an ECR repository, an image pipeline and GitOps content. */
  readonly services: readonly ServiceSettings[];
  readonly registry: RegistrySettings;
  readonly pipeline: PipelineSettings;
  readonly deployments: DeploymentsSettings;
  readonly feedback: FeedbackSettings;
  /**
   * The promotion path (`gitops-platform:promotion`), in order: the first stage syncs
   * `defaultBranch`, each later one `env/<environment>`, changed only by approved pull requests.
   */
  readonly promotion: readonly PromotionStage[];
}

export type Settings = RuntimeSettings | DeliverySettings;
