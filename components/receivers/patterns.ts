/**
 * The EventBridge patterns of the relay's rules (default bus of the environment's account):
 * - a successful image push to one of the shared service repositories (ECR `ECR Image Action`,
 *   https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html), only where image
 *   automation runs;
 * - a push to the branch this environment syncs of flux-repo or microservices-repo (CodeCommit
 *   `CodeCommit Repository State Change`, components/aws `codeCommitPushPattern`).
 */
import { codeCommitPushPattern } from "../aws";
import { CACHE_TAG } from "../delivery";

export function ecrPushPattern(repositoryNames: readonly string[]): Record<string, unknown> {
  if (repositoryNames.length === 0) {
    throw new Error("ecrPushPattern: no repositories (an empty list would match nothing).");
  }
  return {
    source: ["aws.ecr"],
    "detail-type": ["ECR Image Action"],
    detail: {
      "action-type": ["PUSH"],
      result: ["SUCCESS"],
      "repository-name": [...repositoryNames],
      // The build cache's tag moves after every release push: no new image to deploy.
      "image-tag": [{ "anything-but": CACHE_TAG }],
    },
  };
}

export function gitPushPattern(repositoryArn: string, branch: string): Record<string, unknown> {
  return codeCommitPushPattern(repositoryArn, branch);
}
