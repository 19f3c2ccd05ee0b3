/** Shared AWS helpers: IAM document types, service-role and IRSA trust, CodeCommit event patterns, tag keys, Lambda bundles. */
export * from "./iam";
export * from "./irsa";
export * from "./codecommit-events";
export * from "./tags";
export * from "./bundle";
export * from "./codecommit-refs";
export * from "./lambda";
