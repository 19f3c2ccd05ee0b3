/** A promotion that cannot be made from its input (logged, not retried: a retry would not help). */
export class PromotionRefused extends Error {
  override readonly name = "PromotionRefused";
}
