/**
 * The VPC of an environment: one private and one public subnet per AZ at the CIDRs that
 * `layoutSubnets` computes (the same function validates the settings), tagged for the AWS Load
 * Balancer Controller; NAT per the environment's strategy; a free S3 gateway endpoint; and, where
 * the profile asks, VPC flow logs to CloudWatch Logs.
 */
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy, type PolicyDocument } from "../aws";
import { layoutSubnets } from "./cidr";
import { chooseZones } from "./zones";

/**
 * The names of `count` zones of the account where EKS can place the cluster, asked of EC2 at
 * deploy time (zone names map to AZ IDs per account in the oldest regions, so the program cannot
 * know offline which name is us-east-1's use1-az3). Only zones of type `availability-zone`, so no
 * Local or Wavelength Zone; no `state` filter, so an impaired zone does not move the subnets.
 * Rejects, before any resource of the stack is declared, when the account has too few.
 */
export async function availabilityZoneNames(
  count: number,
  region: string,
  opts: pulumi.InvokeOptions,
): Promise<readonly string[]> {
  const zones = await aws.getAvailabilityZones(
    { filters: [{ name: "zone-type", values: ["availability-zone"] }] },
    opts,
  );
  const chosen = chooseZones(zones, count, region);
  if (typeof chosen === "string") throw new Error(chosen);
  return chosen;
}

/**
 * Subnet tags the AWS Load Balancer Controller discovers subnets by: internet-facing load balancers
 * go to `elb` subnets, internal ones to `internal-elb` subnets.
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/subnet_discovery/
 */
export const PUBLIC_SUBNET_TAGS = { "kubernetes.io/role/elb": "1" } as const;
export const PRIVATE_SUBNET_TAGS = { "kubernetes.io/role/internal-elb": "1" } as const;

/** NAT layout of the VPC: one gateway for the whole VPC (cheap) or one per AZ (survives an AZ loss). */
export type NatStrategy = "Single" | "OnePerAz";

export interface NetworkArgs {
  /** AWS region of the VPC; names the S3 gateway endpoint service (`com.amazonaws.<region>.s3`). */
  readonly region: string;
  /** IPv4 CIDR of the VPC, /16 to /28 inside RFC 1918 (validated by the settings), e.g. `10.10.0.0/16`. */
  readonly cidr: string;
  /**
   * Number of availability zones (2..6), the first ones of the region. EKS needs subnets in at
   * least two. https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html
   */
  readonly availabilityZones: number;
  /**
   * The zones by name, `availabilityZones` of them (`availabilityZoneNames` picks them at deploy
   * time, leaving out zones EKS refuses). Default: awsx takes the region's first zones.
   */
  readonly availabilityZoneNames?: readonly string[];
  /** Prefix length of each public subnet; 24 = 256 addresses. Only load balancers and NAT live there. */
  readonly publicSubnetPrefix: number;
  /**
   * Prefix length of each private subnet; 19 = 8,192 addresses. Nodes and pods live there, and
   * with the VPC CNI every pod takes a VPC address.
   */
  readonly privateSubnetPrefix: number;
  /**
   * `Single`: one NAT gateway for the VPC (an AZ outage cuts every private subnet off the
   * internet), about $33/month plus $0.045/GB. `OnePerAz`: one per AZ, about $33/month each (3 AZs
   * ≈ $99/month) plus data. Prices: us-east-1, https://aws.amazon.com/vpc/pricing/
   */
  readonly natGateways: NatStrategy;
  /**
   * Send VPC flow logs (all traffic, 10-minute aggregation) to a CloudWatch log group. Costs
   * CloudWatch vended-log ingestion (about $0.50/GB) plus storage ($0.03/GB-month); a quiet dev
   * VPC writes a few GB a month, a busy one far more. https://aws.amazon.com/cloudwatch/pricing/
   */
  readonly flowLogs: boolean;
  /** Days CloudWatch keeps flow logs; one of the values CloudWatch Logs accepts (e.g. 14, 30, 90). */
  readonly flowLogRetentionDays: number;
  /** Protect the flow log group from `pulumi destroy` (audit data). */
  readonly protect: boolean;
  /**
   * Value of the `karpenter.sh/discovery` tag on the private subnets (the EKS cluster name):
   * the subnets Karpenter launches nodes in. https://karpenter.sh/docs/concepts/nodeclasses/
   */
  readonly karpenterDiscovery: string;
  /**
   * Permissions boundary of the flow-log role (the environment's, when Pulumi Deployments runs
   * the stack: components/deployments/boundary.ts). Default: none.
   */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
}

/** Number of NAT gateways a strategy creates (awsx: one, or one per AZ). */
export function natGatewayCount(strategy: NatStrategy, availabilityZones: number): number {
  return strategy === "Single" ? 1 : availabilityZones;
}

/**
 * Explicit awsx subnet specs: one CIDR per AZ for each type, from `layoutSubnets`. awsx takes such
 * a layout only with `subnetStrategy: "Auto"` (or `Exact`); `Legacy` would recompute the CIDRs.
 */
export function subnetSpecs(
  args: Pick<
    NetworkArgs,
    "cidr" | "availabilityZones" | "privateSubnetPrefix" | "publicSubnetPrefix"
  > & { readonly karpenterDiscovery?: string },
): awsx.types.input.ec2.SubnetSpecArgs[] {
  const layout = layoutSubnets(
    args.cidr,
    args.availabilityZones,
    args.privateSubnetPrefix,
    args.publicSubnetPrefix,
  );
  // The settings validation runs the same layout first, so this only guards direct callers.
  if (typeof layout === "string") throw new Error(`Network: ${layout}.`);
  return [
    {
      type: awsx.ec2.SubnetType.Private,
      cidrBlocks: [...layout.private],
      tags: {
        ...PRIVATE_SUBNET_TAGS,
        ...(args.karpenterDiscovery === undefined
          ? {}
          : { "karpenter.sh/discovery": args.karpenterDiscovery }),
      },
    },
    {
      type: awsx.ec2.SubnetType.Public,
      cidrBlocks: [...layout.public],
      tags: { ...PUBLIC_SUBNET_TAGS },
    },
  ];
}

/** The S3 gateway endpoint: free, and keeps ECR image-layer pulls (served from S3) off the NAT. */
export function s3EndpointSpec(region: string): awsx.types.input.ec2.VpcEndpointSpecArgs {
  return { serviceName: `com.amazonaws.${region}.s3`, vpcEndpointType: "Gateway" };
}

/**
 * Trust policy of the flow-log role: only the VPC Flow Logs service, and only for flow logs of
 * this account and region (confused-deputy protection).
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export function flowLogTrustPolicy(accountId: string, region: string): PolicyDocument {
  return serviceTrustPolicy(
    "vpc-flow-logs.amazonaws.com",
    accountId,
    `arn:aws:ec2:${region}:${accountId}:vpc-flow-log/*`,
  );
}

/**
 * What the flow-log service needs to write into one log group (created here, so no
 * `logs:CreateLogGroup`). `DescribeLogGroups` has no resource scope.
 */
export function flowLogWritePolicy(logGroupArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [logGroupArn, `${logGroupArn}:*`],
      },
      { Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
    ],
  };
}

export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  /** One per AZ, in AZ order. */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** One per AZ, in AZ order. */
  readonly publicSubnetIds: pulumi.Output<string[]>;
  readonly natGatewayCount: number;
  /** The flow log group's name, when flow logs are on. */
  readonly flowLogGroupName: pulumi.Output<string> | undefined;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:network:Network", name, {}, opts);
    const vpc = this.createVpc(name, args);
    this.vpcId = vpc.vpcId;
    this.privateSubnetIds = vpc.privateSubnetIds;
    this.publicSubnetIds = vpc.publicSubnetIds;
    this.natGatewayCount = natGatewayCount(args.natGateways, args.availabilityZones);
    this.flowLogGroupName = args.flowLogs ? this.createFlowLogs(name, args, vpc) : undefined;
    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
    });
  }

  private createVpc(name: string, args: NetworkArgs): awsx.ec2.Vpc {
    // awsx is a remote component: give it the AWS provider explicitly, so its children use it even
    // where the engine does not pass a parent's providers on to remote components.
    const awsProvider = this.getProvider("aws::Provider");
    return new awsx.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.cidr,
        ...(args.availabilityZoneNames
          ? { availabilityZoneNames: [...args.availabilityZoneNames] }
          : { numberOfAvailabilityZones: args.availabilityZones }),
        subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
        subnetSpecs: subnetSpecs(args),
        natGateways: { strategy: args.natGateways },
        // EKS private endpoint access and node registration need both.
        // https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html
        enableDnsHostnames: true,
        enableDnsSupport: true,
        // Auto: the gateway endpoint is attached to every route table awsx creates.
        vpcEndpointStrategy: awsx.ec2.VpcEndpointStrategy.Auto,
        vpcEndpointSpecs: [s3EndpointSpec(args.region)],
      },
      { parent: this, providers: awsProvider ? { aws: awsProvider } : undefined },
    );
  }

  private createFlowLogs(
    name: string,
    args: NetworkArgs,
    vpc: awsx.ec2.Vpc,
  ): pulumi.Output<string> {
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      { name: `/aws/vpc-flow-logs/${name}`, retentionInDays: args.flowLogRetentionDays },
      { parent: this, protect: args.protect },
    );
    const { accountId } = aws.getCallerIdentityOutput({}, { parent: this });
    const role = new aws.iam.Role(
      `${name}-flow-logs`,
      {
        description: `VPC flow logs of ${name} to CloudWatch Logs`,
        assumeRolePolicy: accountId.apply((id) =>
          JSON.stringify(flowLogTrustPolicy(id, args.region)),
        ),
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    const write = new aws.iam.RolePolicy(
      `${name}-flow-logs`,
      {
        role: role.name,
        policy: logGroup.arn.apply((arn) => JSON.stringify(flowLogWritePolicy(arn))),
      },
      { parent: this },
    );
    new aws.ec2.FlowLog(
      `${name}-flow-logs`,
      {
        vpcId: vpc.vpcId,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        // 600 s is the AWS default and writes fewer, larger batches than 60 s.
        maxAggregationInterval: 600,
      },
      // Delivery fails (DeliverLogsPermissionDenied) until the role may write to the group.
      { parent: this, dependsOn: [write] },
    );
    return logGroup.name;
  }
}
