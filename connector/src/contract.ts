/**
 * The published contract of the deployment-feedback connector: the EventBridge event it puts and
 * the DynamoDB ledger it keeps. Other tools (the promotion issue, dashboards) subscribe to the
 * event and read the ledger through these types; change them only additively.
 *
 * Event: source `gitops-platform`, detail-type `Deployment Status Change`, on the account's
 * default bus, one per status change of one revision of one application in one environment.
 * Delivery is at least once: `detail.id` is the same for every copy of one change.
 *
 * Ledger (one table, on-demand):
 * - partition key `pk` = the environment name (`dev`);
 * - sort key `sk` = `current#<application>` (what runs now) or
 *   `revision#<application>#<revision>` (one row per revision Flux reported, plus commits it
 *   coalesced away);
 * - `<application>` = `<Kind>/<namespace>/<name>` of the Flux object, e.g.
 *   `Kustomization/flux-system/front-end`.
 * `Query pk = :env` returns a whole environment; `begins_with(sk, "current#")` its applications.
 */

export const EVENT_SOURCE = "gitops-platform";
export const EVENT_DETAIL_TYPE = "Deployment Status Change";
/** Version of `DeploymentStatusChangeDetail` and of the ledger items. */
export const SCHEMA_VERSION = 1;

export const DEPLOYMENT_STATUSES = ["progressing", "succeeded", "failed", "superseded"] as const;
/**
 * - `progressing`: Flux reported the revision and has not finished with it;
 * - `succeeded`: applied and healthy (a later success after a failure ends here too);
 * - `failed`: Flux reported an error for it (a later success turns it into `succeeded`);
 * - `superseded`: a newer revision replaced it before it finished, or Flux never applied it
 *   because it coalesced it with newer commits.
 */
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
export const FINAL_STATUSES: readonly DeploymentStatus[] = ["succeeded", "failed", "superseded"];

/** The Flux kinds whose events the connector records. */
export const APPLICATION_KINDS = ["Kustomization", "HelmRelease"] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export interface ApplicationRef {
  readonly kind: ApplicationKind;
  readonly namespace: string;
  readonly name: string;
}

/** `<Kind>/<namespace>/<name>`. */
export function applicationId(a: ApplicationRef): string {
  return `${a.kind}/${a.namespace}/${a.name}`;
}

/** `detail` of a `Deployment Status Change` event. */
export interface DeploymentStatusChangeDetail {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  /** Stable for one change: sha256 of environment, application, revision, status and its order. */
  readonly id: string;
  readonly environment: string;
  /** EKS cluster name (the Alert's `eventMetadata.cluster`); "" when Flux did not send it. */
  readonly cluster: string;
  /** `<Kind>/<namespace>/<name>`. */
  readonly application: string;
  /** The revision as Flux reports it: `main@sha1:<40 hex>` for Git, a chart version for Helm. */
  readonly revision: string;
  /** The Git commit, when the revision is a SHA-1 Git revision. */
  readonly commitId?: string;
  /** The CodeCommit repository of the commit (the object's `event.toolkit.fluxcd.io/repository`). */
  readonly repository?: string;
  /** Image references the revision deploys (`images:` of its kustomization.yaml), may be empty. */
  readonly images: readonly string[];
  readonly status: DeploymentStatus;
  /** The status before this change; absent for a revision's first status. */
  readonly previousStatus?: DeploymentStatus;
  /** Flux's reason (`ReconciliationSucceeded`, `HealthCheckFailed`, ...), or `Superseded`. */
  readonly reason: string;
  /** Flux's message (or why the revision was superseded). */
  readonly message: string;
  /** ISO 8601: when Flux first reported the revision. */
  readonly firstSeenAt: string;
  /** ISO 8601: when the revision reached this status. */
  readonly statusSince: string;
  /** The revision that replaced this one (status `superseded`). */
  readonly supersededBy?: string;
}

/** Ledger row `revision#<application>#<revision>`. */
export interface RevisionItem {
  readonly pk: string;
  readonly sk: string;
  readonly type: "revision";
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly environment: string;
  readonly application: string;
  readonly revision: string;
  readonly cluster: string;
  readonly commitId?: string;
  readonly repository?: string;
  readonly images: readonly string[];
  readonly status: DeploymentStatus;
  readonly reason: string;
  readonly message: string;
  /** ISO 8601 of the earliest event recorded for the revision. */
  readonly firstSeenAt: string;
  /** ISO 8601 of the newest event applied. */
  readonly lastEventAt: string;
  /** Order key of the newest event applied: `<ISO timestamp>#<status rank>`. */
  readonly lastEventOrder: string;
  readonly statusSince: string;
  /** Order key of the change to the current status. */
  readonly statusOrder: string;
  /** ISO 8601 when the status became final; absent while progressing. */
  readonly finishedAt?: string;
  readonly supersededBy?: string;
  /** `statusOrder` of the last change whose comment and event went out. */
  readonly notifiedOrder?: string;
}

/** Ledger row `current#<application>`: the revision the application runs (or is rolling out). */
export interface CurrentItem {
  readonly pk: string;
  readonly sk: string;
  readonly type: "current";
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly environment: string;
  readonly application: string;
  readonly revision: string;
  /** `firstSeenAt` of that revision; the row only moves to a revision first seen later. */
  readonly since: string;
  readonly updatedAt: string;
}

export const CURRENT_PREFIX = "current#";
export const REVISION_PREFIX = "revision#";

export function currentKey(environment: string, application: string) {
  return { pk: environment, sk: `${CURRENT_PREFIX}${application}` };
}

export function revisionKey(environment: string, application: string, revision: string) {
  return { pk: environment, sk: `${REVISION_PREFIX}${application}#${revision}` };
}

/**
 * An EventBridge rule pattern for status changes, e.g. dev's successes for the promotion:
 * `statusChangePattern({ environments: ["dev"], statuses: ["succeeded"] })`.
 */
export function statusChangePattern(filter: {
  readonly environments?: readonly string[];
  readonly statuses?: readonly DeploymentStatus[];
  readonly applications?: readonly string[];
}): Record<string, unknown> {
  const detail: Record<string, readonly string[]> = {
    ...(filter.environments ? { environment: filter.environments } : {}),
    ...(filter.statuses ? { status: filter.statuses } : {}),
    ...(filter.applications ? { application: filter.applications } : {}),
  };
  return {
    source: [EVENT_SOURCE],
    "detail-type": [EVENT_DETAIL_TYPE],
    ...(Object.keys(detail).length > 0 ? { detail } : {}),
  };
}
