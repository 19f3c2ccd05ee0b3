/**
 * One promotion step over the ports: pin the tested images (digests read from ECR, never
 * rebuilt), keep them from expiring (the keep tag), and propose the service's tested manifests
 * to the target stage through the one pull request `promotion/<target>` -> `env/<target>`.
 *
 * At most one open promotion per environment: the pull request accumulates one record per
 * service, and a newer healthy revision of a service replaces that service's record and files
 * (a new commit on the promotion branch, which resets the approvals: CodeCommit approves
 * revisions, not pull requests). When the target branch moved under an open promotion (a merge
 * of something else), that pull request is closed as superseded and a new one is cut from the
 * new tip with every waiting record, so a promotion never proposes a stale base. Repeats of one
 * event (at-least-once delivery) change nothing: the record carries the event's id.
 */
import { seedBatches } from "../../components/delivery/seed-files";
import { createHash } from "node:crypto";
import type { DeploymentStatusChangeDetail } from "../../connector/src/contract";
import { environmentBranch, keepTag, promotionBranch } from "../../components/promotion/stages";
import { serviceChanges, type FileChanges } from "./changes";
import { ecrRepository, parseImageReference, type ImagePin } from "./images";
import { planPromotion, type PromotionConfig, type PromotionRequest } from "./plan";
import type { PromotionPorts, RegistryPort } from "./ports";
import { PromotionRefused } from "./refused";
import {
  promotionDescription,
  promotionTitle,
  readState,
  type PromotionRecord,
  type PromotionState,
} from "./record";

export interface PromotionOutcome {
  readonly action:
    "ignored" | "refused" | "opened" | "updated" | "superseded" | "unchanged" | "current";
  readonly reason?: string;
  readonly target?: string;
  readonly pullRequestId?: string;
  readonly commitId?: string;
}

export const AUTHOR = {
  authorName: "gitops-platform promotion",
  email: "promotion@gitops-platform.invalid",
};

/** The Lambda's work for one `Deployment Status Change` detail. */
export async function handleStatusChange(
  detail: DeploymentStatusChangeDetail,
  ports: PromotionPorts,
  config: PromotionConfig,
): Promise<PromotionOutcome> {
  const plan = planPromotion(detail, config);
  if ("ignore" in plan) {
    ports.log({ event: detail.id, action: "ignored", reason: plan.ignore });
    return { action: "ignored", reason: plan.ignore };
  }
  return promote(plan.promote, ports, config);
}

/** Refusals (bad input) are returned and logged; other errors (AWS) throw, so the step is retried. */
export async function promote(
  req: PromotionRequest,
  ports: PromotionPorts,
  config: PromotionConfig,
): Promise<PromotionOutcome> {
  try {
    const outcome = await propose(req, ports, config);
    ports.log({ event: req.eventId, service: req.service, ...outcome });
    return outcome;
  } catch (e) {
    if (!(e instanceof PromotionRefused)) throw e;
    ports.log({ event: req.eventId, service: req.service, action: "refused", reason: e.message });
    return { action: "refused", reason: e.message, target: req.target };
  }
}

/** Tag and digest of each image, as ECR has them. */
export async function resolvePins(
  images: readonly string[],
  registry: RegistryPort,
  ecrRegistry: string,
): Promise<ImagePin[]> {
  const pins: ImagePin[] = [];
  for (const image of images) {
    const ref = parseImageReference(image);
    if (!ref?.tag)
      throw new PromotionRefused(`image ${image}: expected <registry>/<repository>:<tag>`);
    const repository = ecrRepository(ref.name, ecrRegistry);
    if (!repository)
      throw new PromotionRefused(`image ${image} is not in the registry ${ecrRegistry}`);
    const found = await registry.describeTag(repository, ref.tag);
    if (!found)
      throw new PromotionRefused(
        `image ${image}: ECR repository ${repository} has no tag ${ref.tag}`,
      );
    if (ref.digest && ref.digest !== found.digest)
      throw new PromotionRefused(`image ${image}: ECR has ${found.digest} for tag ${ref.tag}`);
    pins.push({ name: ref.name, tag: ref.tag, digest: found.digest });
  }
  return pins;
}

async function propose(
  req: PromotionRequest,
  ports: PromotionPorts,
  config: PromotionConfig,
): Promise<PromotionOutcome> {
  const { repository: repo } = ports;
  const target = req.target;
  const destination = environmentBranch(config.stages, target, config.defaultBranch);
  const source = promotionBranch(target);
  const index = config.stages.findIndex((s) => s.environment === target);
  const laterStages = config.stages.slice(index).map((s) => s.environment);

  const pins = await resolvePins(req.images, ports.registry, config.ecrRegistry);
  const head = await repo.branchHead(destination);
  if (!head)
    throw new PromotionRefused(`branch ${destination} does not exist in ${config.repository}`);

  const open = (await repo.openPullRequests()).filter(
    (p) => p.sourceBranch === source && p.destinationBranch === destination,
  );
  const [current, ...extra] = open;
  for (const p of extra) await repo.closePullRequest(p.id);
  const state = current ? readState(current.description) : undefined;
  const mine = state?.records.find((r) => r.service === req.service);
  if (mine?.eventId === req.eventId)
    return {
      action: "unchanged",
      reason: "already proposed (repeated event)",
      target,
      pullRequestId: current?.id,
    };
  if (mine && mine.source === req.source && mine.healthySince > req.healthySince)
    return {
      action: "unchanged",
      reason: `a newer revision (${mine.revision}) is already proposed`,
      target,
      pullRequestId: current?.id,
    };

  const record: PromotionRecord = {
    service: req.service,
    source: req.source,
    revision: req.revision,
    commitId: req.commitId,
    images: pins,
    healthySince: req.healthySince,
    eventId: req.eventId,
    requestedBy: req.requestedBy,
  };
  const records = [...(state?.records ?? []).filter((r) => r.service !== req.service), record].sort(
    (a, b) => a.service.localeCompare(b.service),
  );
  const reuse = current !== undefined && state !== undefined && state.base === head;

  // Kept before any branch names them: an image in an open promotion never expires.
  for (const pin of pins) {
    const repository = ecrRepository(pin.name, config.ecrRegistry) as string;
    await ports.registry.addTag(repository, pin.digest, keepTag(target, pin.digest));
  }

  if (current && !reuse) {
    await repo.comment(
      current.id,
      `Superseded: ${destination} moved to ${head.slice(0, 7)} since this promotion was cut; a new pull request carries its records onto the new tip.`,
    );
    await repo.closePullRequest(current.id);
  }
  let tip: string;
  if (reuse) tip = current.sourceCommit;
  else {
    if ((await repo.branchHead(source)) !== undefined) await repo.deleteBranch(source);
    await repo.createBranch(source, head);
    tip = head;
  }
  const vars = { ECR_REGISTRY: config.ecrRegistry };
  const changes: FileChanges[] = [];
  for (const r of reuse ? [record] : records) {
    changes.push(
      await serviceChanges(repo, {
        service: r.service,
        tested: r.commitId,
        base: tip,
        laterStages,
        pins: r.images,
        vars,
      }),
    );
  }
  // One commit per batch within CodeCommit's limits (100 files, 7 MB of changes, 6 MB a folder:
  // components/delivery/seed-files.ts), each on the one before; a deletion counts as a file.
  const edits = [
    ...changes.flatMap((c) => c.puts).map((p) => ({ ...p, size: Buffer.byteLength(p.content) })),
    ...changes.flatMap((c) => c.deletes).map((path) => ({ path, size: 0, content: undefined })),
  ];
  for (const batch of seedBatches(edits)) {
    tip = await repo.createCommit({
      branch: source,
      parentCommitId: tip,
      message: commitMessage(req, pins),
      ...AUTHOR,
      puts: batch.flatMap((e) =>
        e.content === undefined ? [] : [{ path: e.path, content: e.content }],
      ),
      deletes: batch.flatMap((e) => (e.content === undefined ? [e.path] : [])),
    });
  }
  if (tip === head) {
    return {
      action: "current",
      reason: `${target} already runs these manifests and images`,
      target,
    };
  }
  const next: PromotionState = { target, base: head, records };
  const text = {
    title: promotionTitle(next),
    description: promotionDescription(next, {
      region: config.region,
      repository: config.repository,
    }),
  };
  if (reuse) {
    await repo.updatePullRequest(current.id, text);
    if (tip !== current.sourceCommit) await repo.comment(current.id, updateNote(record, tip));
    return { action: "updated", target, pullRequestId: current.id, commitId: tip };
  }
  const id = await repo.createPullRequest({
    ...text,
    sourceBranch: source,
    destinationBranch: destination,
    clientRequestToken: createHash("sha256").update(`${target}\0${tip}`).digest("hex").slice(0, 64),
  });
  return { action: current ? "superseded" : "opened", target, pullRequestId: id, commitId: tip };
}

function commitMessage(req: PromotionRequest, pins: readonly ImagePin[]): string {
  return [
    `${req.target}: promote ${req.service} ${pins.map((p) => p.tag).join(", ")} (healthy in ${req.source} at ${req.commitId.slice(0, 7)})`,
    "",
    ...pins.map((p) => `- ${p.name}:${p.tag}@${p.digest}`),
    `- revision ${req.revision}, healthy since ${req.healthySince}`,
  ].join("\n");
}

function updateNote(r: PromotionRecord, tip: string): string {
  return `Updated at ${tip.slice(0, 7)}: ${r.service} now promotes ${r.revision} (healthy in ${r.source} since ${r.healthySince}). Approvals of the earlier revision no longer count.`;
}
