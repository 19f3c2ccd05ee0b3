/**
 * A promotion's pull request text: the title, and a description that carries the deployment
 * record of every service it promotes (what ran healthy where, since when, the commit, images
 * with digests) for the approvers, then the same records as JSON for the promotion itself, which
 * reads them back on the next event (one pull request per environment accumulates services).
 * Limits (CodeCommit CreatePullRequest): title 150 characters, description 10,240.
 */
import { formatPin, type ImagePin } from "./images";
import { PromotionRefused } from "./refused";

export interface PromotionRecord {
  readonly service: string;
  /** The stage the revision ran healthy in (`dev`). */
  readonly source: string;
  /** Flux's revision (`main@sha1:<40 hex>`). */
  readonly revision: string;
  readonly commitId: string;
  readonly images: readonly ImagePin[];
  /** ISO 8601: healthy since (the event's statusSince; when asked, for a promotion by hand). */
  readonly healthySince: string;
  /** The event's `detail.id`, or `manual:<...>` for `npm run promote`. */
  readonly eventId: string;
  /** `event`, or who asked (`npm run promote`: the caller's ARN). */
  readonly requestedBy: string;
}

export interface PromotionState {
  readonly target: string;
  /** The target branch's commit the promotion branch was cut from. */
  readonly base: string;
  readonly records: readonly PromotionRecord[];
}

export const TITLE_LIMIT = 150;
export const DESCRIPTION_LIMIT = 10_240;
const MARK = "Promotion record (read back by the promotion function; do not edit):";

/** `https://<region>.console.aws.amazon.com/codesuite/codecommit/repositories/<repo>/commit/<id>?region=<region>` */
export function commitLink(region: string, repository: string, commitId: string): string {
  return `https://${region}.console.aws.amazon.com/codesuite/codecommit/repositories/${encodeURIComponent(repository)}/commit/${commitId}?region=${region}`;
}

export function promotionTitle(state: PromotionState): string {
  const parts = state.records.map(
    (r) => `${r.service} ${[...new Set(r.images.map((i) => i.tag))].join("/")}`,
  );
  const title = `Promote to ${state.target}: ${parts.join(", ")}`;
  return title.length <= TITLE_LIMIT ? title : `${title.slice(0, TITLE_LIMIT - 1)}…`;
}

export function promotionDescription(
  state: PromotionState,
  context: { readonly region: string; readonly repository: string },
): string {
  const json = JSON.stringify(state);
  const services = state.records.map((r) =>
    [
      `### ${r.service}`,
      r.requestedBy === "event"
        ? `- healthy in **${r.source}** since ${r.healthySince}`
        : `- proposed by hand at ${r.healthySince}, with the manifests ${r.source} runs`,
      `- revision \`${r.revision}\` ([commit ${r.commitId.slice(0, 7)}](${commitLink(context.region, context.repository, r.commitId)}))`,
      ...r.images.map((i) => `- image \`${formatPin(i)}\``),
      `- requested by ${r.requestedBy === "event" ? `deployment event ${r.eventId}` : r.requestedBy}`,
    ].join("\n"),
  );
  const head = [
    `Promotes to **${state.target}** exactly what ran healthy before it: the services' manifests at the tested commit, images pinned by tag and digest (nothing rebuilt).`,
    `Merging deploys it: ${state.target}'s Flux syncs the destination branch. Approvals follow the approval rule of ${state.target}; a new revision updates this pull request and resets them.`,
    "",
  ].join("\n");
  const tail = `\n\n${MARK}\n\n\`\`\`json\n${json}\n\`\`\``;
  let body = services.join("\n\n");
  const room = DESCRIPTION_LIMIT - head.length - tail.length - 1;
  if (room < 0)
    throw new PromotionRefused(
      `${state.records.length} services waiting for ${state.target} no longer fit one pull request description: merge or close the open one`,
    );
  if (body.length > room) body = `${body.slice(0, room - 1)}…`;
  return `${head}\n${body}${tail}`;
}

/** The state a description carries, or undefined (not written by the promotion, or edited). */
export function readState(description: string): PromotionState | undefined {
  const at = description.lastIndexOf(MARK);
  if (at < 0) return undefined;
  const m = /```json\n([\s\S]*?)\n```/.exec(description.slice(at));
  if (!m) return undefined;
  try {
    const s = JSON.parse(m[1]) as PromotionState;
    return typeof s.target === "string" && typeof s.base === "string" && Array.isArray(s.records)
      ? s
      : undefined;
  } catch {
    return undefined;
  }
}
