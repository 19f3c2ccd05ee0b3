/**
 * The repository port on CodeCommit (API reference: https://docs.aws.amazon.com/codecommit/latest/APIReference/):
 * GetBranch, CreateBranch, DeleteBranch, GetFolder (one level per call, walked), GetFile,
 * CreateCommit (parentCommitId must be the tip), ListPullRequests + GetPullRequest,
 * CreatePullRequest (clientRequestToken), UpdatePullRequestTitle/Description/Status,
 * PostCommentForPullRequest (needs the pull request's before/after commits).
 */
import {
  BranchDoesNotExistException,
  CreateBranchCommand,
  CreateCommitCommand,
  CreatePullRequestCommand,
  DeleteBranchCommand,
  FileDoesNotExistException,
  FolderDoesNotExistException,
  GetBranchCommand,
  GetFileCommand,
  GetFolderCommand,
  GetPullRequestCommand,
  ListPullRequestsCommand,
  PostCommentForPullRequestCommand,
  UpdatePullRequestDescriptionCommand,
  UpdatePullRequestStatusCommand,
  UpdatePullRequestTitleCommand,
  type CodeCommitClient,
  type PullRequest as SdkPullRequest,
} from "@aws-sdk/client-codecommit";
import type { NewCommit, PullRequest, RepositoryPort, TreeFile } from "../ports";

const plain = (ref: string | undefined) => (ref ?? "").replace(/^refs\/heads\//, "");

export class CodeCommitRepository implements RepositoryPort {
  constructor(
    private readonly client: CodeCommitClient,
    private readonly repositoryName: string,
  ) {}

  async branchHead(branch: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(
        new GetBranchCommand({ repositoryName: this.repositoryName, branchName: branch }),
      );
      return out.branch?.commitId;
    } catch (e) {
      if (e instanceof BranchDoesNotExistException) return undefined;
      throw e;
    }
  }

  async createBranch(branch: string, commitId: string): Promise<void> {
    await this.client.send(
      new CreateBranchCommand({
        repositoryName: this.repositoryName,
        branchName: branch,
        commitId,
      }),
    );
  }

  async deleteBranch(branch: string): Promise<void> {
    await this.client.send(
      new DeleteBranchCommand({ repositoryName: this.repositoryName, branchName: branch }),
    );
  }

  async listFiles(commitId: string, folder: string): Promise<readonly TreeFile[]> {
    const files: TreeFile[] = [];
    const queue = [folder];
    while (queue.length > 0) {
      const at = queue.shift() as string;
      try {
        const out = await this.client.send(
          new GetFolderCommand({
            repositoryName: this.repositoryName,
            commitSpecifier: commitId,
            folderPath: `/${at}`,
          }),
        );
        for (const f of out.files ?? [])
          files.push({ path: (f.absolutePath ?? "").replace(/^\/+/, ""), blobId: f.blobId ?? "" });
        for (const s of out.subFolders ?? [])
          queue.push((s.absolutePath ?? "").replace(/^\/+/, ""));
      } catch (e) {
        if (e instanceof FolderDoesNotExistException) continue;
        throw e;
      }
    }
    return files;
  }

  async getFile(commitId: string, path: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(
        new GetFileCommand({
          repositoryName: this.repositoryName,
          commitSpecifier: commitId,
          filePath: path,
        }),
      );
      return out.fileContent ? Buffer.from(out.fileContent).toString("utf8") : "";
    } catch (e) {
      if (e instanceof FileDoesNotExistException) return undefined;
      throw e;
    }
  }

  async createCommit(c: NewCommit): Promise<string> {
    const out = await this.client.send(
      new CreateCommitCommand({
        repositoryName: this.repositoryName,
        branchName: c.branch,
        parentCommitId: c.parentCommitId,
        authorName: c.authorName,
        email: c.email,
        commitMessage: c.message,
        putFiles: c.puts.map((p) => ({
          filePath: p.path,
          fileContent: Buffer.from(p.content, "utf8"),
          fileMode: "NORMAL",
        })),
        deleteFiles: c.deletes.map((filePath) => ({ filePath })),
      }),
    );
    return out.commitId as string;
  }

  async openPullRequests(): Promise<readonly PullRequest[]> {
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await this.client.send(
        new ListPullRequestsCommand({
          repositoryName: this.repositoryName,
          pullRequestStatus: "OPEN",
          nextToken,
        }),
      );
      ids.push(...(out.pullRequestIds ?? []));
      nextToken = out.nextToken;
    } while (nextToken);
    const prs = await Promise.all(ids.map((id) => this.get(id)));
    return prs.map(toPort);
  }

  async createPullRequest(p: {
    title: string;
    description: string;
    sourceBranch: string;
    destinationBranch: string;
    clientRequestToken: string;
  }): Promise<string> {
    const out = await this.client.send(
      new CreatePullRequestCommand({
        title: p.title,
        description: p.description,
        targets: [
          {
            repositoryName: this.repositoryName,
            sourceReference: p.sourceBranch,
            destinationReference: p.destinationBranch,
          },
        ],
        clientRequestToken: p.clientRequestToken,
      }),
    );
    return out.pullRequest?.pullRequestId as string;
  }

  async updatePullRequest(id: string, p: { title: string; description: string }): Promise<void> {
    await this.client.send(
      new UpdatePullRequestTitleCommand({ pullRequestId: id, title: p.title }),
    );
    await this.client.send(
      new UpdatePullRequestDescriptionCommand({ pullRequestId: id, description: p.description }),
    );
  }

  async comment(id: string, content: string): Promise<void> {
    const target = (await this.get(id)).pullRequestTargets?.[0];
    await this.client.send(
      new PostCommentForPullRequestCommand({
        pullRequestId: id,
        repositoryName: this.repositoryName,
        beforeCommitId: target?.destinationCommit,
        afterCommitId: target?.sourceCommit,
        content,
      }),
    );
  }

  async closePullRequest(id: string): Promise<void> {
    await this.client.send(
      new UpdatePullRequestStatusCommand({ pullRequestId: id, pullRequestStatus: "CLOSED" }),
    );
  }

  private async get(id: string): Promise<SdkPullRequest> {
    const out = await this.client.send(new GetPullRequestCommand({ pullRequestId: id }));
    return out.pullRequest ?? {};
  }
}

function toPort(p: SdkPullRequest): PullRequest {
  const t = p.pullRequestTargets?.[0];
  return {
    id: p.pullRequestId ?? "",
    title: p.title ?? "",
    description: p.description ?? "",
    status: p.pullRequestStatus === "OPEN" ? "OPEN" : "CLOSED",
    sourceBranch: plain(t?.sourceReference),
    destinationBranch: plain(t?.destinationReference),
    sourceCommit: t?.sourceCommit ?? "",
    merged: t?.mergeMetadata?.isMerged ?? false,
  };
}
