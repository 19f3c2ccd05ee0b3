/**
 * The ledger's writes as pure functions of an observation: every write is one conditional
 * `UpdateItem`, so concurrent deliveries never read-modify-write. The rules:
 * - order: an event's order key is `<ISO timestamp>#<rank>`; within one second a final status
 *   beats `progressing` and `succeeded` beats `failed` (Flux timestamps have second precision);
 * - a revision row changes status only for an event newer than the newest applied
 *   (`transition`); the same status refreshes message and time (`refresh`); anything older is
 *   ignored, so repeats are idempotent and reordering cannot move a status back;
 * - `failed` then `succeeded` for one revision ends `succeeded`; `superseded` only replaces
 *   `progressing` (a failure or success stays as history);
 * - the `current` row moves only to a revision first seen later than the one it names.
 */
import {
  currentKey,
  FINAL_STATUSES,
  revisionKey,
  SCHEMA_VERSION,
  type DeploymentStatus,
} from "./contract";
import { and, compare, exists, notExists, or, type Update } from "./expression";
import type { Observation } from "./flux-event";

const RANK: Readonly<Record<DeploymentStatus, number>> = {
  progressing: 1,
  superseded: 2,
  failed: 3,
  succeeded: 4,
};

export function orderKey(timestamp: string, status: DeploymentStatus): string {
  return `${timestamp}#${RANK[status]}`;
}

const isFinal = (s: DeploymentStatus) => FINAL_STATUSES.includes(s);

function common(o: Observation) {
  return {
    type: "revision",
    schemaVersion: SCHEMA_VERSION,
    environment: o.environment,
    application: o.application,
    revision: o.revision,
    cluster: o.cluster,
    ...(o.commitId ? { commitId: o.commitId } : {}),
    ...(o.repository ? { repository: o.repository } : {}),
  };
}

/** The revision changes status (or is created). */
export function transition(o: Observation, images: readonly string[]): Update {
  const order = orderKey(o.timestamp, o.status);
  return {
    key: revisionKey(o.environment, o.application, o.revision),
    set: {
      ...common(o),
      images,
      status: o.status,
      reason: o.reason,
      message: o.message,
      firstSeenAt: { ifNotExists: o.timestamp },
      lastEventAt: o.timestamp,
      lastEventOrder: order,
      statusSince: o.timestamp,
      statusOrder: order,
      ...(isFinal(o.status) ? { finishedAt: o.timestamp } : {}),
    },
    remove: ["supersededBy", ...(isFinal(o.status) ? [] : ["finishedAt"])],
    condition: or(
      notExists("sk"),
      and(compare("lastEventOrder", "<", order), compare("status", "<>", o.status)),
    ),
  };
}

/** Same status again (a repeat, or a newer event of it): newest message and time only. */
export function refresh(o: Observation, images: readonly string[]): Update {
  const order = orderKey(o.timestamp, o.status);
  return {
    key: revisionKey(o.environment, o.application, o.revision),
    set: {
      images,
      reason: o.reason,
      message: o.message,
      lastEventAt: o.timestamp,
      lastEventOrder: order,
    },
    condition: and(compare("status", "=", o.status), compare("lastEventOrder", "<=", order)),
  };
}

/** Points `current` at the revision if it was first seen after the one there. */
export function moveCurrent(o: Observation, firstSeenAt: string, now: string): Update {
  return {
    key: currentKey(o.environment, o.application),
    set: {
      type: "current",
      schemaVersion: SCHEMA_VERSION,
      environment: o.environment,
      application: o.application,
      revision: o.revision,
      since: firstSeenAt,
      updatedAt: now,
    },
    condition: or(notExists("sk"), compare("since", "<", firstSeenAt)),
  };
}

export interface Supersede {
  readonly environment: string;
  readonly application: string;
  readonly revision: string;
  /** The revision that replaced it. */
  readonly by: string;
  /** Timestamp of the event that made the replacement known. */
  readonly at: string;
  /** Order key at or after every event recorded for the revision. */
  readonly order: string;
  readonly message: string;
}

/** A progressing revision replaced by a newer one ends `superseded`. */
export function supersede(s: Supersede): Update {
  return {
    key: revisionKey(s.environment, s.application, s.revision),
    set: {
      status: "superseded",
      reason: "Superseded",
      message: s.message,
      supersededBy: s.by,
      lastEventAt: s.at,
      lastEventOrder: s.order,
      statusSince: s.at,
      statusOrder: s.order,
      finishedAt: s.at,
    },
    condition: and(compare("status", "=", "progressing"), compare("lastEventOrder", "<=", s.order)),
  };
}

/**
 * A commit Flux never reported because it reconciled a newer one (coalesced): recorded as
 * `superseded` when it has no row yet.
 */
export function coalesced(
  o: Observation,
  revision: string,
  commitId: string,
  s: Pick<Supersede, "at" | "order" | "message">,
): Update {
  return {
    key: revisionKey(o.environment, o.application, revision),
    set: {
      ...common(o),
      revision,
      commitId,
      images: [],
      status: "superseded",
      reason: "Superseded",
      message: s.message,
      supersededBy: o.revision,
      firstSeenAt: s.at,
      lastEventAt: s.at,
      lastEventOrder: s.order,
      statusSince: s.at,
      statusOrder: s.order,
      finishedAt: s.at,
    },
    condition: notExists("sk"),
  };
}

/** Records that the change with `statusOrder` was announced (comment and event). */
export function markNotified(key: { pk: string; sk: string }, statusOrder: string): Update {
  return {
    key,
    set: { notifiedOrder: statusOrder },
    condition: and(
      exists("sk"),
      or(notExists("notifiedOrder"), compare("notifiedOrder", "<", statusOrder)),
    ),
  };
}
