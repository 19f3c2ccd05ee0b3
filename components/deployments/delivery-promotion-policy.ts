/**
 * What the delivery stack's Deployments role needs for the promotion (components/promotion) and
 * the later stages' branches (components/delivery/environment-branch.ts): its FIFO queue and
 * dead-letter queue, SQS event source, the approval rule templates and their association with
 * microservices-repo, the approver policies. By exact name (components/promotion/names.ts) where
 * the service has resources. Its function, log group and role: delivery-feedback-policy.ts.
 */
import { allow, type PolicyStatement } from "../aws";
import { promotionNames } from "../promotion";
import { SQS_OWNED_ACTIONS } from "./environment-services";

export const SQS_ACTIONS = ["sqs:CreateQueue", ...SQS_OWNED_ACTIONS] as const;

export const EVENT_SOURCE_ACTIONS = [
  "lambda:CreateEventSourceMapping",
  "lambda:GetEventSourceMapping",
  "lambda:UpdateEventSourceMapping",
  "lambda:DeleteEventSourceMapping",
] as const;

/** Approval rule template actions take no resource (Service Authorization Reference). */
export const APPROVAL_TEMPLATE_ACTIONS = [
  "codecommit:CreateApprovalRuleTemplate",
  "codecommit:GetApprovalRuleTemplate",
  "codecommit:UpdateApprovalRuleTemplateContent",
  "codecommit:UpdateApprovalRuleTemplateDescription",
  "codecommit:UpdateApprovalRuleTemplateName",
  "codecommit:DeleteApprovalRuleTemplate",
  "codecommit:ListRepositoriesForApprovalRuleTemplate",
] as const;

export const APPROVAL_ASSOCIATION_ACTIONS = [
  "codecommit:AssociateApprovalRuleTemplateWithRepository",
  "codecommit:DisassociateApprovalRuleTemplateFromRepository",
  "codecommit:ListAssociatedApprovalRuleTemplatesForRepository",
  // The later stages' branches: created once from the default branch, with the hold commit; the
  // hold of a service added later (components/delivery/environment-branch-holds.ts).
  "codecommit:CreateBranch",
  "codecommit:GetFile",
] as const;

export const APPROVER_POLICY_ACTIONS = [
  "iam:CreatePolicy",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:ListPolicyVersions",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicyVersion",
  "iam:TagPolicy",
  "iam:UntagPolicy",
  "iam:DeletePolicy",
] as const;

export function promotionStatements(scope: {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  readonly namePrefix: string;
  /** microservices-repo's name: the repository the templates are associated with. */
  readonly microservicesRepository: string;
}): PolicyStatement[] {
  const { partition: p, accountId: a, region: r } = scope;
  const names = promotionNames(scope.namePrefix);
  const regional = (service: string, resource: string) =>
    `arn:${p}:${service}:${r}:${a}:${resource}`;
  const functionArn = regional("lambda", `function:${names.function}`);
  return [
    allow("PromotionQueues", SQS_ACTIONS, [
      regional("sqs", names.queue),
      regional("sqs", names.deadLetterQueue),
    ]),
    allow("PromotionEventSource", EVENT_SOURCE_ACTIONS, "*", {
      StringEquals: { "lambda:FunctionArn": functionArn },
    }),
    allow(
      "PromotionEventSourceTags",
      ["lambda:TagResource", "lambda:UntagResource", "lambda:ListTags"],
      regional("lambda", "event-source-mapping:*"),
    ),
    allow("ApprovalRuleTemplates", APPROVAL_TEMPLATE_ACTIONS, "*"),
    allow(
      "ApprovalRuleTemplateAssociation",
      APPROVAL_ASSOCIATION_ACTIONS,
      regional("codecommit", scope.microservicesRepository),
    ),
    allow(
      "ApproverPolicies",
      APPROVER_POLICY_ACTIONS,
      `arn:${p}:iam::${a}:policy/${names.approverPolicy("*")}`,
    ),
  ];
}
