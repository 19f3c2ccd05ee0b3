/**
 * Environment profiles: the defaults of every setting, as data. A runtime profile is the base plus
 * a small difference per environment; `test/stacks/profiles.spec.ts` prints them side by side.
 * These are the only defaults in the program: `Pulumi.yaml` declares keys without defaults
 * where environments differ, and a test checks the defaults it does declare against these.
 */
import type { DeploymentsRunner, RuntimeProfile } from "./settings";
import { DEFAULT_FLUX_CHART_VERSION } from "../components/flux";
import type { ServiceEnvironmentDefaults, ServiceSpec } from "../components/services";

/** The newest EKS Kubernetes version in standard support (see `components/cluster/kubernetes-versions.ts`). */
export const DEFAULT_KUBERNETES_VERSION = "1.36";

/** Values a runtime stack starts from, before its environment's difference and its config. */
export interface RuntimeProfileValues {
  readonly vpcCidr: string;
  readonly availabilityZones: number;
  readonly publicSubnetPrefix: number;
  readonly privateSubnetPrefix: number;
  readonly natGateways: "Single" | "OnePerAz";
  readonly flowLogs: boolean;
  readonly flowLogRetentionDays: number;
  readonly kubernetesVersion: string;
  readonly clusterSupportType: "STANDARD" | "EXTENDED";
  readonly clusterLogTypes: readonly string[];
  readonly clusterLogRetentionDays: number;
  readonly endpointPublicAccess: boolean;
  readonly publicAccessCidrs: readonly string[];
  readonly adminPrincipalArns: readonly string[];
  readonly deploymentsAccess: boolean;
  readonly deploymentsRunner: DeploymentsRunner;
  readonly allowSpot: boolean;
  readonly nodeGroups: readonly {
    readonly name: string;
    readonly instanceTypes: readonly string[];
    readonly capacityType: "ON_DEMAND" | "SPOT";
    readonly minSize: number;
    readonly desiredSize: number;
    readonly maxSize: number;
    readonly diskSizeGiB: number;
    readonly labels: Readonly<Record<string, string>>;
  }[];
  readonly protect: boolean;
  readonly karpenter: {
    readonly capacityType: "spot" | "on-demand";
    readonly cpuLimit: number;
    readonly memoryLimitGiB: number;
  };
  readonly fluxChartVersion: string;
  readonly fluxImageAutomation: boolean;
  /** Go duration `pulumi up` waits for the bootstrap GitRepository and Kustomization to be Ready. */
  readonly fluxReadyTimeout: string;
  readonly fluxIntervals: {
    readonly source: string;
    readonly kustomization: string;
    readonly imageScan: string;
    readonly imageAutomation: string;
  };
  /** Flux Receivers reached from EventBridge (components/receivers). */
  readonly fluxReceivers: boolean;
  /** The intervals when receivers are on: polling only catches a lost event. */
  readonly fluxFallbackIntervals: RuntimeProfileValues["fluxIntervals"];
  /** '' = no domain: the applications are served over plain HTTP. */
  readonly domain: string;
  /** '' = the domain itself names the hosted zone. */
  readonly hostedZone: string;
  readonly httpsRequired: boolean;
  readonly sopsEncryptPrincipalArns: readonly string[];
}

const runtimeBase: RuntimeProfileValues = {
  vpcCidr: "10.0.0.0/16",
  availabilityZones: 3,
  // 3 x /19 private (8,192 addresses each: VPC CNI gives every pod a VPC IP) + 3 x /24 public.
  privateSubnetPrefix: 19,
  publicSubnetPrefix: 24,
  natGateways: "Single",
  flowLogs: false,
  flowLogRetentionDays: 30,
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  // Outside prod, an automatic control-plane upgrade is cheaper than extended support.
  clusterSupportType: "STANDARD",
  clusterLogTypes: ["api", "audit", "authenticator"],
  clusterLogRetentionDays: 30,
  endpointPublicAccess: true,
  publicAccessCidrs: ["0.0.0.0/0"],
  adminPrincipalArns: [],
  deploymentsAccess: false,
  deploymentsRunner: "pulumi-hosted",
  allowSpot: true,
  // The managed node group runs the controllers (Flux, Karpenter's two replicas on two nodes in
  // two zones, CoreDNS, the add-ons); Karpenter launches the nodes workloads need.
  nodeGroups: [
    {
      name: "general",
      instanceTypes: ["t3.large"],
      capacityType: "ON_DEMAND",
      minSize: 2,
      desiredSize: 2,
      maxSize: 2,
      diskSizeGiB: 50,
      labels: {},
    },
  ],
  // At most 16 vCPU / 64 GiB of Karpenter nodes (about $560/month at the dearest allowed type).
  karpenter: { capacityType: "on-demand", cpuLimit: 16, memoryLimitGiB: 64 },
  protect: false,
  fluxChartVersion: DEFAULT_FLUX_CHART_VERSION,
  fluxImageAutomation: false,
  // The first Ready needs the image pulls and a clone; a broken IAM role fails the up after this.
  fluxReadyTimeout: "10m",
  fluxIntervals: { source: "5m", kustomization: "10m", imageScan: "5m", imageAutomation: "10m" },
  fluxReceivers: true,
  // A lost event (CodeCommit and ECR deliver to EventBridge best effort) costs at most these.
  fluxFallbackIntervals: {
    source: "15m",
    kustomization: "10m",
    imageScan: "15m",
    imageAutomation: "15m",
  },
  domain: "",
  hostedZone: "",
  httpsRequired: false,
  sopsEncryptPrincipalArns: [],
};

/** What each environment changes on the base. */
const runtimeDifferences: Record<RuntimeProfile, Partial<RuntimeProfileValues>> = {
  dev: {
    vpcCidr: "10.10.0.0/16",
    // Spot and one NAT gateway (~$33/month plus data) keep dev cheap.
    nodeGroups: [
      {
        name: "general",
        instanceTypes: ["t3.large", "t3a.large", "m5.large"],
        capacityType: "SPOT",
        minSize: 2,
        desiredSize: 2,
        maxSize: 2,
        diskSizeGiB: 30,
        labels: {},
      },
    ],
    // Small and on Spot: at most 8 vCPU / 32 GiB of Karpenter nodes.
    karpenter: { capacityType: "spot", cpuLimit: 8, memoryLimitGiB: 32 },
    fluxImageAutomation: true,
    fluxIntervals: { source: "1m", kustomization: "5m", imageScan: "1m", imageAutomation: "1m" },
    fluxFallbackIntervals: {
      source: "10m",
      kustomization: "5m",
      imageScan: "10m",
      imageAutomation: "10m",
    },
  },
  staging: {
    vpcCidr: "10.20.0.0/16",
    flowLogs: true,
    flowLogRetentionDays: 14,
  },
  prod: {
    vpcCidr: "10.30.0.0/16",
    // One NAT per AZ: losing an AZ does not cut the others off the internet.
    natGateways: "OnePerAz",
    flowLogs: true,
    flowLogRetentionDays: 90,
    clusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    clusterLogRetentionDays: 90,
    allowSpot: false,
    // Prod is never upgraded behind its owners' backs; the plan's cost estimate shows the price.
    clusterSupportType: "EXTENDED",
    nodeGroups: [
      {
        name: "general",
        instanceTypes: ["m6i.large"],
        capacityType: "ON_DEMAND",
        minSize: 2,
        desiredSize: 2,
        maxSize: 2,
        diskSizeGiB: 50,
        labels: {},
      },
    ],
    // On-Demand, across every zone of the VPC; at most 48 vCPU / 192 GiB of Karpenter nodes.
    karpenter: { capacityType: "on-demand", cpuLimit: 48, memoryLimitGiB: 192 },
    protect: true,
    // No default for who may reach the Kubernetes API: the stack file must choose (CIDRs, or a
    // private endpoint with a runner in the VPC; README, "Kubernetes API endpoint").
    publicAccessCidrs: [],
    // Customers reach prod over HTTPS only, unless its stack file opts out.
    httpsRequired: true,
  },
};

export function runtimeProfile(profile: RuntimeProfile): RuntimeProfileValues {
  return { ...runtimeBase, ...runtimeDifferences[profile] };
}

/** Defaults of the shared (delivery) stack. */
export const deliveryProfile = {
  fluxRepoName: "flux-repo",
  microservicesRepoName: "microservices-repo",
  appRepoName: "app-repo",
  defaultBranch: "main",
  // The two sample services (gitops/): the public front-end, and the catalogue API it calls.
  services: [{ name: "front-end", expose: "alb" }, "catalogue"] as readonly (
    string | Readonly<Record<string, unknown>>
  )[],
  ecrUntaggedExpiryDays: 7,
  ecrKeepImagesPerBranch: 30,
  ecrBranches: ["main"] as readonly string[],
  ecrPullAccountIds: [] as readonly string[],
  ecrForceDelete: false,
  buildComputeType: "BUILD_GENERAL1_SMALL",
  buildImage: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
  buildLogRetentionDays: 30,
  artifactExpiryDays: 30,
  pipelineBranch: "main",
  feedbackLogDays: 30,
  // dev builds, staging takes one approval, prod two; no approver list: anyone allowed to approve.
  promotion: [
    { environment: "dev" },
    { environment: "staging", approvals: 1 },
    { environment: "prod", approvals: 2 },
  ] as readonly (string | Readonly<Record<string, unknown>>)[],
  // The registry and repositories hold what every environment runs: protected by default.
  protect: true,
  deployments: {
    enabled: false,
    gitHost: "github" as "github" | "codecommit",
    repository: "",
    branch: "main",
    prodBranch: "production",
    repoDir: "",
    stacks: ["shared", "dev", "staging", "prod"] as readonly string[],
    prodStacks: ["prod"] as readonly string[],
  },
};

/** What a `services` entry leaves out (the folder defaults to the service's name). */
export const SERVICE_DEFAULTS: Omit<ServiceSpec, "name" | "folder"> = {
  port: 8080,
  healthPath: "/healthz",
  expose: "internal",
};

/**
 * What a service's overlay starts from in each runtime profile: `npm run add-service` writes it
 * (unless told otherwise); the overlay files own it afterwards. The replica ranges are the sample
 * front-end's HorizontalPodAutoscaler's; requests are small because the samples are; prod spreads
 * replicas over zones and keeps a disruption budget.
 */
export const SERVICE_ENVIRONMENT_DEFAULTS: Readonly<
  Record<RuntimeProfile, ServiceEnvironmentDefaults>
> = {
  dev: {
    minReplicas: 1,
    maxReplicas: 3,
    cpu: "25m",
    memory: "64Mi",
    memoryLimit: "128Mi",
    highAvailability: false,
  },
  staging: {
    minReplicas: 2,
    maxReplicas: 6,
    cpu: "100m",
    memory: "128Mi",
    memoryLimit: "256Mi",
    highAvailability: false,
  },
  prod: {
    minReplicas: 3,
    maxReplicas: 10,
    cpu: "200m",
    memory: "256Mi",
    memoryLimit: "512Mi",
    highAvailability: true,
  },
};
