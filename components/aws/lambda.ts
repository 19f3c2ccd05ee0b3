/**
 * A Lambda function of this program's own code (bundle.ts): its execution role (trusted by the
 * Lambda service only), the role's inline policy, and the function (arm64, text logs into the log
 * group given), created after the policy so that the role may log (and create its interfaces, or
 * receive from its queue) before the first invocation. The connector, the promotion and the
 * receivers' relay are built on it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LAMBDA_RUNTIME } from "./bundle";
import type { PolicyDocument } from "./iam";

/**
 * Trust of the execution role: the Lambda service. Lambda's documented execution-role trust has
 * no source condition (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html);
 * who may attach the role to a function is decided by `iam:PassRole`.
 */
export function lambdaTrustPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
    ],
  };
}

export interface BundledFunctionArgs {
  /** Physical names of the function and of its role. */
  readonly names: { readonly function: string; readonly role: string };
  readonly description: string;
  readonly roleDescription: string;
  /** The role's permissions boundary. Default: none. */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
  /** Name and JSON document of the role's inline policy. */
  readonly policyName: string;
  readonly policy: pulumi.Input<string>;
  /** The bundled handler (`index.handler` of `index.js`). */
  readonly code: string;
  readonly timeoutSeconds: number;
  /** Default 256 MB. */
  readonly memoryMb?: number;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly variables: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Subnets and security groups, for a function in a VPC. Default: none. */
  readonly vpcConfig?: aws.types.input.lambda.FunctionVpcConfig;
}

export interface BundledFunction {
  readonly role: aws.iam.Role;
  readonly policy: aws.iam.RolePolicy;
  readonly fn: aws.lambda.Function;
}

/** The role, its policy and the function, as `<name>-role`, `<name>-policy`, `<name>-function`. */
export function bundledFunction(
  parent: pulumi.Resource,
  name: string,
  args: BundledFunctionArgs,
): BundledFunction {
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      name: args.names.role,
      description: args.roleDescription,
      assumeRolePolicy: JSON.stringify(lambdaTrustPolicy()),
      ...(args.permissionsBoundary === undefined
        ? {}
        : { permissionsBoundary: args.permissionsBoundary }),
    },
    { parent },
  );
  const policy = new aws.iam.RolePolicy(
    `${name}-policy`,
    { role: role.id, name: args.policyName, policy: args.policy },
    { parent },
  );
  const fn = new aws.lambda.Function(
    `${name}-function`,
    {
      name: args.names.function,
      description: args.description,
      runtime: LAMBDA_RUNTIME,
      // Graviton: about 20% cheaper per GB-second than x86_64 (Lambda pricing page).
      architectures: ["arm64"],
      handler: "index.handler",
      code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(args.code),
      }),
      memorySize: args.memoryMb ?? 256,
      timeout: args.timeoutSeconds,
      role: role.arn,
      loggingConfig: { logFormat: "Text", logGroup: args.logGroup.name },
      ...(args.vpcConfig === undefined ? {} : { vpcConfig: args.vpcConfig }),
      environment: { variables: args.variables },
    },
    { parent, dependsOn: [policy] },
  );
  return { role, policy, fn };
}
