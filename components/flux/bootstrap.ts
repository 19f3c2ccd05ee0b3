/**
 * The objects Pulumi hands over to Flux, as pure builders: the bootstrap `GitRepository` and
 * `Kustomization` (both `flux-system/flux-system`, the names `flux bootstrap` uses) and the data of
 * ConfigMap `flux-system/cluster-info`.
 *
 * Git auth (settings.flux.gitAuth):
 * - `aws-provider` (Flux >= 2.9): `spec.provider: aws`; the controllers' IRSA roles authenticate
 *   (fluxcd/source-controller `docs/spec/v1/gitrepositories.md`, provider aws).
 * - `https-credential`: basic auth from Secret `flux-system/codecommit-https` (`username`,
 *   `password`; same page, "Basic access authentication").
 *
 * Contract with the GitOps content (gitops/flux-repo): every GitRepository lives in namespace
 * flux-system and is written for `provider: aws`; child Kustomizations in `clusters/<env>` declare
 * no `spec.patches` of their own. In `https-credential` mode the bootstrap Kustomization rewrites
 * them with patches (see `httpsCredentialPatches`).
 */
import { receiverClusterInfo, type ReceiverClusterInfo } from "./receivers-info";
import { CLUSTER_INFO_NAME, type ClusterInfo } from "./cluster-info";
import type { FluxGitAuth, FluxOptions } from "./options";

export const FLUX_NAMESPACE = "flux-system";
/** Name of the bootstrap GitRepository and Kustomization (as `flux bootstrap` names them). */
export const BOOTSTRAP_NAME = "flux-system";
/** Secret holding the CodeCommit HTTPS Git credential in `https-credential` mode. */
export const CODECOMMIT_SECRET_NAME = "codecommit-https";

export const GIT_REPOSITORY_API = "source.toolkit.fluxcd.io/v1";
export const KUSTOMIZATION_API = "kustomize.toolkit.fluxcd.io/v1";

interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
}

export interface GitRepositoryObject {
  readonly apiVersion: typeof GIT_REPOSITORY_API;
  readonly kind: "GitRepository";
  readonly metadata: ObjectMeta;
  readonly spec: {
    readonly interval: string;
    readonly url: string;
    readonly ref: { readonly branch: string };
    readonly provider?: "aws";
    readonly secretRef?: { readonly name: string };
  };
}

/** One entry of `Kustomization.spec.patches`. */
export interface KustomizationPatch {
  readonly patch: string;
  readonly target: {
    readonly group: string;
    readonly kind: string;
    readonly namespace?: string;
  };
}

export interface KustomizationObject {
  readonly apiVersion: typeof KUSTOMIZATION_API;
  readonly kind: "Kustomization";
  readonly metadata: ObjectMeta;
  readonly spec: {
    readonly interval: string;
    readonly path: string;
    readonly prune: true;
    readonly sourceRef: { readonly kind: "GitRepository"; readonly name: string };
    readonly postBuild: {
      readonly substituteFrom: readonly { readonly kind: "ConfigMap"; readonly name: string }[];
    };
    readonly patches?: readonly KustomizationPatch[];
  };
}

export interface BootstrapInput {
  /** Environment name: the Kustomization applies `./clusters/<environment>` of flux-repo. */
  readonly environment: string;
  /** HTTPS clone URL of flux-repo. */
  readonly fluxRepoUrl: string;
  /** Branch to sync (the shared stack's `defaultBranch`). */
  readonly branch: string;
  readonly gitAuth: FluxGitAuth;
  /** GitRepository polling interval (Go duration). */
  readonly sourceInterval: string;
  /** Kustomization re-apply interval (Go duration). */
  readonly kustomizationInterval: string;
}

/** JSON 6902 operations that switch a `provider: aws` GitRepository to the HTTPS secret. */
export function gitRepositoryToSecretOps(): readonly Record<string, unknown>[] {
  // `add` sets a member whether or not it exists (RFC 6902 4.1), so the patch applies to objects
  // with or without `provider`. `generic` is the CRD default and means "use secretRef".
  return [
    { op: "add", path: "/spec/provider", value: "generic" },
    { op: "add", path: "/spec/secretRef", value: { name: CODECOMMIT_SECRET_NAME } },
  ];
}

/**
 * Patches of the bootstrap Kustomization in `https-credential` mode:
 * 1. every GitRepository it applies (from `clusters/<env>`) uses the secret;
 * 2. every Kustomization it applies (the children, e.g. `infrastructure` and `apps`) gets patch 1
 *    as its own `spec.patches`, so GitRepositories defined under their paths use the secret too.
 *    It sets the whole list (`add` replaces an existing member), hence the contract that children
 *    carry no patches of their own. Deeper levels are not rewritten: GitRepositories belong in
 *    `clusters/<env>` or a direct child path.
 * Patches are JSON 6902 lists serialized as strings, the form `spec.patches[].patch` accepts
 * (fluxcd/kustomize-controller `docs/spec/v1/kustomizations.md`, "Patches").
 */
export function httpsCredentialPatches(): readonly KustomizationPatch[] {
  const gitRepositoryPatch: KustomizationPatch = {
    patch: JSON.stringify(gitRepositoryToSecretOps()),
    target: { group: "source.toolkit.fluxcd.io", kind: "GitRepository", namespace: FLUX_NAMESPACE },
  };
  return [
    gitRepositoryPatch,
    {
      patch: JSON.stringify([{ op: "add", path: "/spec/patches", value: [gitRepositoryPatch] }]),
      target: {
        group: "kustomize.toolkit.fluxcd.io",
        kind: "Kustomization",
        namespace: FLUX_NAMESPACE,
      },
    },
  ];
}

export function bootstrapGitRepository(input: BootstrapInput): GitRepositoryObject {
  return {
    apiVersion: GIT_REPOSITORY_API,
    kind: "GitRepository",
    metadata: { name: BOOTSTRAP_NAME, namespace: FLUX_NAMESPACE },
    spec: {
      interval: input.sourceInterval,
      url: input.fluxRepoUrl,
      ref: { branch: input.branch },
      ...(input.gitAuth === "aws-provider"
        ? { provider: "aws" as const }
        : { secretRef: { name: CODECOMMIT_SECRET_NAME } }),
    },
  };
}

export function bootstrapKustomization(input: BootstrapInput): KustomizationObject {
  return {
    apiVersion: KUSTOMIZATION_API,
    kind: "Kustomization",
    metadata: { name: BOOTSTRAP_NAME, namespace: FLUX_NAMESPACE },
    spec: {
      interval: input.kustomizationInterval,
      path: `./clusters/${input.environment}`,
      prune: true,
      sourceRef: { kind: "GitRepository", name: BOOTSTRAP_NAME },
      postBuild: { substituteFrom: [{ kind: "ConfigMap", name: CLUSTER_INFO_NAME }] },
      ...(input.gitAuth === "https-credential" ? { patches: httpsCredentialPatches() } : {}),
    },
  };
}

/** What the Karpenter chart, EC2NodeClass and NodePool in flux-repo read from cluster-info. */
export interface KarpenterClusterInfo<T> {
  readonly controllerRoleArn: T;
  readonly interruptionQueue: T;
  readonly instanceProfile: T;
  readonly capacityType: "spot" | "on-demand";
  /** vCPU. */
  readonly cpuLimit: number;
  readonly memoryLimitGiB: number;
}

/** Per-cluster values, by meaning; `clusterInfoData` maps them onto the contract's keys. */
export interface ClusterInfoInput<T> {
  readonly environment: T;
  readonly accountId: T;
  readonly region: T;
  readonly clusterName: T;
  readonly vpcId: T;
  readonly ecrRegistry: T;
  readonly fluxRepoUrl: T;
  readonly microservicesRepoUrl: T;
  readonly gitBranch: T;
  /** The microservices-repo branch of this environment's promotion stage. */
  readonly appsBranch: T;
  readonly lbControllerRoleArn: T;
  /** Karpenter's AWS side (components/autoscaling) and the NodePool's settings. */
  readonly karpenter: KarpenterClusterInfo<T>;
  readonly fluxRepoName: T;
  readonly microservicesRepoName: T;
  readonly deploymentFeedbackAddress: T;
  readonly appsLoadBalancerName: T;
  /**
   * The settings the GitOps content follows (plain values): `intervals` and `imageAutomation`
   * (settings.flux; per-environment defaults in stacks/profiles.ts).
   */
  readonly flux: Pick<FluxOptions, "intervals" | "imageAutomation">;
  /** The applications' domain, certificate and DNS (components/domain); undefined: plain HTTP. */
  readonly appDomain?: {
    readonly domain: string;
    readonly certificateArn: T;
    readonly hostedZoneId: T;
    readonly externalDnsRoleArn: T;
  };
  /** The receiver relay's load balancer parts (components/receivers); undefined: no relay. */
  readonly receivers?: ReceiverClusterInfo<T>;
}

/**
 * Data of ConfigMap `flux-system/cluster-info`: exactly the keys of `CLUSTER_INFO_KEYS` (the
 * `ClusterInfo` type makes a missing or extra key a compile error).
 */
export function clusterInfoData<T>(v: ClusterInfoInput<T>): ClusterInfo<T | string> {
  return {
    ENVIRONMENT: v.environment,
    AWS_ACCOUNT_ID: v.accountId,
    AWS_REGION: v.region,
    CLUSTER_NAME: v.clusterName,
    VPC_ID: v.vpcId,
    ECR_REGISTRY: v.ecrRegistry,
    FLUX_REPO_URL: v.fluxRepoUrl,
    MICROSERVICES_REPO_URL: v.microservicesRepoUrl,
    GIT_BRANCH: v.gitBranch,
    APPS_BRANCH: v.appsBranch,
    LB_CONTROLLER_ROLE_ARN: v.lbControllerRoleArn,
    KARPENTER_ROLE_ARN: v.karpenter.controllerRoleArn,
    KARPENTER_INTERRUPTION_QUEUE: v.karpenter.interruptionQueue,
    KARPENTER_INSTANCE_PROFILE: v.karpenter.instanceProfile,
    KARPENTER_CAPACITY_TYPE: v.karpenter.capacityType,
    KARPENTER_CPU_LIMIT: String(v.karpenter.cpuLimit),
    KARPENTER_MEMORY_LIMIT: `${v.karpenter.memoryLimitGiB}Gi`,
    FLUX_REPO_NAME: v.fluxRepoName,
    MICROSERVICES_REPO_NAME: v.microservicesRepoName,
    DEPLOYMENT_FEEDBACK_ADDRESS: v.deploymentFeedbackAddress,
    APPS_LOAD_BALANCER_NAME: v.appsLoadBalancerName,
    SOURCE_INTERVAL: v.flux.intervals.source,
    KUSTOMIZATION_INTERVAL: v.flux.intervals.kustomization,
    IMAGE_SCAN_INTERVAL: v.flux.intervals.imageScan,
    IMAGE_AUTOMATION_INTERVAL: v.flux.intervals.imageAutomation,
    // An environment without image automation keeps the ImageUpdateAutomation object (if its
    // content has one) but suspended: its controller has no role that may push there.
    IMAGE_AUTOMATION_SUSPEND: String(!v.flux.imageAutomation),
    // Without a domain every key stays set (strict substitution) but empty, and nothing that
    // needs one runs: the http component, external-dns suspended.
    INGRESS_MODE: v.appDomain === undefined ? "http" : "https",
    APPS_DOMAIN: v.appDomain?.domain ?? "",
    CERTIFICATE_ARN: v.appDomain?.certificateArn ?? "",
    HOSTED_ZONE_ID: v.appDomain?.hostedZoneId ?? "",
    EXTERNAL_DNS_ROLE_ARN: v.appDomain?.externalDnsRoleArn ?? "",
    EXTERNAL_DNS_SUSPEND: String(v.appDomain === undefined),
    ...receiverClusterInfo(v.receivers),
  };
}
