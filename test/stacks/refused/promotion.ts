/** Refused: the shared stack's promotion path. Rows as in ../bad-settings.ts. */
import type { BadSetting } from "../bad-settings";

const ROLE = "arn:aws:iam::123456789012:role/release";

export const PROMOTION_REFUSED: readonly BadSetting[] = [
  [
    "no stage",
    "shared",
    { promotion: [] },
    `gitops-platform:promotion = []: no stage listed. List the environments in promotion order, such as [dev, {environment: staging, approvals: 1}, {environment: prod, approvals: 2, approvers: [arn:aws:iam::123456789012:role/release]}] (README, Settings).`,
  ],
  [
    "a map instead of a list",
    "shared",
    { promotion: { environment: "dev" } },
    `gitops-platform:promotion = {"environment":"dev"}: expected a list.`,
  ],
  [
    "an environment listed twice",
    "shared",
    { promotion: ["dev", "staging", { environment: "staging", approvals: 2 }] },
    `gitops-platform:promotion = ["staging"]: an environment is listed twice: each syncs one branch. List each environment once.`,
  ],
  [
    "approvals on the first stage",
    "shared",
    { promotion: [{ environment: "dev", approvals: 1 }, "prod"] },
    `gitops-platform:promotion[0].approvals = 1: the first stage takes no pull requests: its image automation writes its branch. Set approvals: 0 here, and ask approvals of the stages after it.`,
  ],
  [
    "approvers on the first stage",
    "shared",
    { promotion: [{ environment: "dev", approvers: [ROLE] }, "prod"] },
    `gitops-platform:promotion[0].approvers = ["${ROLE}"]: the first stage takes no pull requests, so no approvals. Remove approvers here.`,
  ],
  [
    "a fractional approval count",
    "shared",
    { promotion: ["dev", { environment: "prod", approvals: 1.5 }] },
    `gitops-platform:promotion[1].approvals = 1.5: expected a whole number from 0 to 10. Use 1 (staging) or 2 (prod).`,
  ],
  [
    "a negative approval count",
    "shared",
    { promotion: ["dev", { environment: "prod", approvals: -1 }] },
    `gitops-platform:promotion[1].approvals = -1: expected a whole number from 0 to 10.`,
  ],
  [
    "more approvals than CodeCommit takes",
    "shared",
    { promotion: ["dev", { environment: "prod", approvals: 11 }] },
    `gitops-platform:promotion[1].approvals = 11: expected a whole number from 0 to 10.`,
  ],
  [
    "an approver that is not a principal ARN",
    "shared",
    { promotion: ["dev", { environment: "prod", approvals: 2, approvers: ["release-team"] }] },
    `gitops-platform:promotion[1].approvers = "release-team": not an IAM role or user ARN, nor an assumed-role ARN (arn:aws:sts::<account>:assumed-role/<role>/*). List the principals whose approvals count.`,
  ],
  [
    "an approver ARN of another service",
    "shared",
    { promotion: ["dev", { environment: "prod", approvers: ["arn:aws:s3:::bucket"] }] },
    `gitops-platform:promotion[1].approvers = "arn:aws:s3:::bucket": not an IAM role or user ARN`,
  ],
  [
    "an environment name that makes no branch",
    "shared",
    { promotion: ["dev", "Prod Env"] },
    `gitops-platform:promotion[1].environment = "Prod Env": not an environment name (lower-case letters, digits and '-', 1 to 30 characters). Use the environment stack's name, such as staging.`,
  ],
  [
    "an unknown field",
    "shared",
    { promotion: ["dev", { environment: "prod", reviewers: 2 }] },
    `gitops-platform:promotion[1].reviewers = 2: unknown field. Use environment, approvals, approvers.`,
  ],
  [
    "an entry that is neither a name nor a map",
    "shared",
    { promotion: ["dev", 3] },
    `gitops-platform:promotion[1] = 3: expected an environment name or a map with an environment.`,
  ],
  [
    "a default branch under env/, which the promotion path protects",
    "shared",
    { defaultBranch: "env/main" },
    `gitops-platform:defaultBranch = "env/main": branches under env/ belong to the promotion path (no environment identity may write them), but dev's image automation writes the default branch. Use a name such as main.`,
  ],
];
