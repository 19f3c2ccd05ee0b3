/**
 * What Pulumi Deployments needs when the program lives in CodeCommit, which its native push trigger
 * does not support: a pull-only Git credential for the HTTPS clone, and an EventBridge rule per
 * stack that calls the Deployments REST API on a push to the stack's branch.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { codeCommitPushPattern } from "../aws";
import {
  API_AUTH_HEADER,
  DEPLOYMENT_ROLE_PATH,
  apiAuthValue,
  codeCommitCloneUrl,
  deploymentRequestBody,
  deploymentUrlTemplate,
  eventsTrustPolicy,
  gitPullPolicy,
  invokeApiDestinationPolicy,
} from "./policy";

/** Partition and account of the stack, e.g. `{ partition: "aws", accountId: "123456789012" }`. */
export interface AwsContext {
  readonly partition: string;
  readonly accountId: string;
}

export interface DeploymentsCodeCommitArgs {
  /** Pulumi organization owning the stacks (path of the Deployments REST API). */
  readonly organization: string;
  /** Pulumi project name (`gitops-platform`). */
  readonly project: string;
  /** AWS region of the CodeCommit repository (clone URL, repository ARN). */
  readonly region: string;
  /** Prefix of physical names (`gitops-shared`). */
  readonly namePrefix: string;
  /** Name of the CodeCommit repository holding the program. */
  readonly repository: string;
  /**
   * Branch each stack deploys from, e.g. `{ shared: "main", prod: "production" }`: one EventBridge
   * rule and target per entry, declared in the entries' order.
   */
  readonly branches: Readonly<Record<string, string>>;
  /**
   * Pulumi access token (a secret) allowed to start deployments of every listed stack; the
   * EventBridge connection sends it as `Authorization: token <value>`
   * (https://www.pulumi.com/docs/pulumi-cloud/reference/cloud-rest-api/deployments/).
   */
  readonly apiToken: pulumi.Input<string>;
  /** Partition and account of the stack: the repository ARN and the invoke role's trust. */
  readonly context: pulumi.Input<AwsContext>;
}

/**
 * The children keep the logical names they had when `Deployments` declared them itself. Declare
 * this component with `{ parent: <that Deployments> }`: the children's aliases name that parent,
 * so that stacks which already hold them move them here without a replacement.
 */
export class DeploymentsCodeCommit extends pulumi.ComponentResource {
  /** HTTPS clone URL of the repository. */
  public readonly cloneUrl: string;
  /** CodeCommit HTTPS Git user name of the pull-only IAM user. */
  public readonly gitUsername: pulumi.Output<string>;
  /** Its password (a secret). */
  public readonly gitPassword: pulumi.Output<string>;

  constructor(
    name: string,
    args: DeploymentsCodeCommitArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("gitops-platform:deployments:DeploymentsCodeCommit", name, {}, opts);
    const child: pulumi.CustomResourceOptions = {
      parent: this,
      aliases: opts?.parent ? [{ parent: opts.parent }] : [],
    };
    const ctx = pulumi.output(args.context);
    const repositoryArn = ctx.apply(
      (c) => `arn:${c.partition}:codecommit:${args.region}:${c.accountId}:${args.repository}`,
    );

    // Deployments clones over HTTPS with basic auth; OIDC only covers the AWS API, not the clone.
    // So: an IAM user that may only pull this repository, and its CodeCommit HTTPS Git credential
    // (not an AWS access key), kept encrypted in the deployment settings.
    const user = new aws.iam.User(
      `${name}-git`,
      { name: `${args.namePrefix}-deploy-git`, path: DEPLOYMENT_ROLE_PATH },
      child,
    );
    new aws.iam.UserPolicy(
      `${name}-git`,
      { user: user.name, policy: repositoryArn.apply((arn) => JSON.stringify(gitPullPolicy(arn))) },
      child,
    );
    const credential = new aws.iam.ServiceSpecificCredential(
      `${name}-git`,
      { serviceName: "codecommit.amazonaws.com", userName: user.name },
      child,
    );
    this.cloneUrl = codeCommitCloneUrl(args.region, args.repository);
    this.gitUsername = credential.serviceUserName;
    this.gitPassword = pulumi.secret(credential.servicePassword);

    const connection = new aws.cloudwatch.EventConnection(
      `${name}-api`,
      {
        name: `${args.namePrefix}-pulumi-api`,
        description: "Pulumi Cloud REST API (Deployments)",
        authorizationType: "API_KEY",
        authParameters: {
          apiKey: {
            key: API_AUTH_HEADER,
            value: pulumi.secret(pulumi.output(args.apiToken).apply(apiAuthValue)),
          },
        },
      },
      child,
    );
    const destination = new aws.cloudwatch.EventApiDestination(
      `${name}-api`,
      {
        name: `${args.namePrefix}-pulumi-deploy`,
        description: "POST /api/stacks/{org}/{project}/{stack}/deployments",
        connectionArn: connection.arn,
        httpMethod: "POST",
        invocationEndpoint: deploymentUrlTemplate(args.organization, args.project),
        // A push starts at most one deployment per stack; a low ceiling bounds a runaway loop.
        invocationRateLimitPerSecond: 1,
      },
      child,
    );
    const invoker = new aws.iam.Role(
      `${name}-invoke`,
      {
        name: `${args.namePrefix}-deploy-invoke`,
        assumeRolePolicy: ctx.apply((c) => JSON.stringify(eventsTrustPolicy(c.accountId))),
      },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-invoke`,
      {
        role: invoker.name,
        policy: destination.arn.apply((arn) => JSON.stringify(invokeApiDestinationPolicy(arn))),
      },
      child,
    );
    for (const [stack, branch] of Object.entries(args.branches)) {
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${stack}`,
        {
          name: `${args.namePrefix}-deploy-${stack}`,
          description: `Push to ${args.repository}@${branch} deploys stack ${stack}`,
          eventPattern: repositoryArn.apply((arn) =>
            JSON.stringify(codeCommitPushPattern(arn, branch)),
          ),
        },
        child,
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${stack}`,
        {
          rule: rule.name,
          arn: destination.arn,
          roleArn: invoker.arn,
          input: JSON.stringify(deploymentRequestBody()),
          httpTarget: { pathParameterValues: [stack] },
          retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 5 },
        },
        child,
      );
    }
    this.registerOutputs({
      cloneUrl: this.cloneUrl,
      gitUsername: this.gitUsername,
      gitPassword: this.gitPassword,
    });
  }
}
