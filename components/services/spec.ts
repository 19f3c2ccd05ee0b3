/**
 * A service of the platform as data: what one `gitops-platform:services` entry of the shared stack
 * decides (its ECR repository, image pipeline and build trigger; the GitOps files it starts from),
 * and the per-environment values its overlay files start from.
 */

/**
 * How a service is reached. `alb`: an Ingress on the cluster's one shared, internet-facing
 * Application Load Balancer (IngressClass `alb`, group `apps`; about $16/month plus LCUs per
 * cluster, shared by every exposed service, https://aws.amazon.com/elasticloadbalancing/pricing/).
 * `internal`: a ClusterIP Service only, reached inside the cluster as
 * `<name>.<name>.svc.cluster.local` (the Service and its namespace are both named after the service).
 */
export type Exposure = "alb" | "internal";
export const EXPOSURES: readonly Exposure[] = ["alb", "internal"];

/** One service, resolved from its settings entry (defaults in stacks/profiles.ts). */
export interface ServiceSpec {
  /**
   * The service's name: its ECR repository, image pipeline, Kubernetes namespace, Deployment and
   * Service, Flux Kustomization and ImagePolicy. A DNS-1035 label (Kubernetes Service names):
   * lower-case letters, digits and '-', starting with a letter, at most 63 characters.
   */
  readonly name: string;
  /**
   * Folder of the service in app-repo, holding its Dockerfile (the build context). A push that
   * changes a file under it builds the image; other pushes do not. Default: the name.
   */
  readonly folder: string;
  /** Port the container listens on (1024-65535: the container runs as a non-root user). Default 8080. */
  readonly port: number;
  /** HTTP path of the readiness and liveness probes (and of the ALB health check). Default `/healthz`. */
  readonly healthPath: string;
  /** `alb` or `internal` (see `Exposure`). Default `internal`: nothing is public unless asked. */
  readonly expose: Exposure;
}

/** What a service's overlay of one environment starts from (the overlay files own it afterwards). */
export interface ServiceEnvironment {
  /** Environment name: a folder of flux-repo/clusters and of microservices-repo/overlays. */
  readonly name: string;
  /**
   * Fewest and most replicas of the service's HorizontalPodAutoscaler (CPU against the requests),
   * which owns the replica count: no file sets the Deployment's `replicas`, or every Flux
   * reconciliation would reset it.
   */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** CPU request, a Kubernetes quantity such as `25m`. */
  readonly cpu: string;
  /** Memory request, such as `64Mi`. */
  readonly memory: string;
  /** Memory limit, such as `128Mi` (no CPU limit: throttling hurts latency more than sharing). */
  readonly memoryLimit: string;
  /** Spread replicas over zones and keep a PodDisruptionBudget (prod). */
  readonly highAvailability: boolean;
  /**
   * Flux image automation writes this environment's tag: an ImagePolicy in flux-repo apps/<env> and
   * the `$imagepolicy` marker on the overlay's tag. True where apps/<env> has the
   * ImageUpdateAutomation (dev).
   */
  readonly imageAutomation: boolean;
}

/** The per-profile part of `ServiceEnvironment` (stacks/profiles.ts holds one per profile). */
export type ServiceEnvironmentDefaults = Omit<ServiceEnvironment, "name" | "imageAutomation">;

/**
 * Names a service cannot take, with the reason: its Flux Kustomization would replace one of the
 * cluster's own in flux-system (clusters/<env>), its namespace would be a system namespace, or its
 * CodeBuild project would take the build router's name.
 */
export const RESERVED_SERVICE_NAMES: Readonly<Record<string, string>> = {
  apps: "the cluster's apps Kustomization in flux-system",
  "infrastructure-controllers": "a Kustomization in flux-system",
  "infrastructure-configs": "a Kustomization in flux-system",
  "flux-system": "Flux's namespace and bootstrap objects",
  "microservices-repo": "the GitRepository and ImageUpdateAutomation in flux-system",
  default: "a Kubernetes system namespace",
  "kube-system": "a Kubernetes system namespace",
  "kube-public": "a Kubernetes system namespace",
  "kube-node-lease": "a Kubernetes system namespace",
  "build-router": "the CodeBuild project that starts the image pipelines",
};

/** Why `name` cannot name a service, or undefined. */
export function serviceNameProblem(name: string): string | undefined {
  if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) {
    return "not a service name (a DNS-1035 label: lower-case letters, digits and '-', starting with a letter, not ending with '-', at most 63 characters; it names the ECR repository, namespace, Deployment and Service)";
  }
  const reserved = RESERVED_SERVICE_NAMES[name];
  return reserved ? `reserved: it would collide with ${reserved}` : undefined;
}

/** Why `folder` cannot be a service's folder in app-repo, or undefined. */
export function serviceFolderProblem(folder: string): string | undefined {
  const parts = folder.split("/");
  return /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(folder) &&
    !parts.some((p) => p === "." || p === "..")
    ? undefined
    : "not a folder of app-repo (a relative path of letters, digits, '.', '_' and '-' segments, without '.' or '..')";
}

/** Why `path` cannot be an HTTP health path, or undefined. */
export function healthPathProblem(path: string): string | undefined {
  return /^\/[A-Za-z0-9._~\/-]*$/.test(path)
    ? undefined
    : "not an HTTP path (starts with '/', letters, digits and . _ ~ / - only)";
}

/** Why `port` cannot be the container port, or undefined. */
export function portProblem(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1024 && port <= 65535
    ? undefined
    : "must be an integer from 1024 to 65535 (the container runs as a non-root user without NET_BIND_SERVICE)";
}
