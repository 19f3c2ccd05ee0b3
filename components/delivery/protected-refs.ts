/**
 * The branches of the shared repositories no environment identity (Flux controllers, CI builds,
 * pipelines) may write: those later promotion stages sync (`env/<environment>`, changed by
 * approved pull requests only) and those promotions are proposed from (`promotion/<environment>`,
 * the promotion's own). Their explicit denies: components/aws/codecommit-refs.ts.
 */
import { branchRef, ENVIRONMENT_BRANCH_PREFIX, PROMOTION_BRANCH_PREFIX } from "../promotion";

export const PROTECTED_REFS: readonly string[] = [
  `${branchRef(ENVIRONMENT_BRANCH_PREFIX)}*`,
  `${branchRef(PROMOTION_BRANCH_PREFIX)}*`,
];
