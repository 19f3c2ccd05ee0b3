/**
 * The promotion function's configuration: environment variables the Lambda function is created
 * with (components/promotion writes them from `PROMOTION_ENVIRONMENT`'s names). The region is
 * Lambda's own `AWS_REGION`.
 */
import type { PromotionStage } from "../../components/promotion/stages";
import type { PromotionConfig } from "./plan";

export const PROMOTION_ENVIRONMENT = {
  repository: "PROMOTION_REPOSITORY",
  defaultBranch: "PROMOTION_DEFAULT_BRANCH",
  stages: "PROMOTION_STAGES",
  ecrRegistry: "ECR_REGISTRY",
} as const;

/** Reads and checks the variables; throws naming every one missing or malformed. */
export function configFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): PromotionConfig {
  const missing = [...Object.values(PROMOTION_ENVIRONMENT), "AWS_REGION"].filter((k) => !env[k]);
  if (missing.length > 0)
    throw new Error(`promotion: environment variables not set: ${missing.join(", ")}`);
  const get = (k: keyof typeof PROMOTION_ENVIRONMENT) => env[PROMOTION_ENVIRONMENT[k]] as string;
  let stages: PromotionStage[];
  try {
    stages = JSON.parse(get("stages")) as PromotionStage[];
  } catch {
    stages = [];
  }
  if (
    !Array.isArray(stages) ||
    stages.length < 2 ||
    stages.some((s) => typeof s?.environment !== "string")
  )
    throw new Error(
      `promotion: ${PROMOTION_ENVIRONMENT.stages} must be a JSON list of at least two stages, got ${get("stages")}`,
    );
  return {
    repository: get("repository"),
    region: env.AWS_REGION as string,
    defaultBranch: get("defaultBranch"),
    stages,
    ecrRegistry: get("ecrRegistry"),
  };
}
