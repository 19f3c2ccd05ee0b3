/**
 * One stack's Pulumi Deployments role: trusted by that stack's deployments only (policy.ts), with
 * the delivery policy (delivery-policy.ts) for the delivery stack, or, for an environment stack,
 * the environment policy (environment-policy.ts) under the environment's own permissions boundary
 * (boundary.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { feedbackNames, keyParameterName } from "../feedback";
import { environmentBoundary } from "./boundary";
import { deliveryPolicy } from "./delivery-policy";
import { ENVIRONMENT_POLICY_PARTS, environmentDocuments } from "./environment-documents";
import {
  DEPLOYMENT_ROLE_PATH,
  allowedOperations,
  deploymentTrustPolicy,
  stackRoleNames,
} from "./policy";

/** Session length: an EKS stack's first `up` takes 20-30 min; 2 h leaves room (role max matches). */
export const SESSION_DURATION = { text: "2h0m0s", seconds: 7200 } as const;

/** What the roles need from the Deployments component's args, and the account. */
export interface StackRoleContext {
  readonly organization: string;
  readonly project: string;
  readonly region: string;
  readonly namePrefix: string;
  readonly deliveryStack: string;
  readonly repositories: {
    readonly flux: string;
    readonly microservices: string;
    readonly app: string;
  };
  readonly imageRepositories: readonly string[];
  /** Name prefix of each environment stack; default `gitops-<stack>` (environmentNamePrefix). */
  readonly environmentNamePrefixes?: Readonly<Record<string, string>>;
  readonly context: pulumi.Output<{
    partition: string;
    accountId: string;
    oidcProviderArn: string;
  }>;
}

/**
 * Name prefix of environment `stack`: the one given, else the default of
 * `gitops-platform:namePrefix` for a stack (`gitops-<stack>`). Its boundary lets it create IAM
 * names under this prefix only (fences.ts).
 */
export function environmentNamePrefix(
  stack: string,
  prefixes: Readonly<Record<string, string>> = {},
): string {
  return prefixes[stack] ?? `gitops-${stack}`;
}

/** ARN of stack `stack`'s Deployments role (known before the role exists). */
export function deploymentRoleArn(
  partition: string,
  accountId: string,
  namePrefix: string,
  stack: string,
): string {
  return `arn:${partition}:iam::${accountId}:role${DEPLOYMENT_ROLE_PATH}${stackRoleNames(namePrefix, stack).role}`;
}

/** ARN of a policy at the Deployments path (known before the policy exists). */
export function deploymentsPolicyArn(partition: string, accountId: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:policy${DEPLOYMENT_ROLE_PATH}${name}`;
}

/** The stack's role and inline policy, and an environment's boundary. */
export function createStackRole(
  parent: pulumi.Resource,
  name: string,
  ctx: StackRoleContext,
  stack: string,
  prod: boolean,
): { role: aws.iam.Role; boundary: aws.iam.Policy | undefined } {
  const names = stackRoleNames(ctx.namePrefix, stack);
  const delivery = stack === ctx.deliveryStack;
  const id = { organization: ctx.organization, project: ctx.project, stack };
  const repo = (c: { partition: string; accountId: string }, repository: string) =>
    `arn:${c.partition}:codecommit:${ctx.region}:${c.accountId}:${repository}`;
  const environment = ctx.context.apply((c) => ({
    partition: c.partition,
    accountId: c.accountId,
    environment: stack,
    boundaryArn: deploymentsPolicyArn(c.partition, c.accountId, names.boundary),
    feedbackKeyParameter: keyParameterName(feedbackNames(ctx.namePrefix).keyParameterPrefix, stack),
    clusterName: environmentNamePrefix(stack, ctx.environmentNamePrefixes),
    namePrefix: environmentNamePrefix(stack, ctx.environmentNamePrefixes),
  }));
  const boundary = delivery
    ? undefined
    : new aws.iam.Policy(
        `${name}-${stack}-boundary`,
        {
          name: names.boundary,
          path: DEPLOYMENT_ROLE_PATH,
          description: `Ceiling of the ${stack} environment's Deployments role and of every role it creates`,
          policy: pulumi.all([environment, ctx.context]).apply(([e, c]) =>
            JSON.stringify(
              environmentBoundary({
                ...e,
                deliveryStack: ctx.deliveryStack,
                gitPullRepositoryArns: [
                  repo(c, ctx.repositories.flux),
                  repo(c, ctx.repositories.microservices),
                ],
                gitPushRepositoryArns: [repo(c, ctx.repositories.microservices)],
                namePrefix: environmentNamePrefix(stack, ctx.environmentNamePrefixes),
                feedbackKeyParameter: keyParameterName(
                  feedbackNames(ctx.namePrefix).keyParameterPrefix,
                  stack,
                ),
              }),
            ),
          ),
        },
        { parent },
      );
  const role = new aws.iam.Role(
    `${name}-${stack}`,
    {
      name: names.role,
      path: DEPLOYMENT_ROLE_PATH,
      description: `Pulumi Deployments of ${ctx.organization}/${ctx.project}/${stack}`,
      maxSessionDuration: SESSION_DURATION.seconds,
      assumeRolePolicy: ctx.context.apply((c) =>
        JSON.stringify(deploymentTrustPolicy(c.oidcProviderArn, id, allowedOperations(prod))),
      ),
      permissionsBoundary: boundary?.arn,
    },
    { parent },
  );
  if (delivery) {
    new aws.iam.RolePolicy(
      `${name}-${stack}`,
      {
        role: role.name,
        policy: ctx.context.apply((c) =>
          JSON.stringify(
            deliveryPolicy({
              partition: c.partition,
              accountId: c.accountId,
              region: ctx.region,
              namePrefix: ctx.namePrefix,
              repositories: Object.values(ctx.repositories),
              microservicesRepository: ctx.repositories.microservices,
              imageRepositories: ctx.imageRepositories,
            }),
          ),
        ),
      },
      { parent },
    );
  } else {
    const documents = environment.apply(environmentDocuments);
    for (const part of ENVIRONMENT_POLICY_PARTS) {
      const policy = new aws.iam.Policy(
        `${name}-${stack}-${part}`,
        {
          name: names.policy(part),
          path: DEPLOYMENT_ROLE_PATH,
          description: `Pulumi Deployments of the ${stack} environment: ${part} resources`,
          policy: documents.apply((d) => JSON.stringify(d[part])),
        },
        { parent },
      );
      new aws.iam.RolePolicyAttachment(
        `${name}-${stack}-${part}`,
        { role: role.name, policyArn: policy.arn },
        { parent },
      );
    }
  }
  return { role, boundary };
}
