/**
 * The folders of the GitOps content (this project's gitops/, seeded into the CodeCommit
 * repositories) that an environment needs: its entry point in flux-repo (the bootstrap
 * Kustomization applies `clusters/<env>`), its applications in flux-repo, and its overlay in
 * microservices-repo (what `apps/<env>` applies).
 */
import * as fs from "fs";
import * as path from "path";

/** Folders (relative to gitops/) an environment's content lives in. */
export function environmentContentFolders(environment: string): readonly string[] {
  return [
    `flux-repo/clusters/${environment}`,
    `flux-repo/apps/${environment}`,
    `microservices-repo/overlays/${environment}`,
  ];
}

/** The folders of `environmentContentFolders` missing under `gitopsRoot`. */
export function missingContentFolders(environment: string, gitopsRoot: string): string[] {
  return environmentContentFolders(environment).filter(
    (folder) => !fs.existsSync(path.join(gitopsRoot, folder)),
  );
}
