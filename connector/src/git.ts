/**
 * What the connector asks of the Git host (CodeCommit), as a port, and the pure parts: the
 * comment's text, the walk over coalesced commits, the images of a revision.
 *
 * CodeCommit has no commit status; a comment on the commit (PostCommentForComparedCommit) is the
 * closest: it needs the parent as `beforeCommitId` except on a root commit, and a
 * `clientRequestToken` makes a repeat return the first comment instead of posting another
 * (https://docs.aws.amazon.com/codecommit/latest/APIReference/API_PostCommentForComparedCommit.html).
 * Comment content is limited to 10,240 characters (CommentContentSizeLimitExceededException).
 */
import { parse } from "yaml";
import type { DeploymentStatusChangeDetail } from "./contract";

export interface Commit {
  readonly commitId: string;
  readonly parents: readonly string[];
}

export interface CommitComment {
  readonly repository: string;
  readonly commitId: string;
  /** First parent; undefined for a root commit. */
  readonly parentId: string | undefined;
  readonly content: string;
  readonly clientRequestToken: string;
}

export interface GitPort {
  /** The commit, or undefined when the repository has no such commit. */
  getCommit(repository: string, commitId: string): Promise<Commit | undefined>;
  /** A file's text at a commit, or undefined when there is no such file. */
  getFile(repository: string, commitId: string, path: string): Promise<string | undefined>;
  comment(c: CommitComment): Promise<void>;
}

export const MAX_COMMENT_CHARS = 10_240;
/** How far back the coalesced-commit walk goes (first parents), bounding calls per event. */
export const MAX_COALESCED_WALK = 10;

const STATUS_WORDS: Readonly<Record<string, string>> = {
  succeeded: "succeeded",
  failed: "FAILED",
  superseded: "superseded",
  progressing: "progressing",
};

/** The comment for one final status of one application in one environment. */
export function commentText(d: DeploymentStatusChangeDetail): string {
  const head = [
    `**${d.environment}**: ${d.application} ${STATUS_WORDS[d.status]} at ${d.revision}`,
    "",
    `- environment: ${d.environment}${d.cluster ? ` (cluster ${d.cluster})` : ""}`,
    `- status: ${d.status} (${d.reason}) since ${d.statusSince}`,
    ...(d.supersededBy ? [`- superseded by: ${d.supersededBy}`] : []),
    ...(d.images.length > 0 ? [`- images: ${d.images.join(", ")}`] : []),
    "",
    "Flux:",
    "",
  ].join("\n");
  const footer = "\n\n(gitops-platform deployment feedback)";
  const room = MAX_COMMENT_CHARS - head.length - footer.length - 9;
  const message = d.message.length > room ? `${d.message.slice(0, room - 1)}…` : d.message;
  return `${head}\n\`\`\`\n${message}\n\`\`\`${footer}`;
}

/**
 * Commits between `from` (exclusive, the newer revision's commit) and `until` (exclusive, the
 * previous revision's), following first parents at most `max` steps. Returns the commits found;
 * `reached` says whether the walk met `until` (if not, the older part is unknown and left alone).
 */
export async function coalescedCommits(
  git: GitPort,
  repository: string,
  from: string,
  until: string,
  max: number = MAX_COALESCED_WALK,
): Promise<{ commits: string[]; reached: boolean }> {
  const commits: string[] = [];
  let at = (await git.getCommit(repository, from))?.parents[0];
  while (at !== undefined && at !== until && commits.length < max) {
    commits.push(at);
    at = (await git.getCommit(repository, at))?.parents[0];
  }
  return { commits: at === until ? commits : [], reached: at === until };
}

/**
 * Image references of a kustomization.yaml: each `images[]` entry as
 * `<newName or name>[:<newTag>][@<digest>]` (kustomize images transformer fields), with
 * `${NAME}` replaced from `substitutions` (the value Flux substitutes from cluster-info, such as
 * ECR_REGISTRY). Empty when the file has no images or is not YAML.
 */
export function kustomizationImages(
  text: string,
  substitutions: Readonly<Record<string, string>>,
): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return [];
  }
  const images = (doc as { images?: unknown } | null)?.images;
  if (!Array.isArray(images)) return [];
  const subst = (s: string) =>
    s.replace(/\$\{([_a-zA-Z][_a-zA-Z0-9]*)\}/g, (all, k: string) => substitutions[k] ?? all);
  return images.flatMap((i: Record<string, unknown>) => {
    const name = typeof i?.newName === "string" ? i.newName : i?.name;
    if (typeof name !== "string") return [];
    const tag = typeof i.newTag === "string" || typeof i.newTag === "number" ? `:${i.newTag}` : "";
    const digest = typeof i.digest === "string" ? `@${i.digest}` : "";
    return [subst(`${name}${tag}${digest}`)];
  });
}

/** The kustomization file of a Flux `path` (`./overlays/dev` -> `overlays/dev/kustomization.yaml`). */
export function kustomizationFile(path: string): string {
  const folder = path.replace(/^\.\//, "").replace(/^\/+/, "").replace(/\/+$/, "");
  return folder === "" || folder === "." ? "kustomization.yaml" : `${folder}/kustomization.yaml`;
}
