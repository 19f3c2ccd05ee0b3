/**
 * The EventBridge rule of the promotion: the connector's `Deployment Status Change` events
 * (connector/src/contract.ts) of a service Kustomization that succeeded in a stage with a next
 * stage, for microservices-repo. Everything else never reaches the function.
 */
import { statusChangePattern } from "../../connector/src/contract";
import type { PromotionStage } from "./stages";

export function promotionEventPattern(
  stages: readonly PromotionStage[],
  repository: string,
): Record<string, unknown> {
  const base = statusChangePattern({
    environments: stages.slice(0, -1).map((s) => s.environment),
    statuses: ["succeeded"],
  }) as { detail: Record<string, unknown> };
  return {
    ...base,
    detail: {
      ...base.detail,
      repository: [repository],
      application: [{ prefix: "Kustomization/" }],
    },
  };
}
