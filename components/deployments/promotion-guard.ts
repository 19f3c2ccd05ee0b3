/**
 * Defence in depth for the promotion path (components/promotion): no identity of an environment
 * (its Deployments role and every role and user it creates, all under its boundary) may write a
 * branch under `env/` of any repository, nor touch approval rules, approval states or their
 * overrides. The boundary already allows CodeCommit only for Git pull and the image automation's
 * push; these denies stay explicit so that widening that allowance cannot open the promotion
 * branches.
 *
 * `codecommit:References` holds the refs a write changes. A `git push` is authorized once
 * without the key (the call that lists what the push will do) and then with it; AWS's own
 * branch-protection example therefore denies only when the key is present (`Null: false`), or
 * every push would fail. Here: `ForAnyValue:StringLike` (absent key: no match) and `Null: false`.
 * https://docs.aws.amazon.com/codecommit/latest/userguide/how-to-conditional-branch.html
 */
import type { PolicyStatement } from "../aws";
import { ENVIRONMENT_BRANCH_PREFIX, branchRef } from "../promotion";

/** CodeCommit calls that change a branch (each supports `codecommit:References`). */
export const BRANCH_WRITE_ACTIONS = [
  "codecommit:GitPush",
  "codecommit:PutFile",
  "codecommit:DeleteFile",
  "codecommit:CreateCommit",
  "codecommit:CreateBranch",
  "codecommit:DeleteBranch",
  "codecommit:MergeBranchesByFastForward",
  "codecommit:MergeBranchesBySquash",
  "codecommit:MergeBranchesByThreeWay",
  "codecommit:MergePullRequestByFastForward",
  "codecommit:MergePullRequestBySquash",
  "codecommit:MergePullRequestByThreeWay",
] as const;

/** Approval rule templates, pull-request approval rules, approval states and overrides. */
export const APPROVAL_ACTIONS = [
  "codecommit:CreateApprovalRuleTemplate",
  "codecommit:UpdateApprovalRuleTemplateContent",
  "codecommit:UpdateApprovalRuleTemplateDescription",
  "codecommit:UpdateApprovalRuleTemplateName",
  "codecommit:DeleteApprovalRuleTemplate",
  "codecommit:AssociateApprovalRuleTemplateWithRepository",
  "codecommit:BatchAssociateApprovalRuleTemplateWithRepositories",
  "codecommit:DisassociateApprovalRuleTemplateFromRepository",
  "codecommit:BatchDisassociateApprovalRuleTemplateFromRepositories",
  "codecommit:CreatePullRequestApprovalRule",
  "codecommit:UpdatePullRequestApprovalRuleContent",
  "codecommit:DeletePullRequestApprovalRule",
  "codecommit:UpdatePullRequestApprovalState",
  "codecommit:OverridePullRequestApprovalRules",
] as const;

export function promotionGuardStatements(): PolicyStatement[] {
  return [
    {
      Sid: "NoEnvironmentBranchWrites",
      Effect: "Deny",
      Action: [...BRANCH_WRITE_ACTIONS],
      Resource: "*",
      Condition: {
        Null: { "codecommit:References": "false" },
        "ForAnyValue:StringLike": {
          "codecommit:References": [branchRef(`${ENVIRONMENT_BRANCH_PREFIX}*`)],
        },
      },
    },
    { Sid: "NoApprovalChanges", Effect: "Deny", Action: [...APPROVAL_ACTIONS], Resource: "*" },
  ];
}
