/** The delivery plane: CodeCommit repositories and their seed, ECR, the image pipelines, image tags. */
export * from "./contract";
export {
  Repositories,
  REPOSITORY_ROLES,
  type RepositoriesArgs,
  type RepositoryRole,
} from "./repositories";
export { Registry, type RegistryArgs } from "./registry";
export { CACHE_TAG } from "./buildspec";
export { ImagePipeline, type ImagePipelineArgs } from "./pipeline";
export { BuildRouter, type BuildRouterArgs } from "./build-router";
export { formatImageTag, imagePolicyFilter, tagSafeBranch } from "./image-tag";
export { imagePolicyPatterns, type ImagePolicyPattern } from "./image-policies";
export { PROTECTED_REFS } from "./protected-refs";
export { EnvironmentBranch, type EnvironmentBranchArgs } from "./environment-branch";
export {
  holdFiles,
  HOLD_CONFIGMAP,
  HOLD_FILE,
  HOLD_LABEL,
  HOLD_WAITING,
  type HoldFile,
} from "./promotion-hold";
