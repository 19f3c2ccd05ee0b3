/**
 * The EventBridge pattern of a push to one branch of one CodeCommit repository, shared by the image
 * pipeline (starts CodePipeline) and the CodeCommit-hosted Pulumi Deployments trigger.
 */

/**
 * "CodeCommit Repository State Change" events of a push to `branch` of the repository
 * (https://docs.aws.amazon.com/codecommit/latest/userguide/monitoring-events.html).
 * `referenceCreated` too: the first push to a branch (a seed commit, a new prod branch) creates it
 * rather than updating it. `referenceName` is the short branch name in these events
 * (`referenceFullName` holds the ref). `events` narrows it to one of the two.
 */
export function codeCommitPushPattern(
  repositoryArn: string,
  branch: string,
  events: readonly ("referenceCreated" | "referenceUpdated")[] = [
    "referenceCreated",
    "referenceUpdated",
  ],
): Record<string, unknown> {
  return {
    source: ["aws.codecommit"],
    "detail-type": ["CodeCommit Repository State Change"],
    resources: [repositoryArn],
    detail: {
      event: [...events],
      referenceType: ["branch"],
      referenceName: [branch],
    },
  };
}
