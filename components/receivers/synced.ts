/**
 * The branches an environment's Flux syncs, per GitOps repository: the relay forwards pushes to
 * these only. One function, so that the promotion path (components/promotion/stages.ts,
 * `environmentBranch`: `main` for the first stage, `env/<environment>` later) is wired in one place:
 * until then every environment syncs the shared stack's default branch (cluster-info GIT_BRANCH).
 */
export interface SyncedBranches {
  readonly fluxRepo: string;
  readonly microservicesRepo: string;
}

export function syncedBranches(shared: { readonly defaultBranch: string }): SyncedBranches {
  return { fluxRepo: shared.defaultBranch, microservicesRepo: shared.defaultBranch };
}
