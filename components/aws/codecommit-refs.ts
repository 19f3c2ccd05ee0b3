/**
 * Which identities may change which branches of a CodeCommit repository: IAM is the only wall
 * (CodeCommit has no resource-based policies and no branch protection of its own), and the key
 * that names branches is `codecommit:References` ("Limit pushes and merges to branches",
 * https://docs.aws.amazon.com/codecommit/latest/userguide/how-to-conditional-branch.html).
 * Pure: patterns in, statements out.
 */
import type { PolicyStatement } from "./iam";

/**
 * Every CodeCommit action that writes a branch and carries `codecommit:References` (Service
 * Authorization Reference, "Actions defined by AWS CodeCommit": the actions with that key).
 * GetMergeCommit carries it too but only reads.
 */
export const REF_WRITE_ACTIONS = [
  "codecommit:CreateBranch",
  "codecommit:CreateCommit",
  "codecommit:CreateUnreferencedMergeCommit",
  "codecommit:DeleteBranch",
  "codecommit:DeleteFile",
  "codecommit:GitPush",
  "codecommit:MergeBranchesByFastForward",
  "codecommit:MergeBranchesBySquash",
  "codecommit:MergeBranchesByThreeWay",
  "codecommit:MergePullRequestByFastForward",
  "codecommit:MergePullRequestBySquash",
  "codecommit:MergePullRequestByThreeWay",
  "codecommit:PutFile",
] as const;

/**
 * What decides whether a pull request may merge: approval rule templates and their association
 * with repositories, a pull request's own rules, approvals and overrides. No identity of an
 * environment may touch them.
 */
export const APPROVAL_ACTIONS = [
  "codecommit:AssociateApprovalRuleTemplateWithRepository",
  "codecommit:BatchAssociateApprovalRuleTemplateWithRepositories",
  "codecommit:BatchDisassociateApprovalRuleTemplateFromRepositories",
  "codecommit:CreateApprovalRuleTemplate",
  "codecommit:CreatePullRequestApprovalRule",
  "codecommit:DeleteApprovalRuleTemplate",
  "codecommit:DeletePullRequestApprovalRule",
  "codecommit:DisassociateApprovalRuleTemplateFromRepository",
  "codecommit:OverridePullRequestApprovalRules",
  "codecommit:UpdateApprovalRuleTemplateContent",
  "codecommit:UpdateApprovalRuleTemplateDescription",
  "codecommit:UpdateApprovalRuleTemplateName",
  "codecommit:UpdatePullRequestApprovalRuleContent",
  "codecommit:UpdatePullRequestApprovalState",
] as const;

/**
 * Explicit denies for an identity that must never change `protectedRefs` (patterns such as
 * `refs/heads/env/*`) nor the approval rules, whatever else its policies allow:
 * - every branch write whose references include a protected one (`ForAnyValue`: one push may
 *   update several references);
 * - every branch write but GitPush that names no reference at all: the API writes always name
 *   their branch, so a request without one is refused rather than trusted. GitPush is left out:
 *   a git push also makes requests without references (the AWS example denies only when the key
 *   is present, `"Null": {"codecommit:References": "false"}`), and pushes that name references
 *   are the ones the first statement judges;
 * - every approval action.
 */
export function protectedRefsDeny(
  protectedRefs: readonly string[],
  sidPrefix = "Protected",
): PolicyStatement[] {
  if (protectedRefs.length === 0 || protectedRefs.some((r) => !r.startsWith("refs/"))) {
    throw new Error(
      `protectedRefsDeny: expected refs/... patterns, got ${JSON.stringify(protectedRefs)}.`,
    );
  }
  return [
    {
      Sid: `${sidPrefix}RefsDeny`,
      Effect: "Deny",
      Action: [...REF_WRITE_ACTIONS],
      Resource: "*",
      Condition: { "ForAnyValue:StringLike": { "codecommit:References": [...protectedRefs] } },
    },
    {
      Sid: `${sidPrefix}RefsUnnamedDeny`,
      Effect: "Deny",
      Action: REF_WRITE_ACTIONS.filter((a) => a !== "codecommit:GitPush"),
      Resource: "*",
      Condition: { Null: { "codecommit:References": "true" } },
    },
    {
      Sid: `${sidPrefix}ApprovalsDeny`,
      Effect: "Deny",
      Action: [...APPROVAL_ACTIONS],
      Resource: "*",
    },
  ];
}

/**
 * Allows GitPush to `repositoryArn` only when every reference pushed is one of `refs` (exact
 * `refs/heads/<branch>`). A push request without references (part of every git push) matches
 * too: `ForAllValues` holds over no values; the references it then sends are judged here.
 */
export function gitPushOnly(
  repositoryArn: string,
  refs: readonly string[],
  sid = "GitPushOwnBranch",
): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: ["codecommit:GitPush"],
    Resource: [repositoryArn],
    Condition: { "ForAllValues:StringEquals": { "codecommit:References": [...refs] } },
  };
}
