/** Promotion: the path's names (stages.ts), the engine's function, approvals and policies. */
export * from "./stages";
export { DEFAULT_PROMOTION_STAGES } from "./defaults";
export {
  approvalRuleTemplateContent,
  approvalStages,
  APPROVAL_RULE_TEMPLATE_VERSION,
  type ApprovalRuleTemplateContent,
} from "./approvals";
export { promotionNames, type PromotionNames } from "./names";
export { promotionEventPattern } from "./pattern";
export { approverPolicy, promotionPolicy, type PromotionRoleTargets } from "./policy";
export {
  Promotion,
  PROMOTION_ENTRY,
  PROMOTION_TIMEOUT_SECONDS,
  queuePolicy,
  type PromotionArgs,
} from "./promotion";
