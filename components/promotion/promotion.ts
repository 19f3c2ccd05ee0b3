/**
 * Promotion (shared stack, one for the whole path): the function that turns a stage's healthy
 * revision into the next stage's pull request (promotion/), fed by an EventBridge rule through a
 * FIFO queue, the approval rule templates of the later stages associated with microservices-repo,
 * and one approver policy per later stage for users to attach.
 *
 * One FIFO message group: promotions run one at a time, in event order, so two events never race
 * on a promotion branch (Lambda reserved concurrency would do the same but fails in accounts
 * whose concurrency quota leaves no room to reserve). A message that keeps failing moves to the
 * dead-letter queue after 5 receives; the group then continues.
 *
 * Cost (us-east-1, usage only): Lambda arm64 $0.0000133334 per GB-second (256 MB, a few seconds
 * per promotion); SQS FIFO $0.50 per million requests, including the event source mapping's
 * long polls of an idle queue (a steady trickle the SQS free tier of 1 million requests a month
 * usually covers); CodeCommit and ECR API calls free; the role is one more CodeCommit active user
 * ($1 a month beyond 5); CloudWatch Logs $0.50 per GB (https://aws.amazon.com/sqs/pricing/,
 * https://aws.amazon.com/lambda/pricing/, https://aws.amazon.com/codecommit/pricing/).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROMOTION_ENVIRONMENT } from "../../promotion/src/config";
import { bundledFunction, bundleLambda, type PolicyDocument } from "../aws";
import { approvalRuleTemplateContent, approvalStages } from "./approvals";
import { promotionNames } from "./names";
import { promotionEventPattern } from "./pattern";
import { approverPolicy, promotionPolicy } from "./policy";
import { environmentBranch, type PromotionStage } from "./stages";
import * as path from "node:path";

export const PROMOTION_ENTRY = path.resolve(__dirname, "../../promotion/src/handler.ts");
/** Seconds one promotion may take: a few dozen CodeCommit and ECR calls. */
export const PROMOTION_TIMEOUT_SECONDS = 60;
/** SQS visibility: six times the function timeout (Lambda's guidance for SQS event sources). */
export const PROMOTION_VISIBILITY_SECONDS = 6 * PROMOTION_TIMEOUT_SECONDS;
export const PROMOTION_MAX_RECEIVES = 5;
/** The FIFO message group every promotion event joins. */
export const PROMOTION_MESSAGE_GROUP = "promotion";

export interface PromotionArgs {
  /** Prefix of the physical names (names.ts). */
  readonly namePrefix: string;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** The promotion path, in order (`gitops-platform:promotion`); at least two stages. */
  readonly stages: readonly PromotionStage[];
  /** microservices-repo's default branch (the first stage's). */
  readonly defaultBranch: string;
  /** microservices-repo. */
  readonly repository: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
  /** The services' ECR repositories (read, and re-tagged with keep tags). */
  readonly imageRepositoryArns: readonly pulumi.Input<string>[];
  /** `<account>.dkr.ecr.<region>.amazonaws.com`. */
  readonly ecrRegistry: pulumi.Input<string>;
  /** Days to keep the function's logs (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /** Memory of the function in MB. Default 256. */
  readonly memoryMb?: number;
  /** Protect the log group (the record of every promotion step). */
  readonly protect: boolean;
}

export class Promotion extends pulumi.ComponentResource {
  public readonly functionName: pulumi.Output<string>;
  public readonly queueUrl: pulumi.Output<string>;
  public readonly deadLetterQueueUrl: pulumi.Output<string>;
  /** Approver managed policy ARN per later stage. */
  public readonly approverPolicyArns: Record<string, pulumi.Output<string>>;
  /** Approval rule template name per later stage that needs approvals. */
  public readonly approvalRuleTemplates: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: PromotionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:promotion:Promotion", name, {}, opts);
    if (args.stages.length < 2) {
      throw new Error(`Promotion: the path needs at least two stages, got ${args.stages.length}`);
    }
    const names = promotionNames(args.namePrefix);
    const parent = { parent: this };

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: names.logGroup, retentionInDays: args.logRetentionDays },
      { parent: this, protect: args.protect },
    );
    const deadLetters = new aws.sqs.Queue(
      `${name}-failed`,
      {
        name: names.deadLetterQueue,
        fifoQueue: true,
        // 14 days, SQS's maximum: time to read why a promotion failed and send it again.
        messageRetentionSeconds: 1_209_600,
        sqsManagedSseEnabled: true,
      },
      parent,
    );
    const queue = new aws.sqs.Queue(
      `${name}-queue`,
      {
        name: names.queue,
        fifoQueue: true,
        // EventBridge requires it for FIFO targets (Target.SqsParameters).
        contentBasedDeduplication: true,
        visibilityTimeoutSeconds: PROMOTION_VISIBILITY_SECONDS,
        sqsManagedSseEnabled: true,
        redrivePolicy: deadLetters.arn.apply((arn) =>
          JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: PROMOTION_MAX_RECEIVES }),
        ),
      },
      parent,
    );
    const rule = new aws.cloudwatch.EventRule(
      `${name}-rule`,
      {
        name: names.rule,
        description: "gitops-platform: healthy revisions of a stage that has a next stage",
        eventPattern: pulumi
          .output(args.repository.name)
          .apply((repo) => JSON.stringify(promotionEventPattern(args.stages, repo))),
      },
      parent,
    );
    new aws.sqs.QueuePolicy(
      `${name}-queue-policy`,
      {
        queueUrl: queue.url,
        policy: pulumi
          .all([queue.arn, rule.arn])
          .apply(([queueArn, ruleArn]) => JSON.stringify(queuePolicy(queueArn, ruleArn))),
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      {
        rule: rule.name,
        arn: queue.arn,
        sqsTarget: { messageGroupId: PROMOTION_MESSAGE_GROUP },
      },
      parent,
    );

    // CreateEventSourceMapping checks that the role may receive from the queue: the function
    // comes after the role's policy (bundledFunction).
    const { fn } = bundledFunction(this, name, {
      names,
      description: "gitops-platform promotion (promotion/, bundled by esbuild)",
      roleDescription:
        "Promotion: proposes pull requests into later stages; never merges or approves",
      policyName: "promotion",
      policy: pulumi
        .all([
          args.repository.arn,
          pulumi.all([...args.imageRepositoryArns]),
          queue.arn,
          logGroup.arn,
        ])
        .apply(([repositoryArn, imageRepositoryArns, queueArn, logGroupArn]) =>
          JSON.stringify(
            promotionPolicy({ repositoryArn, imageRepositoryArns, queueArn, logGroupArn }),
          ),
        ),
      code: bundleLambda(PROMOTION_ENTRY).code,
      timeoutSeconds: PROMOTION_TIMEOUT_SECONDS,
      memoryMb: args.memoryMb,
      logGroup,
      variables: {
        [PROMOTION_ENVIRONMENT.repository]: args.repository.name,
        [PROMOTION_ENVIRONMENT.defaultBranch]: args.defaultBranch,
        [PROMOTION_ENVIRONMENT.stages]: JSON.stringify(args.stages),
        [PROMOTION_ENVIRONMENT.ecrRegistry]: args.ecrRegistry,
      },
    });
    new aws.lambda.EventSourceMapping(
      `${name}-events`,
      {
        eventSourceArn: queue.arn,
        functionName: fn.arn,
        batchSize: 1,
        functionResponseTypes: ["ReportBatchItemFailures"],
      },
      parent,
    );

    this.approvalRuleTemplates = {};
    for (const stage of approvalStages(args.stages)) {
      const template = new aws.codecommit.ApprovalRuleTemplate(
        `${name}-approvals-${stage.environment}`,
        {
          name: names.template(stage.environment),
          description: `Pull requests into ${stage.environment} need ${stage.approvals} approval(s) (gitops-platform:promotion)`,
          content: JSON.stringify(
            approvalRuleTemplateContent(args.stages, stage.environment, args.defaultBranch),
          ),
        },
        parent,
      );
      new aws.codecommit.ApprovalRuleTemplateAssociation(
        `${name}-approvals-${stage.environment}`,
        { approvalRuleTemplateName: template.name, repositoryName: args.repository.name },
        parent,
      );
      this.approvalRuleTemplates[stage.environment] = template.name;
    }
    this.approverPolicyArns = {};
    for (const stage of args.stages.slice(1)) {
      const branch = environmentBranch(args.stages, stage.environment, args.defaultBranch);
      const approver = new aws.iam.Policy(
        `${name}-approver-${stage.environment}`,
        {
          name: names.approverPolicy(stage.environment),
          description: `Review, approve and merge promotions into ${stage.environment} (${branch} of microservices-repo)`,
          policy: pulumi
            .output(args.repository.arn)
            .apply((repositoryArn) => JSON.stringify(approverPolicy({ repositoryArn, branch }))),
        },
        parent,
      );
      this.approverPolicyArns[stage.environment] = approver.arn;
    }

    this.functionName = fn.name;
    this.queueUrl = queue.url;
    this.deadLetterQueueUrl = deadLetters.url;
    this.registerOutputs({
      functionName: this.functionName,
      queueUrl: this.queueUrl,
      approverPolicyArns: this.approverPolicyArns,
    });
  }
}

/** EventBridge may send to the queue, for this rule only (confused deputy: aws:SourceArn). */
export function queuePolicy(queueArn: string, ruleArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PromotionRule",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
      },
    ],
  };
}
