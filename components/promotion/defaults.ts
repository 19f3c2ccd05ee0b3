/**
 * The promotion path used until the shared stack's setting `gitops-platform:promotion` is wired
 * (issue 11A): dev, then staging after 1 approval, then prod after 2; no approver pool (any
 * principal whose IAM policies allow approving, e.g. one with an approver policy attached).
 */
import type { PromotionStage } from "./stages";

export const DEFAULT_PROMOTION_STAGES: readonly PromotionStage[] = Object.freeze([
  { environment: "dev", approvals: 0, approvers: [] },
  { environment: "staging", approvals: 1, approvers: [] },
  { environment: "prod", approvals: 2, approvers: [] },
]);
