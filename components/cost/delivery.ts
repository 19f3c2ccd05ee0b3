/** The shared (delivery) stack's cost lines: all usage-priced, nothing fixed. */
import {
  CODEBUILD_USD_PER_MINUTE,
  DYNAMODB_PITR_USD_PER_GB_MONTH,
  DYNAMODB_USD_PER_GB_MONTH,
  DYNAMODB_USD_PER_MILLION_WRITES,
  EVENTBRIDGE_USD_PER_MILLION_EVENTS,
  LAMBDA_ARM_USD_PER_GB_SECOND,
  LAMBDA_USD_PER_MILLION_REQUESTS,
} from "./prices";
import { usage, type CostLine } from "./lines";

/** What the estimate of the shared stack reads (a subset of its settings). */
export interface DeliveryCostInput {
  readonly plane: "delivery";
  readonly stack: string;
  readonly region: string;
  readonly registry: { readonly services: readonly string[] };
  readonly pipeline: { readonly computeType: string };
}

function codeBuildRate(computeType: string): string {
  const rate = CODEBUILD_USD_PER_MINUTE[computeType];
  return rate === undefined ? "priced by compute type" : `$${rate}`;
}

export function deliveryLines(s: DeliveryCostInput): CostLine[] {
  const services = s.registry.services.length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    usage(
      "CodeCommit (3 repositories)",
      1,
      "first 5 active users a month free, then $1 per active user-month; every identity that " +
        "touches a repository counts (people, each environment's Flux roles, the build router " +
        `and ${plural(services, "pipeline role", "pipeline roles")} in the months they run), ` +
        "https://aws.amazon.com/codecommit/pricing/",
    ),
    usage(
      `ECR (${plural(services, "repository", "repositories")})`,
      0.1,
      "$0.10 per GB-month of images stored, https://aws.amazon.com/ecr/pricing/",
    ),
    usage(
      `CodePipeline V2 (${plural(services, "pipeline", "pipelines")})`,
      0.002,
      "$0.002 per action execution minute after 100 free minutes a month; a push runs only the " +
        "pipelines of the services it changed, https://aws.amazon.com/codepipeline/pricing/",
    ),
    usage(
      `CodeBuild (${s.pipeline.computeType})`,
      CODEBUILD_USD_PER_MINUTE[s.pipeline.computeType] ?? 0,
      `${codeBuildRate(s.pipeline.computeType)} per build minute: a push to app-repo runs the ` +
        "build router (under a minute) plus one image build per service it changed, " +
        "https://aws.amazon.com/codebuild/pricing/",
    ),
    usage(
      `S3 (pipeline artifacts, ${plural(services, "bucket", "buckets")})`,
      0.023,
      "$0.023 per GB-month plus requests",
    ),
    ...feedbackLines(),
  ];
}

/**
 * The deployment-feedback connector: nothing fixed. A Flux event costs one Lambda request of
 * about 100 ms at 256 MB and up to 4 ledger writes; a cluster sends a few per Kustomization per
 * interval (dev: 5 Kustomizations every 5 minutes, about 44,000 events a month: $0.02 of Lambda,
 * $0.08 of writes at 3 conditional writes each).
 */
function feedbackLines(): CostLine[] {
  return [
    usage(
      "Lambda (deployment feedback, arm64)",
      LAMBDA_ARM_USD_PER_GB_SECOND,
      `$${LAMBDA_ARM_USD_PER_GB_SECOND} per GB-second plus $${LAMBDA_USD_PER_MILLION_REQUESTS} per million requests, https://aws.amazon.com/lambda/pricing/`,
    ),
    usage(
      "DynamoDB (deployment ledger, on demand)",
      DYNAMODB_USD_PER_MILLION_WRITES,
      `$${DYNAMODB_USD_PER_MILLION_WRITES} per million writes, $${DYNAMODB_USD_PER_GB_MONTH} per GB-month, point-in-time recovery $${DYNAMODB_PITR_USD_PER_GB_MONTH} per GB-month, https://aws.amazon.com/dynamodb/pricing/on-demand/`,
    ),
    usage(
      "EventBridge (Deployment Status Change events)",
      EVENTBRIDGE_USD_PER_MILLION_EVENTS,
      `$${EVENTBRIDGE_USD_PER_MILLION_EVENTS} per million custom events, https://aws.amazon.com/eventbridge/pricing/`,
    ),
  ];
}
