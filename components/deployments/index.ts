/** Pulumi Deployments for every stack: OIDC roles, deployment settings, the CodeCommit trigger. */
export { Deployments, type DeploymentsArgs, type GitHost } from "./deployments";
export { DEPLOYMENT_ROLE_PATH } from "./policy";
export { deploymentRoleArn, environmentNamePrefix } from "./stack-roles";
