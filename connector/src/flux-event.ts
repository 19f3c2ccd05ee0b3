/**
 * From the JSON a `generic-hmac` Provider posts to one observation of one revision. The payload is
 * fluxcd/pkg `apis/event/v1beta1/event.go` `Event` (involvedObject, severity trace|info|error,
 * timestamp, message, reason, metadata, reportingController, reportingInstance; commit e2cfd1a2).
 *
 * Metadata arrives in two forms. notification-controller >= 1.9 (Flux 2.9) strips the group
 * prefixes and merges the Alert's `eventMetadata` (`internal/server/event_handlers.go`
 * `combineEventMetadata`, commit 2e46958a: `event.toolkit.fluxcd.io/<k>` annotations of the object
 * < Alert eventMetadata < `<object group>/<k>` controller keys), so `revision`, `commit_status`,
 * `environment` arrive bare; older controllers and the docs' example send
 * `kustomize.toolkit.fluxcd.io/revision`. Both are read, the controller's keys winning as there.
 *
 * The revision is fluxcd/pkg `GetRevision`'s choice: `commit`, then `originRevision`, then
 * `revision`. Statuses: kustomize-controller stamps its final `ReconciliationSucceeded` with
 * `commit_status: update` (`internal/controller/kustomization_controller.go`, commit 186fb3b2);
 * helm-controller's reasons are in `api/v2/condition_types.go` (commit 0f61a860).
 */
import {
  APPLICATION_KINDS,
  applicationId,
  type ApplicationKind,
  type DeploymentStatus,
} from "./contract";

const GROUPS: Readonly<Record<ApplicationKind, string>> = {
  Kustomization: "kustomize.toolkit.fluxcd.io",
  HelmRelease: "helm.toolkit.fluxcd.io",
};
const EVENT_GROUP = "event.toolkit.fluxcd.io";

const HELM_SUCCEEDED = new Set(["InstallSucceeded", "UpgradeSucceeded", "TestSucceeded"]);
/** Remediations: the release went back or away because the install or upgrade failed. */
const HELM_FAILED = new Set(["RollbackSucceeded", "UninstallSucceeded"]);

/** One event, understood. */
export interface Observation {
  readonly environment: string;
  readonly cluster: string;
  readonly application: string;
  readonly kind: ApplicationKind;
  readonly revision: string;
  readonly commitId?: string;
  /** The branch or tag part of a Git revision (`main` of `main@sha1:...`). */
  readonly ref?: string;
  readonly repository?: string;
  /** Folder of the revision's kustomization.yaml in `repository` (`event.toolkit.fluxcd.io/path`). */
  readonly path?: string;
  readonly status: Exclude<DeploymentStatus, "superseded">;
  readonly reason: string;
  readonly message: string;
  /** ISO 8601 with milliseconds (comparable as a string). */
  readonly timestamp: string;
  readonly severity: "info" | "error";
}

export type Interpretation =
  | { readonly kind: "observation"; readonly observation: Observation }
  | { readonly kind: "ignored"; readonly why: string }
  | { readonly kind: "malformed"; readonly why: string }
  | { readonly kind: "unsupported"; readonly why: string };

const str = (v: unknown): v is string => typeof v === "string";

/** The metadata in one bare-key map, whichever form it came in. */
export function normalizeMetadata(
  metadata: Readonly<Record<string, string>>,
  kind: ApplicationKind,
): Record<string, string> {
  const out: Record<string, string> = {};
  const strip = (prefix: string) => {
    for (const [k, v] of Object.entries(metadata)) {
      if (k.startsWith(`${prefix}/`)) out[k.slice(prefix.length + 1)] = v;
    }
  };
  // Lowest precedence first, as notification-controller merges them.
  strip(EVENT_GROUP);
  for (const [k, v] of Object.entries(metadata)) if (!k.includes("/")) out[k] = v;
  strip(GROUPS[kind]);
  return out;
}

/** `main@sha1:<40 hex>` or the pre-2.0 `main/<40 hex>`: the ref and commit; else undefined. */
export function parseGitRevision(revision: string): { ref?: string; commitId: string } | undefined {
  const current = /^(?:(.+)@)?sha1:([0-9a-f]{40})$/.exec(revision);
  if (current) return { ref: current[1], commitId: current[2] };
  const legacy = /^(.+)\/([0-9a-f]{40})$/.exec(revision);
  return legacy ? { ref: legacy[1], commitId: legacy[2] } : undefined;
}

function statusOf(
  kind: ApplicationKind,
  severity: string,
  reason: string,
  meta: Record<string, string>,
) {
  if (severity === "error") return "failed" as const;
  if (kind === "Kustomization") {
    return reason === "ReconciliationSucceeded" || meta.commit_status === "update"
      ? ("succeeded" as const)
      : ("progressing" as const);
  }
  if (HELM_SUCCEEDED.has(reason)) return "succeeded" as const;
  return HELM_FAILED.has(reason) ? ("failed" as const) : ("progressing" as const);
}

/**
 * Reads one event posted for `environment` (the path it was posted to, whose key verified the
 * signature). Pure: no I/O.
 */
export function interpretEvent(body: Buffer | string, environment: string): Interpretation {
  let event: unknown;
  try {
    event = JSON.parse(typeof body === "string" ? body : body.toString("utf8"));
  } catch (e) {
    return { kind: "malformed", why: `body is not JSON: ${(e as Error).message}` };
  }
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    return { kind: "malformed", why: "body is not a JSON object" };
  }
  const e = event as Record<string, unknown>;
  const io = e.involvedObject as Record<string, unknown> | undefined;
  const missing = [
    ...(typeof io === "object" && io !== null
      ? (["kind", "namespace", "name"] as const)
          .filter((k) => !str(io[k]))
          .map((k) => `involvedObject.${k}`)
      : ["involvedObject"]),
    ...(["severity", "timestamp", "message", "reason"] as const).filter((k) => !str(e[k])),
  ];
  if (missing.length > 0) {
    return {
      kind: "malformed",
      why: `not a Flux event: missing or not a string: ${missing.join(", ")}`,
    };
  }
  const metadata = e.metadata ?? {};
  if (
    typeof metadata !== "object" ||
    metadata === null ||
    Array.isArray(metadata) ||
    Object.values(metadata).some((v) => !str(v))
  ) {
    return { kind: "malformed", why: "metadata is not a map of strings" };
  }
  const kind = (io as Record<string, string>).kind;
  if (!(APPLICATION_KINDS as readonly string[]).includes(kind)) {
    return {
      kind: "unsupported",
      why: `events of kind ${kind} are not recorded (only ${APPLICATION_KINDS.join(", ")}): narrow the Alert's eventSources`,
    };
  }
  const appKind = kind as ApplicationKind;
  const severity = e.severity as string;
  if (!["trace", "info", "error"].includes(severity)) {
    return {
      kind: "malformed",
      why: `severity ${JSON.stringify(severity)} is not trace, info or error`,
    };
  }
  if (severity === "trace") return { kind: "ignored", why: "trace events carry no status" };
  const time = Date.parse(e.timestamp as string);
  if (Number.isNaN(time)) {
    return { kind: "malformed", why: `timestamp ${JSON.stringify(e.timestamp)} is not RFC 3339` };
  }
  const meta = normalizeMetadata(metadata as Record<string, string>, appKind);
  if (meta.environment === undefined) {
    return {
      kind: "unsupported",
      why: "no environment in the event metadata: the Alert must set eventMetadata.environment",
    };
  }
  if (meta.environment !== environment) {
    return {
      kind: "unsupported",
      why: `the event is for environment ${JSON.stringify(meta.environment)} but was posted for ${JSON.stringify(environment)}`,
    };
  }
  const revision = meta.commit ?? meta.originRevision ?? meta.revision;
  if (revision === undefined || revision === "") {
    return { kind: "ignored", why: `${e.reason as string} event without a revision` };
  }
  const git = parseGitRevision(revision);
  const ref = { kind: appKind, namespace: io!.namespace as string, name: io!.name as string };
  return {
    kind: "observation",
    observation: {
      environment,
      cluster: meta.cluster ?? "",
      application: applicationId(ref),
      kind: appKind,
      revision,
      ...(git ? { commitId: git.commitId, ...(git.ref ? { ref: git.ref } : {}) } : {}),
      ...(meta.repository ? { repository: meta.repository } : {}),
      ...(meta.path ? { path: meta.path } : {}),
      status: statusOf(appKind, severity, e.reason as string, meta),
      reason: e.reason as string,
      message: e.message as string,
      timestamp: new Date(time).toISOString(),
      severity: severity as "info" | "error",
    },
  };
}
