/**
 * Tag keys every resource of a stack carries (the program's AWS provider sets them as default
 * tags, stacks/resolve.ts). The IAM of Pulumi Deployments confines each environment by the stack
 * tag (attribute-based access control), and the policy pack reads the profile tag.
 */

/** The stack that owns a resource: `dev`, `prod`, `shared`, ... */
export const STACK_TAG = "gitops-platform:stack";
/** The profile the owning stack is built from: `dev`, `staging`, `prod` or `shared`. */
export const PROFILE_TAG = "gitops-platform:profile";
/** The Pulumi project, and the tool that manages the resource. */
export const PROJECT_TAG = "gitops-platform:project";
export const MANAGED_BY_TAG = "gitops-platform:managed-by";
