/**
 * Which Receiver an AWS event is for. The EventBridge rules already select the events
 * (components/receivers/patterns.ts); this repeats the decision on the event itself, so that a
 * rule widened by mistake cannot make the relay poke a Receiver for another environment's branch.
 *
 * Event shapes: ECR `ECR Image Action` (source `aws.ecr`; detail `action-type`, `result`,
 * `repository-name`, `image-tag`, `image-digest`:
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html) and CodeCommit
 * `CodeCommit Repository State Change` (source `aws.codecommit`; detail `event`,
 * `repositoryName`, `referenceType`, `referenceName`, `commitId`:
 * https://docs.aws.amazon.com/codecommit/latest/userguide/monitoring-events.html).
 */

/** What the relay of one environment forwards, and to which Receiver. */
export interface RelayRoutes {
  /** Namespace of the Receivers (`flux-system`). */
  readonly namespace: string;
  /**
   * The image Receiver and the ECR repositories it covers; absent without image automation.
   * `ignoredTagPrefixes`: tags that add no new image to deploy (the build cache's, a promotion's
   * keep tag on an image that exists).
   */
  readonly images?: {
    readonly receiver: string;
    readonly repositories: readonly string[];
    readonly ignoredTagPrefixes?: readonly string[];
  };
  /** Per CodeCommit repository name: its Receiver and the branches this environment syncs. */
  readonly git: Readonly<
    Record<string, { readonly receiver: string; readonly branches: readonly string[] }>
  >;
}

export type Route =
  { readonly receiver: string; readonly subject: string } | { readonly skip: string };

interface AwsEvent {
  readonly source?: unknown;
  readonly "detail-type"?: unknown;
  readonly detail?: Record<string, unknown>;
}

export function routeEvent(event: AwsEvent, routes: RelayRoutes): Route {
  const d = event.detail ?? {};
  if (event.source === "aws.ecr" && event["detail-type"] === "ECR Image Action") {
    if (!routes.images) return { skip: "no image automation in this environment" };
    if (d["action-type"] !== "PUSH" || d.result !== "SUCCESS") {
      return { skip: `ECR ${String(d["action-type"])} ${String(d.result)}` };
    }
    const repo = String(d["repository-name"]);
    if (!routes.images.repositories.includes(repo)) return { skip: `ECR repository ${repo}` };
    const tag = String(d["image-tag"]);
    const ignored = routes.images.ignoredTagPrefixes?.find((p) => tag.startsWith(p));
    if (ignored !== undefined) return { skip: `ECR tag ${tag} (${ignored}*: no new image)` };
    return { receiver: routes.images.receiver, subject: `${repo}:${String(d["image-tag"])}` };
  }
  if (
    event.source === "aws.codecommit" &&
    event["detail-type"] === "CodeCommit Repository State Change"
  ) {
    const repo = String(d.repositoryName);
    const target = routes.git[repo];
    if (!target) return { skip: `CodeCommit repository ${repo}` };
    if (d.event !== "referenceCreated" && d.event !== "referenceUpdated") {
      return { skip: `CodeCommit ${String(d.event)}` };
    }
    const branch = String(d.referenceName);
    if (d.referenceType !== "branch" || !target.branches.includes(branch)) {
      return { skip: `${repo} ${String(d.referenceType)} ${branch} is not synced here` };
    }
    return { receiver: target.receiver, subject: `${repo}@${branch}:${String(d.commitId)}` };
  }
  return { skip: `event ${String(event.source)} ${String(event["detail-type"])}` };
}
