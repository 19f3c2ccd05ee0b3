/**
 * Rows of the environment IAM tables for what belongs to the shared stack: the promotion guard of
 * the boundary (promotion-guard.ts), for every identity under it, and the deployment-feedback
 * connector, which no environment role reaches.
 */
import type { TableRow } from "../../helpers/iam";
import { owned, R, A, repo, row } from "./iam-rows";

const connector = `arn:aws:lambda:${R}:${A}:function:gitops-shared-deployment-feedback`;
const ledger = `arn:aws:dynamodb:${R}:${A}:table/gitops-shared-deployments`;

/** What the shared stack's connector owns: no environment role reaches it. */
export function connectorRows(delivery: string): TableRow[] {
  const shared = owned(delivery);
  return [
    row("deny", "replace the connector's code", "lambda:UpdateFunctionCode", connector, shared),
    row("deny", "open the connector's URL wider", "lambda:AddPermission", connector, shared),
    row("deny", "delete the ledger", "dynamodb:DeleteTable", ledger, shared),
    row("deny", "forge ledger entries", "dynamodb:PutItem", ledger, shared),
    row("deny", "read the ledger", "dynamodb:Query", ledger, shared),
  ];
}

/** The promotion guard: no identity under the boundary writes `env/*` or touches approvals. */
export function promotionRows(delivery: string): TableRow[] {
  const ms = repo("microservices-repo");
  const shared = owned(delivery);
  const refs = (...r: string[]) => ({ ...shared, "codecommit:References": r });
  return [
    row(
      "allow",
      "image automation pushes the default branch",
      "codecommit:GitPush",
      ms,
      refs("refs/heads/main"),
    ),
    row("allow", "a push's first call carries no references", "codecommit:GitPush", ms, shared),
    row(
      "deny",
      "push an environment branch",
      "codecommit:GitPush",
      ms,
      refs("refs/heads/env/prod"),
    ),
    row(
      "deny",
      "push main and an environment branch",
      "codecommit:GitPush",
      ms,
      refs("refs/heads/main", "refs/heads/env/staging"),
    ),
    row(
      "deny",
      "create an environment branch",
      "codecommit:CreateBranch",
      ms,
      refs("refs/heads/env/qa"),
    ),
    row(
      "deny",
      "commit to an environment branch",
      "codecommit:PutFile",
      ms,
      refs("refs/heads/env/prod"),
    ),
    row(
      "deny",
      "merge a promotion",
      "codecommit:MergePullRequestByFastForward",
      ms,
      refs("refs/heads/env/prod"),
    ),
    row("deny", "approve a promotion", "codecommit:UpdatePullRequestApprovalState", ms, shared),
    row(
      "deny",
      "override its approval rules",
      "codecommit:OverridePullRequestApprovalRules",
      ms,
      shared,
    ),
    row(
      "deny",
      "change an approval rule template",
      "codecommit:UpdateApprovalRuleTemplateContent",
      "*",
    ),
    row(
      "deny",
      "detach a template",
      "codecommit:DisassociateApprovalRuleTemplateFromRepository",
      ms,
      shared,
    ),
  ];
}
