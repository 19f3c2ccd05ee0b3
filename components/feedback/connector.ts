/**
 * DeploymentConnector (shared stack, one for every environment): the Lambda function that turns
 * Flux notifications into the deployment ledger, commit comments and EventBridge events
 * (connector/), its function URL, its table, role and log group.
 *
 * Keys: each environment stack creates its own key and writes it to SSM under
 * `keyParameterPrefix` (environment-key.ts); the connector reads `<prefix><environment>` when a
 * request names that environment. So this stack needs no list of environments, a new environment
 * works as soon as its stack ran, and a key exists only in Pulumi secrets, SSM and the cluster.
 *
 * Cost (us-east-1, usage only, nothing fixed): Lambda arm64 $0.0000133334 per GB-second and $0.20
 * per million requests (256 MB, ~100 ms an event: about $0.0004 per thousand events); DynamoDB
 * on demand $0.625 per million write request units, storage $0.25 per GB-month, PITR $0.20 per
 * GB-month; CloudWatch Logs $0.50 per GB; SSM standard parameters free; EventBridge custom events
 * $1.00 per million; CodeCommit API calls free (https://aws.amazon.com/lambda/pricing/,
 * https://aws.amazon.com/dynamodb/pricing/on-demand/, https://aws.amazon.com/eventbridge/pricing/).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CONNECTOR_ENVIRONMENT } from "../../connector/src/config";
import { bundledFunction } from "../aws";
import { bundleConnector } from "./bundle";
import { feedbackNames } from "./names";
import { connectorPolicy } from "./policy";

export interface DeploymentConnectorArgs {
  /** Prefix of the physical names (`<namePrefix>-deployments`, ...; see names.ts). */
  readonly namePrefix: string;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** The GitOps repositories it reads and comments on, by name and ARN (flux-repo, microservices-repo). */
  readonly repositories: readonly { name: pulumi.Input<string>; arn: pulumi.Input<string> }[];
  /** `<account>.dkr.ecr.<region>.amazonaws.com`, substituted for `${ECR_REGISTRY}` in image references. */
  readonly ecrRegistry: pulumi.Input<string>;
  /** Days to keep the function's logs (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /** Memory of the function in MB; CPU scales with it. Default 256. */
  readonly memoryMb?: number;
  /** Protect the ledger table (its history exists nowhere else) and enable deletion protection. */
  readonly protect: boolean;
}

/**
 * Seconds the function may run: under the Provider's 30 s `timeout` (gitops content), so
 * notification-controller sees the answer; a delivery takes well under a second.
 */
export const CONNECTOR_TIMEOUT_SECONDS = 20;

export class DeploymentConnector extends pulumi.ComponentResource {
  public readonly functionUrl: pulumi.Output<string>;
  public readonly functionName: pulumi.Output<string>;
  public readonly tableName: pulumi.Output<string>;
  public readonly tableArn: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly keyParameterPrefix: string;

  constructor(name: string, args: DeploymentConnectorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:feedback:DeploymentConnector", name, {}, opts);
    const names = feedbackNames(args.namePrefix);
    this.keyParameterPrefix = names.keyParameterPrefix;

    const table = new aws.dynamodb.Table(
      `${name}-ledger`,
      {
        name: names.table,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "pk",
        rangeKey: "sk",
        attributes: [
          { name: "pk", type: "S" },
          { name: "sk", type: "S" },
        ],
        // The AWS managed key (aws/dynamodb): key use shows in CloudTrail, no monthly key fee.
        serverSideEncryption: { enabled: true },
        pointInTimeRecovery: { enabled: true },
        deletionProtectionEnabled: args.protect,
      },
      { parent: this, protect: args.protect },
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: names.logGroup, retentionInDays: args.logRetentionDays },
      // Its logs are the record of refused requests (audit), kept like the others' in shared.
      { parent: this, protect: args.protect },
    );
    const { role, fn } = bundledFunction(this, name, {
      names,
      description: "gitops-platform deployment feedback (connector/, bundled by esbuild)",
      roleDescription: "Deployment feedback connector: Flux events to ledger, comments, events",
      policyName: "deployment-feedback",
      policy: pulumi
        .all([
          args.accountId,
          table.arn,
          logGroup.arn,
          pulumi.all(args.repositories.map((r) => r.arn)),
        ])
        .apply(([accountId, tableArn, logGroupArn, repositoryArns]) =>
          JSON.stringify(
            connectorPolicy({
              region: args.region,
              accountId,
              tableArn,
              repositoryArns,
              keyParameterPrefix: names.keyParameterPrefix,
              logGroupArn,
            }),
          ),
        ),
      code: bundleConnector().code,
      timeoutSeconds: CONNECTOR_TIMEOUT_SECONDS,
      memoryMb: args.memoryMb,
      logGroup,
      variables: {
        [CONNECTOR_ENVIRONMENT.table]: table.name,
        [CONNECTOR_ENVIRONMENT.keyParameterPrefix]: names.keyParameterPrefix,
        [CONNECTOR_ENVIRONMENT.repositories]: pulumi
          .all(args.repositories.map((r) => r.name))
          .apply((n) => n.join(",")),
        [CONNECTOR_ENVIRONMENT.ecrRegistry]: args.ecrRegistry,
      },
    });

    // Public URL, authenticated by the HMAC signature in the handler. Since October 2025 a URL
    // with auth NONE needs both grants: InvokeFunctionUrl (FunctionUrlAuthType NONE) and
    // InvokeFunction restricted to calls through the URL (lambda:InvokedViaFunctionUrl)
    // (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html). The provider adds the same
    // two statements itself on creation (FunctionUrl docs, @pulumi/aws 7.48) but never removes
    // them; these are declared so that the grant is visible, tested and destroyed with the stack.
    const url = new aws.lambda.FunctionUrl(
      `${name}-url`,
      { functionName: fn.name, authorizationType: "NONE", invokeMode: "BUFFERED" },
      { parent: this },
    );
    new aws.lambda.Permission(
      `${name}-url-public`,
      {
        function: fn.name,
        statementId: "gitops-platform-url-public",
        action: "lambda:InvokeFunctionUrl",
        principal: "*",
        functionUrlAuthType: "NONE",
      },
      { parent: this },
    );
    new aws.lambda.Permission(
      `${name}-url-invoke`,
      {
        function: fn.name,
        statementId: "gitops-platform-url-invoke",
        action: "lambda:InvokeFunction",
        principal: "*",
        invokedViaFunctionUrl: true,
      },
      { parent: this },
    );

    this.functionUrl = url.functionUrl;
    this.functionName = fn.name;
    this.tableName = table.name;
    this.tableArn = table.arn;
    this.roleArn = role.arn;
    this.registerOutputs({
      functionUrl: this.functionUrl,
      functionName: this.functionName,
      tableName: this.tableName,
    });
  }
}
