/**
 * A service added after a later stage's branch exists (`npm run add-service`): every environment
 * gets its Flux Kustomization from flux-repo at once, but `env/<environment>` has no overlay for it
 * until its first promotion, and a Kustomization whose path is missing fails (and `apps`, which
 * waits for it, with it). So the branch's resource, on an update that brings hold files of new
 * services, commits the hold of each one whose overlay the branch does not have yet: the service
 * then waits for its first promotion like the others did. Nothing else of the branch is touched
 * (approved pull requests own it). APIs: GetBranch, GetFile (FileDoesNotExistException),
 * CreateCommit (parentCommitId, putFiles).
 */
import type { HoldFile } from "./promotion-hold";

/** The overlay folders (`overlays/<environment>/<service>`) of some hold files. */
export function holdFolders(files: readonly HoldFile[]): string[] {
  return [...new Set(files.map((f) => f.path.slice(0, f.path.lastIndexOf("/"))))];
}

/** Hold files of folders that `olds` did not hold: the services added since. */
export function newHoldFiles(olds: readonly HoldFile[], news: readonly HoldFile[]): HoldFile[] {
  const known = new Set(holdFolders(olds));
  return news.filter((f) => !known.has(f.path.slice(0, f.path.lastIndexOf("/"))));
}

/**
 * Commits the hold of every folder of `files` that the branch lacks (its `kustomization.yaml`
 * missing). The branch head after it; '' when the branch does not exist.
 */
export async function holdMissingServices(
  target: {
    readonly region: string;
    readonly profile: string;
    readonly repositoryName: string;
    readonly branch: string;
    readonly authorName: string;
    readonly email: string;
  },
  files: readonly HoldFile[],
): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@aws-sdk/client-codecommit") as typeof import("@aws-sdk/client-codecommit");
  const client = new sdk.CodeCommitClient({
    region: target.region,
    ...(target.profile ? { profile: target.profile } : {}),
  });
  const { repositoryName, branch } = target;
  let head: string | undefined;
  try {
    head = (await client.send(new sdk.GetBranchCommand({ repositoryName, branchName: branch })))
      .branch?.commitId;
  } catch (e) {
    if ((e as Error).name === "BranchDoesNotExistException") return "";
    throw e;
  }
  if (!head) return "";
  const missing: HoldFile[] = [];
  for (const folder of holdFolders(files)) {
    try {
      await client.send(
        new sdk.GetFileCommand({
          repositoryName,
          commitSpecifier: head,
          filePath: `${folder}/kustomization.yaml`,
        }),
      );
    } catch (e) {
      if ((e as Error).name !== "FileDoesNotExistException") throw e;
      missing.push(...files.filter((f) => f.path.startsWith(`${folder}/`)));
    }
  }
  if (missing.length === 0) return head;
  const out = await client.send(
    new sdk.CreateCommitCommand({
      repositoryName,
      branchName: branch,
      parentCommitId: head,
      authorName: target.authorName,
      email: target.email,
      commitMessage: `${branch}: hold ${holdFolders(missing).join(", ")} until their first promotion`,
      putFiles: missing.map((f) => ({
        filePath: f.path,
        fileMode: "NORMAL",
        fileContent: Buffer.from(f.content, "utf8"),
      })),
    }),
  );
  return out.commitId ?? head;
}
