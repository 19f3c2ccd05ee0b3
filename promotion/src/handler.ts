/**
 * The Lambda entry point (`handler`), a thin adapter: SQS messages (one EventBridge event each,
 * from a FIFO queue with one message group, so promotions run one at a time and in order) to
 * `handleStatusChange` over CodeCommit and ECR clients created once per instance. A message whose
 * step failed on an AWS error is reported as a batch item failure: SQS delivers it again, and
 * after the queue's maxReceiveCount it moves to the dead-letter queue.
 */
import * as codecommit from "@aws-sdk/client-codecommit";
import * as ecr from "@aws-sdk/client-ecr";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { CodeCommitRepository } from "./aws/codecommit";
import { EcrRegistry } from "./aws/ecr";
import { configFromEnvironment } from "./config";
import { statusChangeOf } from "./event";
import type { PromotionConfig } from "./plan";
import type { PromotionPorts } from "./ports";
import { handleStatusChange } from "./promote";

let instance: { config: PromotionConfig; ports: PromotionPorts } | undefined;

function setUp(): { config: PromotionConfig; ports: PromotionPorts } {
  const config = configFromEnvironment(process.env);
  return {
    config,
    ports: {
      repository: new CodeCommitRepository(new codecommit.CodeCommitClient({}), config.repository),
      registry: new EcrRegistry(new ecr.ECRClient({})),
      log: (entry) => console.log(JSON.stringify(entry)),
    },
  };
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  instance ??= setUp();
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    // FIFO: once one message fails, the later ones of the group must wait for it.
    if (failures.length > 0) {
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const detail = statusChangeOf(record.body);
    if (typeof detail === "string") {
      console.log(JSON.stringify({ message: record.messageId, action: "dropped", reason: detail }));
      continue;
    }
    try {
      await handleStatusChange(detail, instance.ports, instance.config);
    } catch (e) {
      console.error(
        JSON.stringify({
          event: detail.id,
          error: (e as Error).name,
          message: (e as Error).message,
        }),
      );
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

/** The bundle's own copies of the SDK classes it uses, for tests of the built bundle. */
export const sdk = {
  CodeCommitClient: codecommit.CodeCommitClient,
  ECRClient: ecr.ECRClient,
  commands: {
    GetBranchCommand: codecommit.GetBranchCommand,
    CreateBranchCommand: codecommit.CreateBranchCommand,
    DeleteBranchCommand: codecommit.DeleteBranchCommand,
    GetFolderCommand: codecommit.GetFolderCommand,
    GetFileCommand: codecommit.GetFileCommand,
    CreateCommitCommand: codecommit.CreateCommitCommand,
    ListPullRequestsCommand: codecommit.ListPullRequestsCommand,
    GetPullRequestCommand: codecommit.GetPullRequestCommand,
    CreatePullRequestCommand: codecommit.CreatePullRequestCommand,
    DescribeImagesCommand: ecr.DescribeImagesCommand,
    BatchGetImageCommand: ecr.BatchGetImageCommand,
    PutImageCommand: ecr.PutImageCommand,
  },
  errors: {
    BranchDoesNotExistException: codecommit.BranchDoesNotExistException,
    FolderDoesNotExistException: codecommit.FolderDoesNotExistException,
    FileDoesNotExistException: codecommit.FileDoesNotExistException,
  },
};

/** Tests only: forget the clients, so the next call builds new ones (after mocks are set). */
export function resetForTests(): void {
  instance = undefined;
}
