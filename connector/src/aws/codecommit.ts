/**
 * The Git port on CodeCommit: GetCommit, GetFile, PostCommentForComparedCommit. Commits and
 * files at a commit never change, so they are cached (bounded) for the life of the instance.
 */
import {
  CommitDoesNotExistException,
  CommitIdDoesNotExistException,
  FileDoesNotExistException,
  GetCommitCommand,
  GetFileCommand,
  PostCommentForComparedCommitCommand,
  RepositoryDoesNotExistException,
  type CodeCommitClient,
} from "@aws-sdk/client-codecommit";
import type { Commit, CommitComment, GitPort } from "../git";

const CACHE_ENTRIES = 1000;
const ABSENT = [
  CommitDoesNotExistException,
  CommitIdDoesNotExistException,
  FileDoesNotExistException,
  RepositoryDoesNotExistException,
];

export class CodeCommitGit implements GitPort {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly client: CodeCommitClient) {}

  getCommit(repository: string, commitId: string): Promise<Commit | undefined> {
    return this.cached(`commit ${repository} ${commitId}`, async () => {
      const out = await this.client.send(
        new GetCommitCommand({ repositoryName: repository, commitId }),
      );
      return { commitId, parents: out.commit?.parents ?? [] };
    });
  }

  getFile(repository: string, commitId: string, path: string): Promise<string | undefined> {
    return this.cached(`file ${repository} ${commitId} ${path}`, async () => {
      const out = await this.client.send(
        new GetFileCommand({
          repositoryName: repository,
          commitSpecifier: commitId,
          filePath: path,
        }),
      );
      return out.fileContent ? Buffer.from(out.fileContent).toString("utf8") : undefined;
    });
  }

  async comment(c: CommitComment): Promise<void> {
    await this.client.send(
      new PostCommentForComparedCommitCommand({
        repositoryName: c.repository,
        ...(c.parentId ? { beforeCommitId: c.parentId } : {}),
        afterCommitId: c.commitId,
        content: c.content,
        clientRequestToken: c.clientRequestToken,
      }),
    );
  }

  /** Caches answers, including "absent"; errors are not cached. */
  private cached<T>(key: string, load: () => Promise<T>): Promise<T | undefined> {
    const hit = this.cache.get(key) as Promise<T | undefined> | undefined;
    if (hit) return hit;
    const p = load().catch((e: unknown) => {
      if (ABSENT.some((cls) => e instanceof cls)) return undefined;
      this.cache.delete(key);
      throw e;
    });
    if (this.cache.size >= CACHE_ENTRIES)
      this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, p);
    return p;
  }
}
