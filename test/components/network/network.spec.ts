import * as assert from "node:assert/strict";
import { type StackRun } from "../../../harness/run";
import {
  flowLogTrustPolicy,
  flowLogWritePolicy,
  natGatewayCount,
  s3EndpointSpec,
  subnetSpecs,
} from "../../../components/network/network";
import * as aws from "@pulumi/aws";
import { availabilityZoneNames } from "../../../components/network";
import { settingsProblems as problems } from "../../helpers/settings";
import { one } from "../../helpers/resources";
import { fixtureRun, runFixture } from "../../helpers/stacks";

const PRIVATE_TAGS = { "kubernetes.io/role/internal-elb": "1" };
const PUBLIC_TAGS = { "kubernetes.io/role/elb": "1" };

describe("components/network: pure parts", () => {
  it("lays out private subnets first, then public ones, one CIDR per AZ, with the LB tags", () => {
    const specs = subnetSpecs({
      cidr: "10.10.0.0/16",
      availabilityZones: 3,
      privateSubnetPrefix: 19,
      publicSubnetPrefix: 24,
    });
    assert.deepEqual(specs, [
      {
        type: "Private",
        cidrBlocks: ["10.10.0.0/19", "10.10.32.0/19", "10.10.64.0/19"],
        tags: PRIVATE_TAGS,
      },
      {
        type: "Public",
        cidrBlocks: ["10.10.96.0/24", "10.10.97.0/24", "10.10.98.0/24"],
        tags: PUBLIC_TAGS,
      },
    ]);
    const two = subnetSpecs({
      cidr: "172.16.0.0/20",
      availabilityZones: 2,
      privateSubnetPrefix: 22,
      publicSubnetPrefix: 26,
    });
    assert.deepEqual(
      two.map((s) => s.cidrBlocks),
      [
        ["172.16.0.0/22", "172.16.4.0/22"],
        ["172.16.8.0/26", "172.16.8.64/26"],
      ],
    );
  });

  it("refuses a layout that does not fit, with the reason", () => {
    assert.throws(
      () =>
        subnetSpecs({
          cidr: "10.0.0.0/24",
          availabilityZones: 3,
          privateSubnetPrefix: 26,
          publicSubnetPrefix: 26,
        }),
      {
        message:
          "Network: 3 private /26 and 3 public /26 subnets need 384 addresses; the /24 VPC has 256.",
      },
    );
  });

  // Their price is components/cost/prices.ts's (test/components/cost/cost.spec.ts).
  it("counts NAT gateways per strategy", () => {
    assert.equal(natGatewayCount("Single", 3), 1);
    assert.equal(natGatewayCount("OnePerAz", 3), 3);
    assert.equal(natGatewayCount("OnePerAz", 2), 2);
  });

  it("asks for the regional S3 service as a Gateway endpoint", () => {
    assert.deepEqual(s3EndpointSpec("eu-west-1"), {
      serviceName: "com.amazonaws.eu-west-1.s3",
      vpcEndpointType: "Gateway",
    });
  });

  it("lets only VPC Flow Logs of this account and region assume the flow-log role", () => {
    assert.deepEqual(flowLogTrustPolicy("111122223333", "eu-west-1"), {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:111122223333:vpc-flow-log/*" },
          },
        },
      ],
    });
  });

  it("scopes the flow-log writes to one log group and its streams", () => {
    const arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc-flow-logs/x";
    assert.deepEqual(flowLogWritePolicy(arn).Statement, [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: [arn, `${arn}:*`],
      },
      { Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
    ]);
  });
});

describe("components/network: per environment", () => {
  const runs: Record<string, StackRun> = {};
  before(async () => {
    for (const stack of ["dev", "staging", "prod"]) runs[stack] = await fixtureRun(stack);
  });

  const expected = {
    dev: { cidr: "10.10", nat: "Single", flowLogs: undefined },
    staging: { cidr: "10.20", nat: "Single", flowLogs: { retention: 14, protect: false } },
    prod: { cidr: "10.30", nat: "OnePerAz", flowLogs: { retention: 90, protect: true } },
  } as const;

  for (const [stack, want] of Object.entries(expected)) {
    describe(stack, () => {
      it(`builds a ${want.cidr}.0.0/16 VPC in 3 AZs with explicit, tagged subnets and ${want.nat} NAT`, () => {
        const vpc = one(runs[stack], "awsx:ec2:Vpc", `gitops-${stack}-vpc`);
        assert.deepEqual(vpc.inputs, {
          cidrBlock: `${want.cidr}.0.0/16`,
          // The mock account maps us-east-1c to use1-az3, where EKS places no control plane.
          availabilityZoneNames: ["us-east-1a", "us-east-1b", "us-east-1d"],
          subnetStrategy: "Auto",
          subnetSpecs: [
            {
              type: "Private",
              cidrBlocks: [`${want.cidr}.0.0/19`, `${want.cidr}.32.0/19`, `${want.cidr}.64.0/19`],
              // Karpenter launches nodes in the subnets tagged with the cluster's name.
              tags: { ...PRIVATE_TAGS, "karpenter.sh/discovery": `gitops-${stack}` },
            },
            {
              type: "Public",
              cidrBlocks: [`${want.cidr}.96.0/24`, `${want.cidr}.97.0/24`, `${want.cidr}.98.0/24`],
              tags: PUBLIC_TAGS,
            },
          ],
          natGateways: { strategy: want.nat },
          enableDnsHostnames: true,
          enableDnsSupport: true,
          vpcEndpointStrategy: "Auto",
          vpcEndpointSpecs: [
            { serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" },
          ],
        });
        const network = one(runs[stack], "gitops-platform:network:Network");
        assert.equal(vpc.parent, network.urn);
        assert.match(String(runs[stack].outputs.vpcId), /^vpc-[0-9a-f]{17}$/);
      });

      if (!want.flowLogs) {
        it("has no flow logs (the profile keeps dev cheap)", () => {
          const types = runs[stack].resources.map((r) => r.type);
          assert.ok(!types.includes("aws:ec2/flowLog:FlowLog"));
          assert.ok(!runs[stack].resources.some((r) => r.name.endsWith("-flow-logs")));
        });
        return;
      }
      const flow = want.flowLogs;

      it(`sends all traffic to a log group kept ${flow.retention} days${flow.protect ? ", protected" : ""}`, () => {
        const run = runs[stack];
        const group = one(run, "aws:cloudwatch/logGroup:LogGroup", `gitops-${stack}-flow-logs`);
        assert.deepEqual(group.inputs, {
          name: `/aws/vpc-flow-logs/gitops-${stack}`,
          retentionInDays: flow.retention,
        });
        assert.equal(group.protect, flow.protect);
        const role = one(run, "aws:iam/role:Role", `gitops-${stack}-flow-logs`);
        const log = one(run, "aws:ec2/flowLog:FlowLog");
        const groupArn = `arn:aws:logs:us-east-1:123456789012:log-group:/aws/vpc-flow-logs/gitops-${stack}`;
        assert.deepEqual(log.inputs, {
          vpcId: run.outputs.vpcId,
          trafficType: "ALL",
          logDestinationType: "cloud-watch-logs",
          logDestination: groupArn,
          iamRoleArn: `arn:aws:iam::123456789012:role/gitops-${stack}-flow-logs`,
          maxAggregationInterval: 600,
        });
        const policy = one(run, "aws:iam/rolePolicy:RolePolicy", `gitops-${stack}-flow-logs`);
        assert.ok(log.dependencies.includes(policy.urn), "the flow log waits for its permissions");
        assert.deepEqual(JSON.parse(policy.inputs.policy as string), flowLogWritePolicy(groupArn));
        assert.deepEqual(
          JSON.parse(role.inputs.assumeRolePolicy as string),
          flowLogTrustPolicy("123456789012", "us-east-1"),
        );
      });
    });
  }

  it("gives every AWS child of the network the stack's AWS provider", () => {
    const run = runs.prod;
    const provider = one(run, "pulumi:providers:aws");
    const network = one(run, "gitops-platform:network:Network");
    const children = run.resources.filter((r) => r.parent === network.urn && r.custom);
    assert.equal(children.length, 4);
    for (const c of children) assert.ok(c.provider?.startsWith(`${provider.urn}::`), c.name);
  });
});

describe("components/network: zones follow the region", () => {
  // The program's own lookup against the mocked data source (the fixture runs check that the VPC
  // gets what it returns: us-east-1a, b and d above).
  const zonesOf = async (region: string, count: number) => {
    const run = await runFixture("dev", {
      config: { "aws:region": region },
      stackOutputs: {},
      program: async () => {
        const provider = new aws.Provider("aws", { region: region as aws.Region });
        return { zones: await availabilityZoneNames(count, region, { provider }) };
      },
    });
    return run.outputs.zones;
  };

  it("us-west-1: the two zones EKS accepts, without usw1-az2", async () => {
    assert.deepEqual(await zonesOf("us-west-1", 2), ["us-west-1a", "us-west-1c"]);
  });

  it("eu-west-1: its three zones; ap-northeast-2: the first three of four", async () => {
    assert.deepEqual(await zonesOf("eu-west-1", 3), ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    assert.deepEqual(await zonesOf("ap-northeast-2", 3), [
      "ap-northeast-2a",
      "ap-northeast-2b",
      "ap-northeast-2c",
    ]);
  });

  it("an account with fewer zones than asked stops before any resource, with the fix", async () => {
    // The settings refuse this offline; the deploy-time check is what an account with fewer zones
    // than the table (or a table gone stale) meets.
    await assert.rejects(zonesOf("us-west-1", 4), {
      message:
        "gitops-platform:availabilityZones = 4: this AWS account has 2 availability zones in us-west-1 where EKS can place a cluster (it lists us-west-1a (usw1-az1), us-west-1b (usw1-az2), us-west-1c (usw1-az3); EKS refuses usw1-az2). Set gitops-platform:availabilityZones to 2 or fewer, or use another region.",
    });
  });
});

describe("components/network: settings it refuses", () => {
  it("a VPC too small for the subnets", () => {
    assert.deepEqual(problems("dev", { vpcCidr: "10.10.0.0/20" }), [
      'gitops-platform:vpcCidr = "10.10.0.0/20": subnets do not fit: a /19 subnet is not smaller than the /20 VPC. Use a larger vpcCidr, fewer availabilityZones, or larger prefix lengths (smaller subnets).',
    ]);
  });

  it("a single availability zone", () => {
    assert.deepEqual(problems("dev", { availabilityZones: 1 }), [
      "gitops-platform:availabilityZones = 1: must be 2 to 6 (EKS needs subnets in at least two AZs). Set 3 for production, 2 for the cheapest layout.",
    ]);
  });

  it("an unknown NAT strategy and a flow-log retention CloudWatch does not offer", () => {
    assert.deepEqual(problems("staging", { natGateways: "PerSubnet", flowLogRetentionDays: 10 }), [
      'gitops-platform:natGateways = "PerSubnet": unknown NAT strategy. Use Single or OnePerAz.',
      "gitops-platform:flowLogRetentionDays = 10: not a CloudWatch Logs retention value (allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). Pick one of them.",
    ]);
  });
});
