/**
 * What the promotion asks of CodeCommit and ECR, as ports: the calls it makes, with CodeCommit's
 * and ECR's semantics (the adapters in aws/ map them onto the SDK; the simulation's fakes keep the
 * same rules). Branch names are plain (`env/staging`), never `refs/heads/...`.
 */

/** A file of a commit's tree: its path and its Git blob id (SHA-1 of `blob <size>\0<bytes>`). */
export interface TreeFile {
  readonly path: string;
  readonly blobId: string;
}

export interface PullRequest {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly status: "OPEN" | "CLOSED";
  /** Plain branch names. */
  readonly sourceBranch: string;
  readonly destinationBranch: string;
  /** The source branch's tip the pull request shows. */
  readonly sourceCommit: string;
  readonly merged: boolean;
}

export interface NewCommit {
  readonly branch: string;
  /** Must be the branch's tip (CodeCommit refuses an outdated parent: ParentCommitIdOutdatedException). */
  readonly parentCommitId: string;
  readonly message: string;
  readonly authorName: string;
  readonly email: string;
  readonly puts: readonly { readonly path: string; readonly content: string }[];
  readonly deletes: readonly string[];
}

export interface RepositoryPort {
  /** The branch's tip, or undefined when there is no such branch. */
  branchHead(branch: string): Promise<string | undefined>;
  createBranch(branch: string, commitId: string): Promise<void>;
  deleteBranch(branch: string): Promise<void>;
  /** Every file under `folder` at `commitId`, recursively; empty when the folder does not exist. */
  listFiles(commitId: string, folder: string): Promise<readonly TreeFile[]>;
  /** A file's text at a commit, or undefined when there is no such file. */
  getFile(commitId: string, path: string): Promise<string | undefined>;
  /** The new commit's id. */
  createCommit(c: NewCommit): Promise<string>;
  /** Open pull requests of the repository. */
  openPullRequests(): Promise<readonly PullRequest[]>;
  createPullRequest(p: {
    readonly title: string;
    readonly description: string;
    readonly sourceBranch: string;
    readonly destinationBranch: string;
    /** Idempotency: a repeat with the same token returns the first pull request. */
    readonly clientRequestToken: string;
  }): Promise<string>;
  updatePullRequest(
    id: string,
    p: { readonly title: string; readonly description: string },
  ): Promise<void>;
  comment(id: string, content: string): Promise<void>;
  closePullRequest(id: string): Promise<void>;
}

/** An image of an ECR repository, as DescribeImages reports it. */
export interface ImageDetail {
  readonly digest: string;
  readonly tags: readonly string[];
  /** The account of the registry (ECR `registryId`). */
  readonly registryId?: string;
}

export interface RegistryPort {
  /** The image a tag names in `repository`, or undefined when there is no such tag. */
  describeTag(repository: string, tag: string): Promise<ImageDetail | undefined>;
  /**
   * Adds `tag` to the image `digest` without pushing anything new: BatchGetImage's manifest put
   * back with PutImage. True when added, false when the image already carried it.
   */
  addTag(repository: string, digest: string, tag: string): Promise<boolean>;
}

export interface PromotionPorts {
  readonly repository: RepositoryPort;
  readonly registry: RegistryPort;
  readonly log: (entry: Record<string, unknown>) => void;
}
