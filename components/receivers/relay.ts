/**
 * ReceiverRelay (each environment stack with receivers on): pushes reach the environment's Flux
 * Receivers within seconds, and the cluster is not opened to the internet.
 *
 * EventBridge (default bus) -> the relay Lambda in the environment's private subnets -> an
 * internal Network Load Balancer whose only allowed client is the relay's security group -> the
 * chart's `webhook-receiver` Service, whose pods a TargetGroupBinding of the GitOps content
 * registers (gitops/flux-repo/infrastructure/receivers) -> the Receiver, which checks the
 * generic-hmac signature and reconciles its objects at once.
 * Why this path: neither ECR nor CodeCommit is a Receiver type and an EventBridge API destination
 * cannot compute an HMAC over the body (it adds static headers only), so a public endpoint would
 * have to take the token in its path alone; here nothing is reachable from outside the VPC, and a
 * request inside it still needs the token. Pulumi owns the load balancer (one name, known DNS
 * name, deleted with the stack), the AWS Load Balancer Controller only registers the pods.
 *
 * Cost (us-east-1): the NLB $0.0225 an hour (~$16.43 a month) plus $0.006 per NLCU-hour (a few
 * requests an hour use a fraction of one); Lambda arm64 $0.0000133334 per GB-second and $0.20 per
 * million requests; EventBridge rules matching AWS service events on the default bus are free
 * (https://aws.amazon.com/elasticloadbalancing/pricing/, https://aws.amazon.com/lambda/pricing/,
 * https://aws.amazon.com/eventbridge/pricing/).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RELAY_ENVIRONMENT } from "../../relay/src/config";
import type { RelayRoutes } from "../../relay/src/route";
import { bundledFunction, bundleLambda } from "../aws";
import { CACHE_TAG } from "../delivery";
import { KEEP_TAG_PREFIX } from "../promotion";
import { relayNames, RECEIVERS } from "./names";
import { webhookLoadBalancer } from "./load-balancer";
import { ecrPushPattern, gitPushPattern } from "./patterns";
import { relayPolicy } from "./policy";
import { RELAY_ENTRY } from "./bundle";

export interface ReceiverRelayArgs {
  /** Environment name (descriptions). */
  readonly environment: string;
  /** Prefix of the AWS names (names.ts `relayNames`). */
  readonly namePrefix: string;
  /** AWS region of the stack (ARNs in the function's policy). */
  readonly region: string;
  /** AWS account ID of the stack (ARNs in the function's policy). */
  readonly accountId: pulumi.Input<string>;
  /** The environment's VPC: security groups and the target group. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * The EKS cluster's name: the target group carries it as `elbv2.k8s.aws/cluster`, the tag the
   * cluster's load balancer controller may register targets under (components/cluster).
   */
  readonly clusterName: string;
  /** The VPC's CIDR: the load balancer reaches the pods' IPs in it. */
  readonly vpcCidr: string;
  /** Private subnets: the function's interfaces and the load balancer's nodes. */
  readonly privateSubnetIds: pulumi.Input<string[]>;
  /** Namespace of the Receivers (`flux-system`). */
  readonly namespace: string;
  /**
   * ECR repositories whose pushes reconcile the image Receiver; only where image automation runs.
   * Default: none (no ECR rule).
   */
  readonly imageRepositoryNames?: pulumi.Input<string[]>;
  /** The two GitOps repositories, with the branch this environment syncs of each. */
  readonly fluxRepo: {
    readonly name: pulumi.Input<string>;
    readonly arn: pulumi.Input<string>;
    readonly branch: pulumi.Input<string>;
  };
  readonly microservicesRepo: {
    readonly name: pulumi.Input<string>;
    readonly arn: pulumi.Input<string>;
    readonly branch: pulumi.Input<string>;
  };
  /** Days to keep the function's logs (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /** Protect the log group (in prod: its records are the audit of what reached the cluster). */
  readonly protect: boolean;
  /** Permissions boundary of the function's role (the environment's). Default: none. */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
}

/** Seconds the function may run: the token read and one POST (5 s timeout) with room to spare. */
export const RELAY_TIMEOUT_SECONDS = 15;

export class ReceiverRelay extends pulumi.ComponentResource {
  /** Target group the TargetGroupBinding of the GitOps content registers the webhook pods in. */
  public readonly targetGroupArn: pulumi.Output<string>;
  /** Security group of the load balancer: the pods admit the webhook port from it. */
  public readonly loadBalancerSecurityGroupId: pulumi.Output<string>;
  public readonly functionName: pulumi.Output<string>;
  public readonly tokenParameter: string;

  constructor(name: string, args: ReceiverRelayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:receivers:ReceiverRelay", name, {}, opts);
    // Bundled before any child is declared: a first build blocks for a moment, and doing it here
    // keeps the order in which resources register the same whether or not it is cached.
    const bundle = bundleLambda(RELAY_ENTRY);
    const names = relayNames(args.namePrefix);
    this.tokenParameter = names.tokenParameter;
    const child = { parent: this };

    const { relaySg, lb, targetGroup, lbSg } = webhookLoadBalancer(this, name, {
      ...args,
      names,
    });

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: names.logGroup, retentionInDays: args.logRetentionDays },
      { parent: this, protect: args.protect },
    );
    const routes: pulumi.Output<RelayRoutes> = pulumi
      .all([
        args.imageRepositoryNames ?? [],
        args.fluxRepo.name,
        args.fluxRepo.branch,
        args.microservicesRepo.name,
        args.microservicesRepo.branch,
      ])
      .apply(([images, fluxName, fluxBranch, msName, msBranch]) => ({
        namespace: args.namespace,
        ...(args.imageRepositoryNames === undefined
          ? {}
          : {
              images: {
                receiver: RECEIVERS.images,
                repositories: images,
                ignoredTagPrefixes: [CACHE_TAG, KEEP_TAG_PREFIX],
              },
            }),
        git: {
          [fluxName]: { receiver: RECEIVERS.fluxRepo, branches: [fluxBranch] },
          [msName]: { receiver: RECEIVERS.microservicesRepo, branches: [msBranch] },
        },
      }));
    // The role must be able to create its interfaces and log before the first event: the
    // function comes after the role's policy (bundledFunction).
    const { fn } = bundledFunction(this, name, {
      names,
      description: "gitops-platform Flux receiver relay (relay/, bundled by esbuild)",
      roleDescription: `Flux receiver relay of ${args.environment}: EventBridge to Receivers`,
      permissionsBoundary: args.permissionsBoundary,
      policyName: "flux-receiver-relay",
      policy: pulumi.all([args.accountId, logGroup.arn]).apply(([accountId, logGroupArn]) =>
        JSON.stringify(
          relayPolicy({
            region: args.region,
            accountId,
            tokenParameter: names.tokenParameter,
            logGroupArn,
          }),
        ),
      ),
      code: bundle.code,
      timeoutSeconds: RELAY_TIMEOUT_SECONDS,
      logGroup,
      vpcConfig: { subnetIds: args.privateSubnetIds, securityGroupIds: [relaySg.id] },
      variables: {
        [RELAY_ENVIRONMENT.tokenParameter]: names.tokenParameter,
        [RELAY_ENVIRONMENT.endpoint]: pulumi.interpolate`http://${lb.dnsName}`,
        [RELAY_ENVIRONMENT.routes]: routes.apply((r) => JSON.stringify(r)),
      },
    });

    const triggers: { trigger: string; pattern: pulumi.Input<string> }[] = [
      {
        trigger: "flux-repo",
        pattern: pulumi
          .all([args.fluxRepo.arn, args.fluxRepo.branch])
          .apply(([arn, branch]) => JSON.stringify(gitPushPattern(arn, branch))),
      },
      {
        trigger: "microservices-repo",
        pattern: pulumi
          .all([args.microservicesRepo.arn, args.microservicesRepo.branch])
          .apply(([arn, branch]) => JSON.stringify(gitPushPattern(arn, branch))),
      },
      ...(args.imageRepositoryNames === undefined
        ? []
        : [
            {
              trigger: "images",
              pattern: pulumi
                .output(args.imageRepositoryNames)
                .apply((repos) => JSON.stringify(ecrPushPattern(repos))),
            },
          ]),
    ];
    for (const { trigger, pattern } of triggers) {
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${trigger}`,
        {
          name: names.rule(trigger),
          description: `Flux receivers of ${args.environment}: ${trigger} pushes`,
          eventPattern: pattern,
        },
        child,
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${trigger}`,
        {
          rule: rule.name,
          arn: fn.arn,
          retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 8 },
        },
        child,
      );
      new aws.lambda.Permission(
        `${name}-${trigger}`,
        {
          function: fn.name,
          statementId: `events-${trigger}`,
          action: "lambda:InvokeFunction",
          principal: "events.amazonaws.com",
          sourceArn: rule.arn,
        },
        child,
      );
    }

    this.targetGroupArn = targetGroup.arn;
    this.loadBalancerSecurityGroupId = lbSg.id;
    this.functionName = fn.name;
    this.registerOutputs({
      targetGroupArn: this.targetGroupArn,
      loadBalancerSecurityGroupId: this.loadBalancerSecurityGroupId,
      functionName: this.functionName,
    });
  }
}
