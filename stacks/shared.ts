/**
 * The contract between the shared (delivery) stack and the environment stacks: the outputs the
 * shared stack exports, and the typed view an environment stack reads through a StackReference.
 */
import * as pulumi from "@pulumi/pulumi";
import { SHARED_OUTPUT_KEYS, type SharedOutputs } from "../components/delivery";
import type { RuntimeSettings } from "./settings";
import { StackError } from "./errors";

export type { SharedOutputs };

/**
 * Reads the shared stack. Fails with a clear message when it is missing or not deployed yet.
 */
export function referenceShared(settings: RuntimeSettings): pulumi.Output<SharedOutputs> {
  const ref = new pulumi.StackReference("shared", { name: settings.shared.stackName });
  return ref.outputs.apply((o) => {
    const missing = SHARED_OUTPUT_KEYS.filter((k) => o?.[k] === undefined);
    if (missing.length > 0) {
      throw new StackError(
        `The shared stack '${settings.shared.stackName}' has no outputs ${missing.join(", ")}: ` +
          `deploy the shared stack first: pulumi up -s shared (or set gitops-platform:sharedStack).`,
      );
    }
    return o as SharedOutputs;
  });
}

/**
 * The Pulumi Deployments role of this environment, from the shared stack. Fails with the fix when
 * the shared stack does not deploy this stack.
 */
export function deploymentsRoleArn(
  shared: pulumi.Output<SharedOutputs>,
  settings: RuntimeSettings,
): pulumi.Output<string> {
  return shared.apply((o) => {
    const arn = o.deploymentRoleArns?.[settings.stack];
    if (!arn) {
      throw new StackError(
        `gitops-platform:deploymentsAccess is true, but the shared stack '${settings.shared.stackName}' ` +
          `has no Pulumi Deployments role for stack '${settings.stack}': enable deployments in the ` +
          `shared stack with '${settings.stack}' in deployments.stacks (then pulumi up -s shared), ` +
          `or set deploymentsAccess: false.`,
      );
    }
    return arn;
  });
}

/**
 * This environment's permissions boundary, from the shared stack: undefined while the shared
 * stack does not run Deployments for it (roles are then created without one, by whoever runs
 * `pulumi up` with their own credentials).
 */
export function deploymentsBoundaryArn(
  shared: pulumi.Output<SharedOutputs>,
  settings: RuntimeSettings,
): pulumi.Output<string | undefined> {
  return shared.apply((o) => o.deploymentBoundaryArns?.[settings.stack]);
}

/**
 * The shared stack must be in the environment's account: CodeCommit has no resource-based
 * policies, so Flux's IRSA roles (and the HTTPS Git user) cannot reach repositories of another
 * account. Fails with the fix; otherwise the shared outputs, unchanged.
 */
export function inSameAccount(
  shared: pulumi.Output<SharedOutputs>,
  accountId: pulumi.Input<string>,
  settings: RuntimeSettings,
): pulumi.Output<SharedOutputs> {
  return pulumi.all([shared, accountId]).apply(([o, account]) => {
    if (o.accountId !== account) {
      throw new StackError(
        `Stack '${settings.stack}' deploys to AWS account ${account}, but the shared stack ` +
          `'${settings.shared.stackName}' is in account ${o.accountId}: Flux reaches CodeCommit ` +
          `with IAM roles of its own account only. Deploy both to the same account (check the AWS ` +
          `credentials or aws:profile of this stack).`,
      );
    }
    return o;
  });
}

/** Where this environment stands on the promotion path (the shared stack's `promotion`). */
export interface PromotionPlace {
  /** The microservices-repo branch this environment's Flux syncs. */
  readonly branch: string;
  /** The first stage's branch: the only one image automation may push. */
  readonly firstBranch: string;
  /** Whether this environment is the first stage (its image automation writes `branch`). */
  readonly first: boolean;
}

/**
 * This environment's stage, from the shared stack. Fails with the fix when the environment is
 * not a stage, or runs image automation without being the first stage.
 */
export function promotionPlace(
  shared: pulumi.Output<SharedOutputs>,
  settings: RuntimeSettings,
): pulumi.Output<PromotionPlace> {
  return shared.apply((o) => {
    const stages = o.promotion.stages;
    const index = stages.findIndex((s) => s.environment === settings.environment);
    if (index < 0) {
      throw new StackError(
        `Environment '${settings.environment}' is not a stage of the promotion path of the shared ` +
          `stack '${settings.shared.stackName}' (${stages.map((s) => s.environment).join(" -> ")}): ` +
          `its Flux would have no branch of microservices-repo to sync. Add ${settings.environment} ` +
          `to gitops-platform:promotion in Pulumi.shared.yaml (then pulumi up -s shared).`,
      );
    }
    if (index > 0 && settings.flux.imageAutomation) {
      throw new StackError(
        `gitops-platform:fluxImageAutomation is true in '${settings.environment}', which is stage ` +
          `${index + 1} of the promotion path (${stages.map((s) => s.environment).join(" -> ")}): ` +
          `only the first stage's image automation writes git, and '${stages[index].branch}' ` +
          `changes by approved pull requests only. Set fluxImageAutomation: false in ` +
          `Pulumi.${settings.stack}.yaml, or make it the first stage of gitops-platform:promotion.`,
      );
    }
    return { branch: stages[index].branch, firstBranch: stages[0].branch, first: index === 0 };
  });
}
