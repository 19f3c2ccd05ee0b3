/**
 * Karpenter's interruption handling: EventBridge rules that send the EC2 and AWS Health events
 * of coming interruptions to an SQS queue the controller reads (it then cordons and drains the
 * node before it goes). Patterns and queue settings after the upstream CloudFormation template
 * (aws/karpenter-provider-aws `website/content/en/v1.14/getting-started/getting-started-with-karpenter/cloudformation.yaml`,
 * 1d92708): ScheduledChangeRule, SpotInterruptionRule, RebalanceRule, InstanceStateChangeRule,
 * CapacityReservationInterruptionRule. Events: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html,
 * .../rebalance-recommendations.html, https://docs.aws.amazon.com/health/latest/ug/cloudwatch-events-health.html.
 */
import type { PolicyDocument } from "../aws";

/** Rule key -> EventBridge pattern (the keys name the rules: `<prefix>-<key>`). */
export const INTERRUPTION_RULES = {
  "scheduled-change": { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
  "spot-interruption": {
    source: ["aws.ec2"],
    "detail-type": ["EC2 Spot Instance Interruption Warning"],
  },
  rebalance: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
  "instance-state-change": {
    source: ["aws.ec2"],
    "detail-type": ["EC2 Instance State-change Notification"],
  },
  "capacity-reservation-interruption": {
    source: ["aws.ec2"],
    "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type InterruptionRule = keyof typeof INTERRUPTION_RULES;

/**
 * Seconds a message stays in the queue: an interruption warning is worth acting on for two
 * minutes at most, so older ones are dropped (upstream MessageRetentionPeriod: 300).
 */
export const INTERRUPTION_MESSAGE_RETENTION_SECONDS = 300;

/**
 * Who may write to the queue: EventBridge, for these rules only (`aws:SourceArn`, set by
 * EventBridge for SQS targets: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sqs-permissions),
 * and nobody over plain HTTP. Upstream also allows `sqs.amazonaws.com` and any rule; neither is
 * needed here.
 */
export function interruptionQueuePolicy(
  queueArn: string,
  ruleArns: readonly string[],
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EventBridgeRules",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": [...ruleArns] } },
      },
      {
        Sid: "DenyHTTP",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}
