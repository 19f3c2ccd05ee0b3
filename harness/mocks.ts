/**
 * Realistic mock outputs: what the AWS, EKS, awsx, Kubernetes and Pulumi Service providers would
 * return for each resource type the program declares (ARN and ID formats, URLs, the outputs of
 * remote components), and the data-source calls the program makes itself.
 */
import { mockGetZone, MORE_OUTPUTS } from "./mocks-nodes";
import { RECEIVER_OUTPUTS } from "./mocks-receivers";
import { REMOTE_COMPONENT_OUTPUTS } from "./mocks-components";
import { hex, MOCK_ACCOUNT } from "./mock-ids";
import { availabilityZones } from "./mock-zones";

export { hex, MOCK_ACCOUNT } from "./mock-ids";
export { MOCK_ZONE_NAME } from "./mocks-domain";
export const MOCK_ORGANIZATION = "example-org";

export interface MockContext {
  readonly region: string;
  /** Outputs of other stacks, by fully qualified stack name, for `StackReference`. */
  readonly stackOutputs: (name: string) => Record<string, unknown> | undefined;
}

type Outputs = Record<string, unknown>;
type State = { name: string; inputs: Record<string, any>; ctx: MockContext };

/** The physical name a provider would give: the explicit `name` input, else the logical name. */
function physical({ name, inputs }: Omit<State, "ctx">, key = "name"): string {
  return typeof inputs[key] === "string" ? inputs[key] : name;
}

const arn = (ctx: MockContext, service: string, resource: string, global = false) =>
  `arn:aws:${service}:${global ? "" : ctx.region}:${MOCK_ACCOUNT}:${resource}`;

/** Per resource type: the outputs the provider computes (inputs are echoed back as well). */
const OUTPUTS: Record<string, (s: State) => Outputs> = {
  ...MORE_OUTPUTS,
  ...RECEIVER_OUTPUTS,
  "aws:iam/role:Role": (s) => ({
    arn: `arn:aws:iam::${MOCK_ACCOUNT}:role${s.inputs.path ?? "/"}${physical(s)}`,
    name: physical(s),
    uniqueId: `AROA${hex(s.name, 17).toUpperCase()}`,
  }),
  "aws:iam/policy:Policy": (s) => ({
    arn: `arn:aws:iam::${MOCK_ACCOUNT}:policy${s.inputs.path ?? "/"}${physical(s)}`,
    name: physical(s),
    policyId: `ANPA${hex(s.name, 17).toUpperCase()}`,
  }),
  "aws:iam/user:User": (s) => ({
    arn: `arn:aws:iam::${MOCK_ACCOUNT}:user${s.inputs.path ?? "/"}${physical(s)}`,
    name: physical(s),
    uniqueId: `AIDA${hex(s.name, 17).toUpperCase()}`,
  }),
  "aws:iam/serviceSpecificCredential:ServiceSpecificCredential": (s) => ({
    serviceUserName: `${s.inputs.userName}-at-${MOCK_ACCOUNT}`,
    servicePassword: hex(`${s.name}-password`, 40),
    serviceSpecificCredentialId: `ACCA${hex(s.name, 17).toUpperCase()}`,
    status: "Active",
  }),
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (s) => ({
    arn: `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${String(s.inputs.url).replace(/^https:\/\//, "")}`,
  }),
  "aws:kms/key:Key": (s) => {
    const id = `${hex(s.name, 8)}-${hex(s.name + 1, 4)}-${hex(s.name + 2, 4)}-${hex(s.name + 3, 4)}-${hex(s.name + 4, 12)}`;
    return { arn: arn(s.ctx, "kms", `key/${id}`), keyId: id, id };
  },
  "aws:kms/alias:Alias": (s) => ({ arn: arn(s.ctx, "kms", physical(s)) }),
  "aws:ecr/repository:Repository": (s) => ({
    arn: arn(s.ctx, "ecr", `repository/${physical(s)}`),
    name: physical(s),
    registryId: MOCK_ACCOUNT,
    repositoryUrl: `${MOCK_ACCOUNT}.dkr.ecr.${s.ctx.region}.amazonaws.com/${physical(s)}`,
  }),
  "aws:codecommit/repository:Repository": (s) => {
    const name = physical(s, "repositoryName");
    return {
      arn: arn(s.ctx, "codecommit", name),
      repositoryId: `${hex(s.name, 8)}-${hex(s.name + 1, 4)}-${hex(s.name + 2, 4)}-${hex(s.name + 3, 4)}-${hex(s.name + 4, 12)}`,
      cloneUrlHttp: `https://git-codecommit.${s.ctx.region}.amazonaws.com/v1/repos/${name}`,
      cloneUrlSsh: `ssh://git-codecommit.${s.ctx.region}.amazonaws.com/v1/repos/${name}`,
    };
  },
  "aws:s3/bucket:Bucket": (s) => {
    const bucket = physical(s, "bucket");
    return {
      arn: `arn:aws:s3:::${bucket}`,
      bucket,
      bucketDomainName: `${bucket}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${bucket}.s3.${s.ctx.region}.amazonaws.com`,
      region: s.ctx.region,
    };
  },
  "aws:s3/bucketV2:BucketV2": (s) => OUTPUTS["aws:s3/bucket:Bucket"](s),
  "aws:cloudwatch/logGroup:LogGroup": (s) => ({
    arn: arn(s.ctx, "logs", `log-group:${physical(s)}`),
    name: physical(s),
  }),
  "aws:codebuild/project:Project": (s) => ({
    arn: arn(s.ctx, "codebuild", `project/${physical(s)}`),
    name: physical(s),
    badgeUrl: "",
  }),
  "aws:codepipeline/pipeline:Pipeline": (s) => ({
    arn: arn(s.ctx, "codepipeline", physical(s)),
    name: physical(s),
  }),
  "aws:cloudwatch/eventRule:EventRule": (s) => ({
    arn: arn(s.ctx, "events", `rule/${physical(s)}`),
    name: physical(s),
  }),
  "aws:cloudwatch/eventConnection:EventConnection": (s) => ({
    arn: arn(s.ctx, "events", `connection/${physical(s)}/${hex(s.name, 8)}`),
    secretArn: arn(
      s.ctx,
      "secretsmanager",
      `secret:events!connection/${physical(s)}-${hex(s.name, 6)}`,
    ),
  }),
  "aws:cloudwatch/eventApiDestination:EventApiDestination": (s) => ({
    arn: arn(s.ctx, "events", `api-destination/${physical(s)}/${hex(s.name, 8)}`),
  }),
  "aws:sqs/queue:Queue": (s) => ({
    arn: arn(s.ctx, "sqs", physical(s)),
    url: `https://sqs.${s.ctx.region}.amazonaws.com/${MOCK_ACCOUNT}/${physical(s)}`,
  }),
  "aws:ec2/flowLog:FlowLog": (s) => ({
    arn: arn(s.ctx, "ec2", `vpc-flow-log/fl-${hex(s.name, 17)}`),
  }),
  "aws:ec2/vpcEndpoint:VpcEndpoint": (s) => ({
    arn: arn(s.ctx, "ec2", `vpc-endpoint/vpce-${hex(s.name, 17)}`),
  }),
  "aws:ec2/securityGroup:SecurityGroup": (s) => ({
    arn: arn(s.ctx, "ec2", `security-group/sg-${hex(s.name, 17)}`),
  }),
  "aws:eks/accessEntry:AccessEntry": (s) => ({
    accessEntryArn: arn(s.ctx, "eks", `access-entry/${s.inputs.clusterName}/${hex(s.name, 8)}`),
  }),
  "aws:eks/addon:Addon": (s) => ({
    arn: arn(s.ctx, "eks", `addon/${s.inputs.clusterName}/${s.inputs.addonName}/${hex(s.name, 8)}`),
  }),
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": (s) => ({
    associationArn: arn(
      s.ctx,
      "eks",
      `podidentityassociation/${s.inputs.clusterName}/a-${hex(s.name, 17)}`,
    ),
  }),
  ...REMOTE_COMPONENT_OUTPUTS,
  "kubernetes:helm.sh/v3:Release": (s) => ({
    name: s.inputs.name ?? s.name,
    status: {
      name: s.inputs.name ?? s.name,
      namespace: s.inputs.namespace ?? "default",
      chart: s.inputs.chart,
      version: s.inputs.version,
      revision: 1,
      status: "deployed",
    },
  }),
  "pulumiservice:index:DeploymentSettings": () => ({}),
  // The CodeCommit seed (components/delivery/repository-seed.ts): the commit it made on an empty repository.
  "pulumi-nodejs:dynamic/codecommit:RepositorySeed": (s) => ({
    commitId: hex(`${s.name}-commit`, 40),
    seeded: true,
  }),
  // A later stage's branch (components/delivery/environment-branch.ts), made from the seed commit.
  "pulumi-nodejs:dynamic/codecommit:EnvironmentBranch": (s) => ({
    commitId: hex(`${s.name}-commit`, 40),
    created: true,
  }),
  "aws:dynamodb/table:Table": (s) => ({
    arn: arn(s.ctx, "dynamodb", `table/${physical(s)}`),
    name: physical(s),
    streamArn: "",
  }),
  "aws:lambda/function:Function": (s) => ({
    arn: arn(s.ctx, "lambda", `function:${physical(s)}`),
    name: physical(s),
    invokeArn: `arn:aws:apigateway:${s.ctx.region}:lambda:path/2015-03-31/functions/${arn(s.ctx, "lambda", `function:${physical(s)}`)}/invocations`,
    version: "$LATEST",
  }),
  "aws:lambda/functionUrl:FunctionUrl": (s) => ({
    // Lambda function URLs: https://<url-id>.lambda-url.<region>.on.aws/
    functionUrl: `https://${hex(s.name, 32)}.lambda-url.${s.ctx.region}.on.aws/`,
    urlId: hex(s.name, 32),
    functionArn: arn(s.ctx, "lambda", `function:${s.inputs.functionName}`),
  }),
  "aws:ssm/parameter:Parameter": (s) => ({
    arn: arn(s.ctx, "ssm", `parameter${physical(s)}`),
    version: 1,
  }),
  "random:index/randomPassword:RandomPassword": (s) => ({
    result: hex(`${s.name}-password`, Number(s.inputs.length ?? 32)),
    bcryptHash: "$2a$10$mock",
  }),
  "pulumi:pulumi:StackReference": (s) => {
    const name = String(s.inputs.name);
    const outputs = s.ctx.stackOutputs(name);
    return { name, outputs: outputs ?? {}, secretOutputNames: [] };
  },
};

/** Outputs a provider would return for a resource of `type` (besides the echoed inputs). */
export function mockOutputs(
  type: string,
  name: string,
  inputs: Record<string, any>,
  ctx: MockContext,
): Outputs {
  const make = OUTPUTS[type];
  if (make) return make({ name, inputs, ctx });
  // Any other AWS resource: an ARN in the service's usual shape, and its physical name.
  const m = /^aws:([a-z0-9]+)\//.exec(type);
  const path = `${type.split(":").pop()!.toLowerCase()}/${name}`;
  return m ? { arn: arn(ctx, m[1], path), name: physical({ name, inputs }) } : {};
}

/** A physical ID as the provider would assign it. */
export function mockId(type: string, name: string, inputs: Record<string, any>): string {
  if (type === "awsx:ec2:Vpc") return `vpc-${hex(name, 17)}`;
  if (type.startsWith("kubernetes:") && inputs.metadata?.name) {
    return `${inputs.metadata.namespace ?? "default"}/${inputs.metadata.name}`;
  }
  return typeof inputs.name === "string" ? inputs.name : `${name}-${hex(name, 8)}`;
}

/** Data sources (invokes) the program calls itself. An unknown one fails the run, naming it. */
export function mockCall(
  token: string,
  inputs: Record<string, any>,
  ctx: MockContext,
): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: MOCK_ACCOUNT,
        arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/mock`,
        userId: "AIDAMOCK",
        id: MOCK_ACCOUNT,
      };
    case "aws:index/getRegion:getRegion":
      return {
        region: ctx.region,
        name: ctx.region,
        id: ctx.region,
        description: ctx.region,
        endpoint: `ec2.${ctx.region}.amazonaws.com`,
      };
    case "aws:index/getPartition:getPartition":
      return {
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
        id: "aws",
      };
    case "aws:route53/getZone:getZone":
      return mockGetZone(inputs);
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return availabilityZones(inputs, ctx.region);
    default:
      throw new Error(
        `The program calls data source '${token}' (inputs ${JSON.stringify(inputs)}), which harness/mocks.ts does not mock. Add it to mockCall.`,
      );
  }
}
