/**
 * The promotion's IAM documents, pure: the function's role and one approver policy per later
 * stage. The refs a request writes are the `codecommit:References` key (GitPush, CreateBranch,
 * DeleteBranch, CreateCommit, PutFile, DeleteFile, Merge*: Service Authorization Reference), a
 * multi-valued key: allow-lists use `ForAllValues:StringLike` plus `Null: false` (ForAllValues
 * holds on an absent key), denies `ForAnyValue:StringLike`, and a request of those actions
 * without the key is denied outright, the pattern of
 * https://docs.aws.amazon.com/codecommit/latest/userguide/how-to-conditional-branch.html.
 * Pull-request and approval actions carry no such key: who may approve a pull request into a
 * stage is decided by the approval rule's pool, who may merge it by `codecommit:References`.
 */
import type { PolicyDocument } from "../aws";
import { branchRef, ENVIRONMENT_BRANCH_PREFIX, PROMOTION_BRANCH_PREFIX } from "./stages";

/** Actions whose requests carry `codecommit:References` (the refs they write). */
export const REF_WRITE_ACTIONS = [
  "codecommit:GitPush",
  "codecommit:CreateBranch",
  "codecommit:DeleteBranch",
  "codecommit:CreateCommit",
  "codecommit:PutFile",
  "codecommit:DeleteFile",
  "codecommit:CreateUnreferencedMergeCommit",
  "codecommit:MergeBranchesByFastForward",
  "codecommit:MergeBranchesBySquash",
  "codecommit:MergeBranchesByThreeWay",
  "codecommit:MergePullRequestByFastForward",
  "codecommit:MergePullRequestBySquash",
  "codecommit:MergePullRequestByThreeWay",
] as const;

export const MERGE_PULL_REQUEST_ACTIONS = [
  "codecommit:MergePullRequestByFastForward",
  "codecommit:MergePullRequestBySquash",
  "codecommit:MergePullRequestByThreeWay",
] as const;

/** Actions that decide or bypass approvals, and the templates behind them. */
export const APPROVAL_CONTROL_ACTIONS = [
  "codecommit:UpdatePullRequestApprovalState",
  "codecommit:OverridePullRequestApprovalRules",
  "codecommit:CreatePullRequestApprovalRule",
  "codecommit:UpdatePullRequestApprovalRuleContent",
  "codecommit:DeletePullRequestApprovalRule",
  "codecommit:CreateApprovalRuleTemplate",
  "codecommit:DeleteApprovalRuleTemplate",
  "codecommit:UpdateApprovalRuleTemplateContent",
  "codecommit:UpdateApprovalRuleTemplateDescription",
  "codecommit:UpdateApprovalRuleTemplateName",
  "codecommit:AssociateApprovalRuleTemplateWithRepository",
  "codecommit:BatchAssociateApprovalRuleTemplateWithRepositories",
  "codecommit:DisassociateApprovalRuleTemplateFromRepository",
  "codecommit:BatchDisassociateApprovalRuleTemplateFromRepositories",
] as const;

/** What reviewing a pull request reads (console and CLI). */
const REVIEW_READ_ACTIONS = [
  "codecommit:GetRepository",
  "codecommit:GetBranch",
  "codecommit:GetCommit",
  "codecommit:GetDifferences",
  "codecommit:GetFile",
  "codecommit:GetFolder",
  "codecommit:GetBlob",
  "codecommit:GetPullRequest",
  "codecommit:BatchGetPullRequests",
  "codecommit:ListPullRequests",
  "codecommit:DescribePullRequestEvents",
  "codecommit:GetCommentsForPullRequest",
  "codecommit:GetPullRequestApprovalStates",
  "codecommit:EvaluatePullRequestApprovalRules",
  "codecommit:GetPullRequestOverrideState",
  "codecommit:GetMergeConflicts",
  "codecommit:GetMergeOptions",
  "codecommit:DescribeMergeConflicts",
  "codecommit:BatchDescribeMergeConflicts",
];

const REFS = "codecommit:References";

export interface PromotionRoleTargets {
  /** microservices-repo. */
  readonly repositoryArn: string;
  /** The services' ECR repositories. */
  readonly imageRepositoryArns: readonly string[];
  readonly queueArn: string;
  readonly logGroupArn: string;
}

export function promotionPolicy(t: PromotionRoleTargets): PolicyDocument {
  if (
    !t.repositoryArn.startsWith("arn:") ||
    t.imageRepositoryArns.some((a) => !a.startsWith("arn:"))
  ) {
    throw new Error(`promotionPolicy: expected ARNs, got ${JSON.stringify(t)}`);
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadRepository",
        Effect: "Allow",
        Action: [
          "codecommit:GetBranch",
          "codecommit:GetFile",
          "codecommit:GetFolder",
          "codecommit:GetPullRequest",
          "codecommit:ListPullRequests",
        ],
        Resource: t.repositoryArn,
      },
      {
        Sid: "PromotionBranchesOnly",
        Effect: "Allow",
        Action: ["codecommit:CreateBranch", "codecommit:DeleteBranch", "codecommit:CreateCommit"],
        Resource: t.repositoryArn,
        Condition: {
          "ForAllValues:StringLike": { [REFS]: `${branchRef(PROMOTION_BRANCH_PREFIX)}*` },
          Null: { [REFS]: "false" },
        },
      },
      {
        Sid: "ProposeNeverDecide",
        Effect: "Allow",
        Action: [
          "codecommit:CreatePullRequest",
          "codecommit:UpdatePullRequestTitle",
          "codecommit:UpdatePullRequestDescription",
          "codecommit:UpdatePullRequestStatus",
          "codecommit:PostCommentForPullRequest",
        ],
        Resource: t.repositoryArn,
      },
      {
        Sid: "NeverMergeOrApprove",
        Effect: "Deny",
        Action: [...MERGE_PULL_REQUEST_ACTIONS, ...APPROVAL_CONTROL_ACTIONS, "codecommit:GitPush"],
        Resource: "*",
      },
      {
        Sid: "NeverWriteEnvironmentBranches",
        Effect: "Deny",
        Action: [...REF_WRITE_ACTIONS],
        Resource: "*",
        Condition: {
          "ForAnyValue:StringLike": { [REFS]: `${branchRef(ENVIRONMENT_BRANCH_PREFIX)}*` },
        },
      },
      {
        Sid: "RefWritesNameTheirRefs",
        Effect: "Deny",
        Action: [...REF_WRITE_ACTIONS],
        Resource: "*",
        Condition: { Null: { [REFS]: "true" } },
      },
      {
        Sid: "ReadAndKeepImages",
        Effect: "Allow",
        // PutImage re-tags an existing manifest (the keep tag); the repositories' tags are
        // immutable, so it can add a tag but never move one.
        Action: ["ecr:DescribeImages", "ecr:BatchGetImage", "ecr:PutImage"],
        Resource: [...t.imageRepositoryArns],
      },
      {
        Sid: "Queue",
        Effect: "Allow",
        Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
        Resource: t.queueArn,
      },
      {
        Sid: "Logs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [t.logGroupArn, `${t.logGroupArn}:log-stream:*`],
      },
    ],
  };
}

/**
 * What an approver of `environment` needs: read and comment on pull requests, approve them, and
 * merge those whose destination is the stage's branch; never override or edit approval rules.
 */
export function approverPolicy(t: {
  readonly repositoryArn: string;
  /** The stage's branch (`env/<environment>`). */
  readonly branch: string;
}): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Review",
        Effect: "Allow",
        Action: [
          ...REVIEW_READ_ACTIONS,
          "codecommit:PostCommentForPullRequest",
          "codecommit:UpdatePullRequestApprovalState",
        ],
        Resource: t.repositoryArn,
      },
      {
        Sid: "MergeIntoThisStageOnly",
        Effect: "Allow",
        Action: [...MERGE_PULL_REQUEST_ACTIONS],
        Resource: t.repositoryArn,
        Condition: {
          "ForAllValues:StringEquals": { [REFS]: branchRef(t.branch) },
          Null: { [REFS]: "false" },
        },
      },
      {
        Sid: "NeverBypassApprovals",
        Effect: "Deny",
        Action: APPROVAL_CONTROL_ACTIONS.filter(
          (a) => a !== "codecommit:UpdatePullRequestApprovalState",
        ),
        Resource: "*",
      },
    ],
  };
}
