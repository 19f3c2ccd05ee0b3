/** Deployment feedback: the connector (shared stack) and each environment's signing key. */
export {
  DeploymentConnector,
  CONNECTOR_TIMEOUT_SECONDS,
  type DeploymentConnectorArgs,
} from "./connector";
export { DeploymentFeedbackKey, type DeploymentFeedbackKeyArgs } from "./environment-key";
export {
  FEEDBACK_SECRET_NAME,
  feedbackAddress,
  feedbackNames,
  keyParameterName,
  type FeedbackNames,
} from "./names";
export {
  bundleConnector,
  CONNECTOR_ENTRY,
  CONNECTOR_RUNTIME,
  type ConnectorBundle,
} from "./bundle";
export { connectorPolicy, lambdaTrustPolicy, type ConnectorTargets } from "./policy";
export { kubeconfigCommand, loadBalancerAddressCommand } from "./verify";
