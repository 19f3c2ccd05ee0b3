/** Services as data: the settings entry, its GitOps templates, and the settings-versus-files check. */
export {
  EXPOSURES,
  RESERVED_SERVICE_NAMES,
  healthPathProblem,
  portProblem,
  serviceFolderProblem,
  serviceNameProblem,
  type Exposure,
  type ServiceEnvironment,
  type ServiceEnvironmentDefaults,
  type ServiceSpec,
} from "./spec";
export {
  IMAGE_AUTOMATION_FILE,
  gitopsEnvironments,
  serviceLayout,
  servicesInContent,
  type GitopsEnvironment,
} from "./layout";
export { serviceFiles, serviceListings, type Listing, type RenderedFile } from "./render";
export { imagePolicyMarker, placeholderTag } from "./templates-overlay";
export { listedResources, serviceContentProblems } from "./check";
