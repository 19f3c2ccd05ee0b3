/**
 * Sample events in the shapes AWS documents: ECR "ECR Image Action"
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-eventbridge.html) and CodeCommit
 * "CodeCommit Repository State Change" (https://docs.aws.amazon.com/codecommit/latest/userguide/monitoring-events.html).
 */
export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

export function ecrEvent(detail: Record<string, unknown> = {}): Record<string, any> {
  return {
    version: "0",
    id: "13cde686-328b-6117-af20-0e5566167482",
    "detail-type": "ECR Image Action",
    source: "aws.ecr",
    account: ACCOUNT,
    time: "2026-12-02T02:00:00Z",
    region: REGION,
    resources: [],
    detail: {
      result: "SUCCESS",
      "repository-name": "front-end",
      "image-digest": `sha256:${"7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234abcd".slice(0, 64)}`,
      "action-type": "PUSH",
      "image-tag": "main-1f49071-12",
      ...detail,
    },
  };
}

export function codeCommitEvent(
  repository: string,
  detail: Record<string, unknown> = {},
): Record<string, any> {
  return {
    version: "0",
    id: "01234567-0123-0123-0123-012345678901",
    "detail-type": "CodeCommit Repository State Change",
    source: "aws.codecommit",
    account: ACCOUNT,
    time: "2026-12-02T02:00:00Z",
    region: REGION,
    resources: [`arn:aws:codecommit:${REGION}:${ACCOUNT}:${repository}`],
    detail: {
      callerUserArn: `arn:aws:iam::${ACCOUNT}:user/someone`,
      commitId: "0123456789abcdef0123456789abcdef01234567",
      event: "referenceUpdated",
      oldCommitId: "76543210fedcba9876543210fedcba9876543210",
      referenceFullName: "refs/heads/main",
      referenceName: "main",
      referenceType: "branch",
      repositoryId: "12345678-1234-5678-abcd-12345678abcd",
      repositoryName: repository,
      ...detail,
    },
  };
}
