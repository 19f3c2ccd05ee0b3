/**
 * Which promotion an event asks for: a `succeeded` status of a service (the Flux Kustomization
 * `<service>` of microservices-repo) in a stage that has a next stage. Everything else opens
 * nothing, with the reason (logged): `progressing`, `failed`, `superseded`, the last stage, other
 * repositories, HelmReleases, revisions without a commit or without images.
 */
import type { DeploymentStatusChangeDetail } from "../../connector/src/contract";
import { nextStage, type PromotionStage } from "../../components/promotion/stages";

export interface PromotionConfig {
  /** The CodeCommit repository the stages sync (microservices-repo). */
  readonly repository: string;
  readonly region: string;
  /** The repository's default branch, which the first stage syncs. */
  readonly defaultBranch: string;
  readonly stages: readonly PromotionStage[];
  /** `<account>.dkr.ecr.<region>.amazonaws.com`: Flux's `${ECR_REGISTRY}`. */
  readonly ecrRegistry: string;
}

/** One service to promote from `source` into `target`. */
export interface PromotionRequest {
  readonly source: string;
  readonly target: string;
  readonly service: string;
  readonly commitId: string;
  readonly revision: string;
  /** Image references as the source ran them (`<registry>/<repo>:<tag>[@<digest>]`). */
  readonly images: readonly string[];
  readonly healthySince: string;
  readonly eventId: string;
  readonly requestedBy: string;
}

/** A Kubernetes object name (RFC 1123 label): also keeps paths inside the service's folders. */
export const SERVICE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export type Plan = { readonly promote: PromotionRequest } | { readonly ignore: string };

export function planPromotion(d: DeploymentStatusChangeDetail, config: PromotionConfig): Plan {
  if (d.schemaVersion !== 1) return { ignore: `schema version ${String(d.schemaVersion)}` };
  if (d.status !== "succeeded") return { ignore: `status ${d.status}: nothing to promote` };
  const next = nextStage(config.stages, d.environment);
  if (!config.stages.some((s) => s.environment === d.environment))
    return { ignore: `${d.environment} is not a stage of the promotion path` };
  if (!next) return { ignore: `${d.environment} is the last stage` };
  if (d.repository !== config.repository)
    return { ignore: `repository ${d.repository ?? "(none)"} is not ${config.repository}` };
  const [kind, , service] = d.application.split("/");
  if (kind !== "Kustomization" || !service || !SERVICE_NAME.test(service))
    return { ignore: `application ${d.application} is not a service's Kustomization` };
  if (!d.commitId) return { ignore: `revision ${d.revision} has no Git commit` };
  if (d.images.length === 0) return { ignore: `revision ${d.revision} lists no images` };
  return {
    promote: {
      source: d.environment,
      target: next.environment,
      service,
      commitId: d.commitId,
      revision: d.revision,
      images: d.images,
      healthySince: d.statusSince,
      eventId: d.id,
      requestedBy: "event",
    },
  };
}
