/**
 * Approval rule templates, one per later stage that needs approvals: CodeCommit creates the rule
 * on every pull request whose destination is that stage's branch
 * (`DestinationReferences: ["refs/heads/env/<E>"]`), and the pull request merges only once
 * `NumberOfApprovalsNeeded` approvals of its current revision came from the pool. Content format
 * (version 2018-11-08): https://docs.aws.amazon.com/codecommit/latest/APIReference/API_CreateApprovalRuleTemplate.html
 * and https://docs.aws.amazon.com/codecommit/latest/userguide/approval-rule-templates.html. An
 * empty approver list omits `ApprovalPoolMembers` (the pool is optional): then any principal
 * allowed `codecommit:UpdatePullRequestApprovalState` counts, the author of the pull request
 * (the promotion function) excepted.
 */
import { branchRef, environmentBranch, type PromotionStage } from "./stages";

export const APPROVAL_RULE_TEMPLATE_VERSION = "2018-11-08";

export interface ApprovalRuleTemplateContent {
  readonly Version: typeof APPROVAL_RULE_TEMPLATE_VERSION;
  readonly DestinationReferences: readonly string[];
  readonly Statements: readonly {
    readonly Type: "Approvers";
    readonly NumberOfApprovalsNeeded: number;
    readonly ApprovalPoolMembers?: readonly string[];
  }[];
}

/** The later stages (after the first) whose pull requests need approvals. */
export function approvalStages(stages: readonly PromotionStage[]): PromotionStage[] {
  return stages.slice(1).filter((s) => s.approvals > 0);
}

export function approvalRuleTemplateContent(
  stages: readonly PromotionStage[],
  environment: string,
  defaultBranch: string,
): ApprovalRuleTemplateContent {
  const stage = stages.find((s) => s.environment === environment);
  if (!stage || stage === stages[0] || stage.approvals < 1) {
    throw new Error(
      `no approval rule for '${environment}': not a later stage that needs approvals`,
    );
  }
  return {
    Version: APPROVAL_RULE_TEMPLATE_VERSION,
    DestinationReferences: [branchRef(environmentBranch(stages, environment, defaultBranch))],
    Statements: [
      {
        Type: "Approvers",
        NumberOfApprovalsNeeded: stage.approvals,
        ...(stage.approvers.length > 0
          ? { ApprovalPoolMembers: stage.approvers.map(approvalPoolMember) }
          : {}),
      },
    ],
  };
}

/**
 * An approver as CodeCommit matches it: people approve through a role's sessions, recorded as
 * `arn:aws:sts::<account>:assumed-role/<role>/<session>`, and a pool member names a role's
 * sessions only with a wildcard session (CreatePullRequestApprovalRule, approvalRuleContent;
 * the AWS CLI's example pools `assumed-role/<role>/*`). An IAM role ARN (any path) becomes its
 * sessions; users and assumed-role ARNs stay as given.
 */
export function approvalPoolMember(approver: string): string {
  const role = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(approver);
  return role ? `arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/*` : approver;
}
