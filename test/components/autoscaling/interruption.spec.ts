import * as assert from "node:assert/strict";
import {
  INTERRUPTION_RULES,
  interruptionQueuePolicy,
  type InterruptionRule,
} from "../../../components/autoscaling/interruption";
import { matches } from "../../helpers/event-pattern";
import { trusts } from "../../helpers/iam";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const INSTANCE = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`;

/** Sample events in the shapes AWS documents (EC2 user guide, AWS Health user guide). */
const EVENTS: Record<string, Record<string, unknown>> = {
  spotWarning: {
    version: "0",
    source: "aws.ec2",
    "detail-type": "EC2 Spot Instance Interruption Warning",
    account: ACCOUNT,
    region: REGION,
    resources: [INSTANCE],
    detail: { "instance-id": "i-0123456789abcdef0", "instance-action": "terminate" },
  },
  rebalance: {
    source: "aws.ec2",
    "detail-type": "EC2 Instance Rebalance Recommendation",
    resources: [INSTANCE],
    detail: { "instance-id": "i-0123456789abcdef0" },
  },
  stateChange: {
    source: "aws.ec2",
    "detail-type": "EC2 Instance State-change Notification",
    resources: [INSTANCE],
    detail: { "instance-id": "i-0123456789abcdef0", state: "stopping" },
  },
  healthScheduled: {
    source: "aws.health",
    "detail-type": "AWS Health Event",
    detail: {
      service: "EC2",
      eventTypeCategory: "scheduledChange",
      eventTypeCode: "AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED",
      affectedEntities: [{ entityValue: "i-0123456789abcdef0" }],
    },
  },
  capacityReservation: {
    source: "aws.ec2",
    "detail-type": "EC2 Capacity Reservation Instance Interruption Warning",
    resources: [INSTANCE],
    detail: { "instance-id": "i-0123456789abcdef0" },
  },
  // Must reach no rule.
  spotFleetError: {
    source: "aws.ec2spot",
    "detail-type": "EC2 Spot Fleet Error",
    detail: {},
  },
  apiCall: {
    source: "aws.ec2",
    "detail-type": "AWS API Call via CloudTrail",
    detail: { eventName: "TerminateInstances" },
  },
  lookalike: {
    source: "custom.app",
    "detail-type": "EC2 Spot Instance Interruption Warning",
    detail: {},
  },
  autoscaling: {
    source: "aws.autoscaling",
    "detail-type": "EC2 Instance-terminate Lifecycle Action",
    detail: {},
  },
};

const ruleFor = (event: Record<string, unknown>): InterruptionRule[] =>
  (Object.keys(INTERRUPTION_RULES) as InterruptionRule[]).filter((r) =>
    matches(INTERRUPTION_RULES[r], event),
  );

describe("components/autoscaling: interruption rules", () => {
  it("sends each interruption event to exactly one rule", () => {
    assert.deepEqual(Object.fromEntries(Object.entries(EVENTS).map(([k, e]) => [k, ruleFor(e)])), {
      spotWarning: ["spot-interruption"],
      rebalance: ["rebalance"],
      stateChange: ["instance-state-change"],
      healthScheduled: ["scheduled-change"],
      capacityReservation: ["capacity-reservation-interruption"],
      spotFleetError: [],
      apiCall: [],
      lookalike: [],
      autoscaling: [],
    });
  });

  it("lets only EventBridge, for these rules and over TLS, write to the queue", () => {
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:gitops-dev-karpenter`;
    const rule = (k: string) =>
      `arn:aws:events:${REGION}:${ACCOUNT}:rule/gitops-dev-karpenter-${k}`;
    const rules = Object.keys(INTERRUPTION_RULES).map(rule);
    const doc = JSON.parse(JSON.stringify(interruptionQueuePolicy(queue, rules)));
    const events = { type: "Service" as const, id: "events.amazonaws.com" };
    const send = (context: Record<string, string | boolean>) => ({
      action: "sqs:SendMessage",
      resource: queue,
      context: { "aws:SecureTransport": true, ...context },
    });
    assert.equal(trusts(doc, events, send({ "aws:SourceArn": rule("rebalance") })), true);
    // Another rule (another environment's, or anyone's in the account) may not.
    assert.equal(
      trusts(doc, events, send({ "aws:SourceArn": rule("x").replace("dev", "prod") })),
      false,
    );
    assert.equal(trusts(doc, events, send({})), false);
    // Not SQS itself (upstream allows it), not another account's principal.
    assert.equal(trusts(doc, { type: "Service", id: "sqs.amazonaws.com" }, send({})), false);
    assert.equal(
      trusts(doc, { type: "AWS", id: "arn:aws:iam::210987654321:root" }, send({})),
      false,
    );
    // Plain HTTP is denied even for the rules.
    assert.equal(
      trusts(
        doc,
        events,
        send({ "aws:SourceArn": rule("rebalance"), "aws:SecureTransport": false }),
      ),
      false,
    );
  });
});
