/**
 * The contract between the shared (delivery) stack and the environment stacks: the outputs the
 * shared stack exports (index.ts) and an environment stack reads through a StackReference
 * (stacks/shared.ts), in the shapes the delivery components produce them.
 */

/** A CodeCommit repository as the stack outputs carry it (`Repositories.ref`). */
export interface RepositoryRef {
  readonly name: string;
  readonly arn: string;
  readonly cloneUrlHttp: string;
}

/** An ECR repository as the stack outputs carry it (`Registry.refs`). */
export interface ImageRepositoryRef {
  readonly name: string;
  readonly arn: string;
  readonly url: string;
}

/** The deployment-feedback connector as the stack outputs carry it (components/feedback). */
export interface DeploymentFeedbackRef {
  /** The connector's function URL (`https://<id>.lambda-url.<region>.on.aws/`). */
  readonly url: string;
  /** SSM prefix under which each environment stack writes its key (`<prefix><environment>`). */
  readonly keyParameterPrefix: string;
  /** DynamoDB ledger table. */
  readonly table: string;
  readonly functionName: string;
}

/** A stage of the promotion path as the stack outputs carry it (components/promotion/stages.ts). */
export interface PromotionStageRef {
  readonly environment: string;
  /** The microservices-repo branch the environment's Flux syncs (`environmentBranch`). */
  readonly branch: string;
  /** Approvals a pull request into `branch` needs (0 for the first stage). */
  readonly approvals: number;
  /** Principals whose approvals count; empty: any principal allowed to approve. */
  readonly approvers: readonly string[];
}

/** What the shared stack exports and environment stacks read. */
export interface SharedOutputs {
  readonly accountId: string;
  readonly region: string;
  readonly defaultBranch: string;
  readonly fluxRepo: RepositoryRef;
  readonly microservicesRepo: RepositoryRef;
  readonly appRepo: RepositoryRef;
  /** `<account>.dkr.ecr.<region>.amazonaws.com` */
  readonly ecrRegistry: string;
  /** By service name. */
  readonly ecrRepositories: Readonly<Record<string, ImageRepositoryRef>>;
  /** Where environments report their deployments (the connector). */
  readonly deploymentFeedback: DeploymentFeedbackRef;
  /** The promotion path, in order: the first stage's image automation writes its branch. */
  readonly promotion: { readonly stages: readonly PromotionStageRef[] };
  /** Pulumi Deployments role per stack; only when the shared stack enables Deployments. */
  readonly deploymentRoleArns?: Readonly<Record<string, string>>;
  /**
   * Permissions boundary per environment stack; only when the shared stack enables Deployments.
   * Every role the environment creates carries its own: its Deployments role may create no other.
   */
  readonly deploymentBoundaryArns?: Readonly<Record<string, string>>;
}

/** The outputs an environment stack cannot work without. */
export const SHARED_OUTPUT_KEYS: readonly (keyof SharedOutputs)[] = [
  "accountId",
  "region",
  "defaultBranch",
  "fluxRepo",
  "microservicesRepo",
  "appRepo",
  "ecrRegistry",
  "ecrRepositories",
  "deploymentFeedback",
  "promotion",
];
