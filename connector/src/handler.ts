/**
 * The Lambda entry point (`handler`), a thin adapter: AWS SDK clients behind the ports, created
 * once per instance; everything else is `handleRequest`. Only the four clients it uses are
 * imported (each a few hundred kB bundled), which is what a cold start loads.
 */
import * as codecommit from "@aws-sdk/client-codecommit";
import * as dynamodb from "@aws-sdk/client-dynamodb";
import * as eventbridge from "@aws-sdk/client-eventbridge";
import * as ssm from "@aws-sdk/client-ssm";
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from "aws-lambda";
import { CodeCommitGit } from "./aws/codecommit";
import { DynamoStore } from "./aws/dynamodb";
import { EventBridgeEvents } from "./aws/eventbridge";
import { SsmKeys } from "./aws/ssm";
import { configFromEnvironment, type RuntimeConfig } from "./config";
import { handleRequest, type Ports } from "./process";
import { reject } from "./request";

let instance: { config: RuntimeConfig; ports: Ports } | undefined;

function setUp(): { config: RuntimeConfig; ports: Ports } {
  const config = configFromEnvironment(process.env);
  return {
    config,
    ports: {
      keys: new SsmKeys(new ssm.SSMClient({}), config.keyParameterPrefix),
      store: new DynamoStore(new dynamodb.DynamoDBClient({}), config.table),
      git: new CodeCommitGit(new codecommit.CodeCommitClient({})),
      events: new EventBridgeEvents(new eventbridge.EventBridgeClient({})),
      now: () => new Date(),
      log: (entry) => console.log(JSON.stringify(entry)),
    },
  };
}

export async function handler(event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> {
  instance ??= setUp();
  try {
    return await handleRequest(event, instance.ports, instance.config.connector);
  } catch (e) {
    // A 5xx makes notification-controller retry; the details stay in the logs.
    console.error(JSON.stringify({ error: (e as Error).name, message: (e as Error).message }));
    return reject(500, "internal error: the event was not (fully) recorded, retry");
  }
}

/**
 * The bundle's own copies of the SDK classes it uses, so that a test of the built bundle can mock
 * them with aws-sdk-client-mock (a bundle does not share classes with node_modules).
 */
export const sdk = {
  CodeCommitClient: codecommit.CodeCommitClient,
  GetCommitCommand: codecommit.GetCommitCommand,
  GetFileCommand: codecommit.GetFileCommand,
  PostCommentForComparedCommitCommand: codecommit.PostCommentForComparedCommitCommand,
  DynamoDBClient: dynamodb.DynamoDBClient,
  UpdateItemCommand: dynamodb.UpdateItemCommand,
  ConditionalCheckFailedException: dynamodb.ConditionalCheckFailedException,
  EventBridgeClient: eventbridge.EventBridgeClient,
  PutEventsCommand: eventbridge.PutEventsCommand,
  SSMClient: ssm.SSMClient,
  GetParameterCommand: ssm.GetParameterCommand,
  ParameterNotFound: ssm.ParameterNotFound,
};

/** Tests only: forget the clients, so the next call builds new ones (after mocks are set). */
export function resetForTests(): void {
  instance = undefined;
}
