/**
 * One delivery, end to end, over ports (keys, ledger store, Git host, event bus): refuse what is
 * not a signed Flux event of a known environment before reading anything else, record the
 * observation with conditional writes, then announce each status change once (EventBridge event;
 * a commit comment for final statuses). A change is marked announced only after both went out, so
 * a crash in between is repaired by the next delivery (at least once; the event's `id` and the
 * comment's request token make repeats recognisable).
 */
import { createHash } from "node:crypto";
import {
  FINAL_STATUSES,
  SCHEMA_VERSION,
  type DeploymentStatus,
  type DeploymentStatusChangeDetail,
} from "./contract";
import { apply, type Item, type Update } from "./expression";
import { interpretEvent, parseGitRevision, type Observation } from "./flux-event";
import {
  coalescedCommits,
  commentText,
  kustomizationFile,
  kustomizationImages,
  type GitPort,
} from "./git";
import {
  coalesced,
  markNotified,
  moveCurrent,
  orderKey,
  refresh,
  supersede,
  transition,
} from "./ledger";
import {
  checkRequest,
  isResponse,
  reject,
  respond,
  type HttpRequest,
  type HttpResponse,
} from "./request";
import { checkSignature } from "./signature";
import type { Store } from "./store";

export interface KeysPort {
  /** The environment's HMAC key, or undefined when the environment has none (unknown). */
  get(environment: string): Promise<Buffer | undefined>;
  /** Bypasses a cache after a signature mismatch (a rotated key); may return the cached key. */
  refresh(environment: string): Promise<Buffer | undefined>;
}

export interface EventsPort {
  put(detail: DeploymentStatusChangeDetail): Promise<void>;
}

export interface Ports {
  readonly keys: KeysPort;
  readonly store: Store;
  readonly git: GitPort;
  readonly events: EventsPort;
  readonly now: () => Date;
  readonly log: (entry: Record<string, unknown>) => void;
}

export interface ConnectorConfig {
  /** CodeCommit repositories the connector may read and comment on (the GitOps ones). */
  readonly repositories: readonly string[];
  /** `${NAME}` values for image references (ECR_REGISTRY). */
  readonly substitutions: Readonly<Record<string, string>>;
}

export async function handleRequest(
  req: HttpRequest,
  ports: Ports,
  config: ConnectorConfig,
): Promise<HttpResponse> {
  const checked = checkRequest(req);
  if (isResponse(checked)) return checked;
  const { environment, body, signature } = checked;
  let key = await ports.keys.get(environment);
  if (key === undefined) {
    return reject(
      404,
      `unknown environment ${JSON.stringify(environment)}: it has no key (deploy its stack)`,
    );
  }
  let verdict = checkSignature(signature, body, key);
  if (verdict === "mismatch") {
    key = await ports.keys.refresh(environment);
    verdict = key === undefined ? "mismatch" : checkSignature(signature, body, key);
  }
  if (verdict !== "valid") {
    return reject(
      401,
      `${verdict} X-Signature: expected sha256=<HMAC-SHA256 of the body> with ${environment}'s key`,
    );
  }
  const meaning = interpretEvent(body, environment);
  if (meaning.kind === "malformed") return reject(400, meaning.why);
  if (meaning.kind === "unsupported") return reject(422, meaning.why);
  if (meaning.kind === "ignored") return respond(202, { result: "ignored", why: meaning.why });
  const o = meaning.observation;
  const outcome = await record(o, await imagesOf(o, ports.git, config), ports, config);
  ports.log({ environment, application: o.application, revision: o.revision, ...outcome });
  return respond(200, { result: "recorded", ...outcome });
}

async function imagesOf(o: Observation, git: GitPort, config: ConnectorConfig): Promise<string[]> {
  if (!o.repository || !o.commitId || !o.path || !config.repositories.includes(o.repository))
    return [];
  const text = await git.getFile(o.repository, o.commitId, kustomizationFile(o.path));
  return text === undefined ? [] : kustomizationImages(text, config.substitutions);
}

export interface Outcome {
  /** What the event did to its revision's row. */
  readonly change: "transition" | "refresh" | "stale";
  readonly status: DeploymentStatus;
  /** Status changes announced by this delivery (its own and the revisions it superseded). */
  readonly announced: readonly { revision: string; status: DeploymentStatus }[];
}

/** Records one observation; returns what changed. Exported for tests and the benchmark. */
export async function record(
  o: Observation,
  images: readonly string[],
  ports: Ports,
  config: ConnectorConfig,
): Promise<Outcome> {
  const announced: { revision: string; status: DeploymentStatus }[] = [];
  const write = async (u: Update) => {
    const r = await ports.store.update(u);
    return { ...r, after: r.written ? apply(u, r.before) : undefined };
  };
  const announce = async (item: Item, previous: Item | undefined) => {
    if (await notify(item, previous, ports, config)) {
      announced.push({ revision: String(item.revision), status: item.status as DeploymentStatus });
    }
  };

  let change: Outcome["change"] = "transition";
  let r = await write(transition(o, images));
  if (!r.written) {
    change = "refresh";
    r = await write(refresh(o, images));
  }
  if (!r.written || r.after === undefined) {
    return {
      change: "stale",
      status: (r.before?.status as DeploymentStatus) ?? o.status,
      announced,
    };
  }
  const item = r.after;
  await announce(item, change === "transition" ? r.before : undefined);

  const superseding = (revision: string, by: string, order: string) =>
    write(
      supersede({
        environment: o.environment,
        application: o.application,
        revision,
        by,
        at: o.timestamp,
        order,
        message: `Replaced by ${by} before it finished.`,
      }),
    );
  const pointer = await write(moveCurrent(o, String(item.firstSeenAt), ports.now().toISOString()));
  const current = pointer.before?.revision as string | undefined;
  if (pointer.written && current !== undefined && current !== o.revision) {
    // Moved on from `current`: it ends superseded if it never finished, and so do the commits
    // Flux coalesced between the two.
    const s = await superseding(current, o.revision, orderKey(o.timestamp, "superseded"));
    if (s.after) await announce(s.after, s.before);
    for (const u of await coalescedUpdates(o, current, ports.git, config)) {
      const c = await write(u);
      if (c.after) await announce(c.after, undefined);
    }
  } else if (!pointer.written && current !== undefined && current !== o.revision) {
    // A revision older than the current one: if it has not finished, it never will.
    if (item.status === "progressing") {
      const order = [String(item.lastEventOrder), orderKey(o.timestamp, "superseded")].sort()[1];
      const s = await superseding(o.revision, current, order);
      if (s.after) await announce(s.after, s.before);
    }
  }
  return { change, status: item.status as DeploymentStatus, announced };
}

async function coalescedUpdates(
  o: Observation,
  previous: string,
  git: GitPort,
  config: ConnectorConfig,
): Promise<Update[]> {
  const before = parseGitRevision(previous);
  if (!o.commitId || !before || !o.repository || !config.repositories.includes(o.repository))
    return [];
  const { commits } = await coalescedCommits(git, o.repository, o.commitId, before.commitId);
  const order = orderKey(o.timestamp, "superseded");
  return commits.map((commitId) =>
    coalesced(o, `${o.ref ? `${o.ref}@` : ""}sha1:${commitId}`, commitId, {
      at: o.timestamp,
      order,
      message: `Never applied on its own: Flux reconciled ${o.revision}, which contains it.`,
    }),
  );
}

export function detailOf(item: Item, previous: Item | undefined): DeploymentStatusChangeDetail {
  const s = (k: string) => (item[k] === undefined ? undefined : String(item[k]));
  const id = createHash("sha256")
    .update(
      [item.environment, item.application, item.revision, item.status, item.statusOrder].join("\n"),
    )
    .digest("hex");
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    environment: String(item.environment),
    cluster: s("cluster") ?? "",
    application: String(item.application),
    revision: String(item.revision),
    ...(s("commitId") ? { commitId: s("commitId") } : {}),
    ...(s("repository") ? { repository: s("repository") } : {}),
    images: Array.isArray(item.images) ? [...(item.images as string[])] : [],
    status: item.status as DeploymentStatus,
    ...(previous?.status !== undefined && previous.status !== item.status
      ? { previousStatus: previous.status as DeploymentStatus }
      : {}),
    reason: String(item.reason),
    message: String(item.message),
    firstSeenAt: String(item.firstSeenAt),
    statusSince: String(item.statusSince),
    ...(s("supersededBy") ? { supersededBy: s("supersededBy") } : {}),
  };
}

/** Announces the item's status if not done yet; true when it did. */
async function notify(
  item: Item,
  previous: Item | undefined,
  ports: Ports,
  config: ConnectorConfig,
): Promise<boolean> {
  const statusOrder = String(item.statusOrder);
  if (item.notifiedOrder !== undefined && String(item.notifiedOrder) >= statusOrder) return false;
  const detail = detailOf(item, previous);
  await ports.events.put(detail);
  if (
    FINAL_STATUSES.includes(detail.status) &&
    detail.commitId !== undefined &&
    detail.repository !== undefined &&
    config.repositories.includes(detail.repository)
  ) {
    const commit = await ports.git.getCommit(detail.repository, detail.commitId);
    if (commit !== undefined) {
      await ports.git.comment({
        repository: detail.repository,
        commitId: detail.commitId,
        parentId: commit.parents[0],
        content: commentText(detail),
        clientRequestToken: detail.id,
      });
    } else {
      ports.log({
        skipped: "comment",
        why: `no commit ${detail.commitId} in ${detail.repository}`,
      });
    }
  }
  await ports.store.update(markNotified({ pk: String(item.pk), sk: String(item.sk) }, statusOrder));
  return true;
}
