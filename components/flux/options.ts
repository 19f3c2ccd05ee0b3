/**
 * What a stack decides about Flux (`FluxArgs.settings`): the chart, how it reaches CodeCommit,
 * whether it writes image tags back to git, and its intervals. stacks/ derives its settings type
 * from this one; the defaults per environment are in stacks/profiles.ts.
 */

/** How Flux authenticates to CodeCommit over HTTPS. */
export type FluxGitAuth =
  /** `GitRepository.spec.provider: aws` with IRSA on the controllers (Flux >= 2.9). No secret exists. */
  | "aws-provider"
  /** An IAM user's HTTPS Git service-specific credential in a Kubernetes Secret (any Flux 2.x). */
  | "https-credential";

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

export interface FluxOptions {
  /** Version of the fluxcd-community `flux2` Helm chart, one of `FLUX_CHART_RELEASES`. */
  readonly chartVersion: string;
  /** How Flux authenticates to CodeCommit. */
  readonly gitAuth: FluxGitAuth;
  /** Add the legacy `--aws-autologin-for-ecr` flag (only valid for Flux < 2.7). */
  readonly legacyEcrAutologin: boolean;
  /** Whether this environment runs image automation (tags written back to git). */
  readonly imageAutomation: boolean;
  /**
   * Flux Receivers reached from EventBridge (components/receivers): pushes to ECR and to the
   * synced branches reconcile at once, and `intervals` are the polling fallback.
   */
  readonly receivers: boolean;
  readonly intervals: FluxIntervals;
  /**
   * Go duration (`10m`) `pulumi up` waits for the bootstrap GitRepository and Kustomization to be
   * Ready before it fails with Flux's warnings (`customTimeouts` of both; default in
   * stacks/profiles.ts).
   */
  readonly readyTimeout: string;
}
