/**
 * The branches an environment's Flux syncs, per GitOps repository: the relay forwards pushes to
 * these only. flux-repo: the shared stack's default branch (cluster-info GIT_BRANCH);
 * microservices-repo: the environment's promotion stage branch (cluster-info APPS_BRANCH;
 * components/promotion/stages.ts `environmentBranch`: the default branch for the first stage,
 * `env/<environment>` for later ones).
 */
export interface SyncedBranches {
  readonly fluxRepo: string;
  readonly microservicesRepo: string;
}

export function syncedBranches(
  shared: { readonly defaultBranch: string },
  appsBranch: string,
): SyncedBranches {
  return { fluxRepo: shared.defaultBranch, microservicesRepo: appsBranch };
}
