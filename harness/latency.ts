/**
 * How long from a push to the rollout starting, Flux side only (CodeBuild excluded): from an ECR
 * `PutImage` to the dev Deployment's rollout, and from a merged promotion (a push to the branch an
 * environment syncs) to its rollout, with receivers (the event path) and without (polling at the
 * stack's intervals; with receivers on, what a lost event costs). A bound is the sum of its steps'
 * upper figures; a poll waits at most its interval. Computed from the recorded cluster-info
 * (intervals, image automation, receivers) and the relay's rules. Printed by the offline plan.
 *
 * The chain, as the controllers wire it: the Receiver annotates the object
 * (`reconcile.fluxcd.io/requestedAt`) and its controller reconciles at once; ImagePolicy watches
 * its ImageRepository; ImageUpdateAutomation watches ImagePolicies (latest-image change predicate,
 * fluxcd/image-automation-controller `SetupWithManager`); a Kustomization watches its source's
 * artifact revision. So the only waits are the polls the events replace.
 */
import { durationSeconds } from "../stacks/rules";
import type { StackRun } from "./record";

export interface LatencyStep {
  readonly step: string;
  readonly seconds: number;
  readonly source: string;
}

export interface LatencyPath {
  readonly path: "image-to-dev-rollout" | "promotion-to-rollout";
  readonly seconds: number;
  readonly steps: readonly LatencyStep[];
}

export interface LatencyEstimate {
  readonly environment: string;
  /** The relay runs (receivers on): the event bounds apply; otherwise only polling. */
  readonly receivers: boolean;
  readonly withReceivers: readonly LatencyPath[];
  readonly withoutReceivers: readonly LatencyPath[];
}

/** What the bound depends on, as the recorded cluster-info writes it. */
export interface LatencyInput {
  readonly environment: string;
  readonly receivers: boolean;
  readonly imageAutomation: boolean;
  /** Go durations: GitRepository poll and ImageRepository scan. */
  readonly sourceInterval: string;
  readonly imageScanInterval: string;
}

/** The target of issue 14: with receivers, at most 30 s on each path. */
export const LATENCY_TARGET_SECONDS = 30;

const step = (name: string, seconds: number, source: string): LatencyStep => ({
  step: name,
  seconds,
  source,
});

/** Figures, each an upper budget for one step; the sources say where they come from. */
export const STEPS = {
  event: step(
    "AWS event to the relay (EventBridge, default bus)",
    2,
    "EventBridge to an async Lambda target: p99 387 ms (bitesizedserverless.com 'Serverless " +
      "Messaging: Latency Compared', Feb 2023 update); ECR and CodeCommit add their own emit time, " +
      "not published: 2 s budgets five times the bus's p99",
  ),
  relayCold: step(
    "relay cold start in the VPC, token read, signed POST",
    2,
    "Lambda VPC functions use shared Hyperplane ENIs created with the function, not per cold " +
      "start (AWS Compute Blog 'Announcing improved VPC networking for AWS Lambda functions', " +
      "2019); a Node.js cold start plus one SSM GetParameter and one HTTP call: 2 s budget",
  ),
  relayWarm: step(
    "relay warm: signed POST",
    0.5,
    "a warm invocation with the cached token: one HTTP call inside the VPC",
  ),
  receiver: step(
    "Receiver annotates, the controller reconciles",
    1,
    "notification-controller patches reconcile.fluxcd.io/requestedAt; the watch queues it at once",
  ),
  scan: step(
    "ImageRepository scan (ECR tags)",
    3,
    "image-reflector-controller lists the repository's tags (one ECR call for up to 1000 tags)",
  ),
  policy: step(
    "ImagePolicy picks the new tag",
    1,
    "reflector computes the policy from its database on the repository's change",
  ),
  automation: step(
    "ImageUpdateAutomation: clone, commit, push",
    6,
    "image-automation-controller clones microservices-repo, writes the tag, pushes one commit",
  ),
  fetch: step(
    "GitRepository fetch (microservices-repo)",
    3,
    "source-controller clones the branch and stores the artifact",
  ),
  apply: step(
    "Kustomization build and apply: the Deployment changes, its rollout starts",
    5,
    "kustomize-controller builds the overlay and server-side applies it",
  ),
} as const;

const poll = (what: string, interval: string): LatencyStep =>
  step(`wait for the ${what} poll (${interval})`, durationSeconds(interval), "its interval");

const total = (path: LatencyPath["path"], steps: readonly LatencyStep[]): LatencyPath => ({
  path,
  steps,
  seconds: Math.round(steps.reduce((s, x) => s + x.seconds, 0) * 10) / 10,
});

/** The bounds of one environment (pure). */
export function latencyBounds(input: LatencyInput): LatencyEstimate {
  const s = STEPS;
  const gitEvent = [s.event, s.relayWarm, s.receiver, s.fetch, s.apply];
  const withReceivers = [
    ...(input.imageAutomation
      ? [
          total("image-to-dev-rollout", [
            s.event,
            s.relayCold,
            s.receiver,
            s.scan,
            s.policy,
            s.automation,
            ...gitEvent,
          ]),
        ]
      : []),
    // A promotion's event may find the relay cold.
    total("promotion-to-rollout", [s.event, s.relayCold, s.receiver, s.fetch, s.apply]),
  ];
  const gitPoll = [poll("GitRepository", input.sourceInterval), s.fetch, s.apply];
  const withoutReceivers = [
    ...(input.imageAutomation
      ? [
          total("image-to-dev-rollout", [
            poll("ImageRepository", input.imageScanInterval),
            s.scan,
            s.policy,
            s.automation,
            ...gitPoll,
          ]),
        ]
      : []),
    total("promotion-to-rollout", gitPoll),
  ];
  return {
    environment: input.environment,
    receivers: input.receivers,
    withReceivers,
    withoutReceivers,
  };
}

/** The inputs as a recorded environment stack wrote them; undefined for the shared stack. */
export function latencyInput(run: StackRun): LatencyInput | undefined {
  const info = run.resources.find(
    (r) => r.type === "kubernetes:core/v1:ConfigMap" && r.inputs.metadata?.name === "cluster-info",
  )?.inputs.data as Record<string, string> | undefined;
  if (info === undefined) return undefined;
  return {
    environment: info.ENVIRONMENT,
    receivers: info.RECEIVERS_SUSPEND === "false",
    imageAutomation: info.IMAGE_AUTOMATION_SUSPEND === "false",
    sourceInterval: info.SOURCE_INTERVAL,
    imageScanInterval: info.IMAGE_SCAN_INTERVAL,
  };
}

export function estimateLatency(run: StackRun): LatencyEstimate | undefined {
  const input = latencyInput(run);
  return input && latencyBounds(input);
}

const LABEL: Record<LatencyPath["path"], string> = {
  "image-to-dev-rollout": "ECR PutImage -> rollout starts",
  "promotion-to-rollout": "merged promotion (push to the synced branch) -> rollout starts",
};

/** The plan's lines. */
export function latencySection(e: LatencyEstimate | undefined): string[] {
  if (e === undefined) return [];
  const lines = [
    "",
    `How long a deploy takes in ${e.environment} (Flux side, CodeBuild excluded; bounds):`,
  ];
  const paths = e.withoutReceivers.map((p) => p.path);
  for (const path of paths) {
    const on = e.withReceivers.find((p) => p.path === path);
    const off = e.withoutReceivers.find((p) => p.path === path);
    lines.push(
      `  ${LABEL[path]}: ${on?.seconds ?? "-"} s with receivers` +
        `${e.receivers ? "" : " (off in this stack)"}, ${off?.seconds ?? "-"} s ` +
        `${e.receivers ? "when an event is lost (polling fallback)" : "polling"}`,
    );
  }
  return lines;
}
