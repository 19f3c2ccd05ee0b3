/**
 * The children awsx 3 creates on the provider side for an `awsx:ec2:Vpc` (the mocks record only
 * the component): the VPC, per zone a public and a private subnet with a route table, its
 * association and default route, the internet gateway, one or one-per-zone Elastic IP and NAT
 * gateway, the VPC endpoints. And the EC2 calls of each child type (also the security groups and
 * rules pulumi-eks creates, cluster.ts).
 */
import { created } from "./delivery";
import { arns, on, type Call, type CallsOf, type Scope, type Target } from "./types";

/** A child target with the provider's default tags and its own. */
export function child(
  parent: Target,
  scope: Scope,
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  tags: Record<string, string> = {},
): Target {
  return {
    type,
    name: `${parent.name}/${name}`,
    inputs,
    tags: { ...scope.defaultTags, ...(inputs.tags as object), ...tags },
  };
}

const id = (kind: string, name: string) =>
  `${kind}-${Buffer.from(name).toString("hex").slice(-17).padStart(17, "0")}`;

export function expandVpc(vpc: Target, s: Scope): Target[] {
  const i = vpc.inputs;
  const zones: number = i.availabilityZoneNames?.length ?? i.numberOfAvailabilityZones ?? 3;
  const vpcId = id("vpc", vpc.name);
  const c = (type: string, name: string, inputs: Record<string, unknown>) =>
    child(vpc, s, type, name, { vpcId, ...inputs });
  const out: Target[] = [c("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: i.cidrBlock })];
  const igw = id("igw", `${vpc.name}-igw`);
  out.push(c("aws:ec2/internetGateway:InternetGateway", "igw", { id: igw }));
  const nats = i.natGateways?.strategy === "OnePerAz" ? zones : i.natGateways ? 1 : 0;
  const routeTables: string[] = [];
  for (const spec of i.subnetSpecs as { type: string; tags?: Record<string, string> }[]) {
    const kind = spec.type.toLowerCase();
    for (let z = 0; z < zones; z++) {
      const subnetId = id("subnet", `${vpc.name}-${kind}-${z}`);
      const routeTableId = id("rtb", `${vpc.name}-${kind}-${z}`);
      routeTables.push(routeTableId);
      out.push(
        c("aws:ec2/subnet:Subnet", `${kind}-${z + 1}`, {
          id: subnetId,
          tags: spec.tags,
          mapPublicIpOnLaunch: kind === "public",
        }),
        c("aws:ec2/routeTable:RouteTable", `${kind}-${z + 1}`, { id: routeTableId }),
        c("aws:ec2/routeTableAssociation:RouteTableAssociation", `${kind}-${z + 1}`, {
          routeTableId,
          subnetId,
        }),
        c("aws:ec2/route:Route", `${kind}-${z + 1}`, { routeTableId }),
      );
      if (kind === "public" && z < nats) {
        const allocationId = id("eipalloc", `${vpc.name}-${z}`);
        out.push(
          c("aws:ec2/eip:Eip", `${z + 1}`, { id: allocationId }),
          c("aws:ec2/natGateway:NatGateway", `${z + 1}`, { subnetId, allocationId }),
        );
      }
    }
  }
  for (const [n, spec] of ((i.vpcEndpointSpecs ?? []) as object[]).entries()) {
    out.push(c("aws:ec2/vpcEndpoint:VpcEndpoint", `endpoint-${n}`, { ...spec, routeTables }));
  }
  return out;
}

type Arn = (type: string, id: string) => string;

/** The create call of an EC2 resource of `type`: on the new resource, tags in the request. */
function ec2Create(t: Target, arn: Arn, action: string, type: string): Call[] {
  return [
    ...created(t, arn(type, `${type}-new`), `ec2:${action}`),
    {
      phase: "create",
      action: "ec2:CreateTags",
      resource: arn(type, `${type}-new`),
      requestTags: t.tags,
      context: { "ec2:CreateAction": action },
    },
  ];
}

/** A call on existing EC2 resources (parents of a create get the request's tags too). */
function onParent(
  t: Target,
  s: Scope,
  phase: Call["phase"],
  action: string,
  ...resources: string[]
): Call[] {
  return resources.map((resource) => ({
    phase,
    action: `ec2:${action}`,
    resource,
    resourceTags: s.defaultTags,
    ...(phase === "create" ? { requestTags: t.tags } : {}),
  }));
}

function arnOf(s: Scope): Arn {
  return (type, resourceId) => arns(s).regional("ec2", `${type}/${resourceId}`);
}

export const NETWORK_CALLS: Readonly<Record<string, CallsOf>> = {
  "aws:ec2/vpc:Vpc": (t, s) => {
    const a = arnOf(s);
    const vpc = a("vpc", String(t.inputs.vpcId));
    return [
      ...ec2Create(t, a, "CreateVpc", "vpc"),
      ...on(vpc, t.tags, [
        ["create", "ec2:ModifyVpcAttribute"],
        ["update", "ec2:ModifyVpcAttribute"],
        ["tag", "ec2:CreateTags"],
        ["delete", "ec2:DeleteVpc"],
      ]),
      ...on("*", undefined, [["read", "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"]]),
    ];
  },
  "aws:ec2/subnet:Subnet": (t, s) => {
    const a = arnOf(s);
    const subnet = a("subnet", String(t.inputs.id));
    return [
      ...ec2Create(t, a, "CreateSubnet", "subnet"),
      ...onParent(t, s, "create", "CreateSubnet", a("vpc", String(t.inputs.vpcId))),
      ...on(subnet, t.tags, [
        ["create", "ec2:ModifySubnetAttribute"],
        ["tag", "ec2:CreateTags"],
        ["delete", "ec2:DeleteSubnet"],
      ]),
      ...on("*", undefined, [["read", "ec2:DescribeSubnets"]]),
    ];
  },
  "aws:ec2/routeTable:RouteTable": (t, s) => {
    const a = arnOf(s);
    return [
      ...ec2Create(t, a, "CreateRouteTable", "route-table"),
      ...onParent(t, s, "create", "CreateRouteTable", a("vpc", String(t.inputs.vpcId))),
      ...on(a("route-table", String(t.inputs.id)), t.tags, [["delete", "ec2:DeleteRouteTable"]]),
      ...on("*", undefined, [["read", "ec2:DescribeRouteTables"]]),
    ];
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": (t, s) => {
    const a = arnOf(s);
    const rt = a("route-table", String(t.inputs.routeTableId));
    return [
      ...onParent(
        t,
        s,
        "update",
        "AssociateRouteTable",
        rt,
        a("subnet", String(t.inputs.subnetId)),
      ),
      ...onParent(t, s, "delete", "DisassociateRouteTable", rt),
    ];
  },
  "aws:ec2/route:Route": (t, s) => {
    const rt = arnOf(s)("route-table", String(t.inputs.routeTableId));
    return [
      ...onParent(t, s, "update", "CreateRoute", rt),
      ...onParent(t, s, "update", "ReplaceRoute", rt),
      ...onParent(t, s, "delete", "DeleteRoute", rt),
    ];
  },
  "aws:ec2/internetGateway:InternetGateway": (t, s) => {
    const a = arnOf(s);
    const igw = a("internet-gateway", String(t.inputs.id));
    const vpc = a("vpc", String(t.inputs.vpcId));
    return [
      ...ec2Create(t, a, "CreateInternetGateway", "internet-gateway"),
      ...onParent(t, s, "update", "AttachInternetGateway", igw, vpc),
      ...onParent(t, s, "delete", "DetachInternetGateway", igw, vpc),
      ...onParent(t, s, "delete", "DeleteInternetGateway", igw),
      ...on("*", undefined, [["read", "ec2:DescribeInternetGateways"]]),
    ];
  },
  "aws:ec2/eip:Eip": (t, s) => {
    const a = arnOf(s);
    return [
      ...ec2Create(t, a, "AllocateAddress", "elastic-ip"),
      ...onParent(t, s, "delete", "ReleaseAddress", a("elastic-ip", String(t.inputs.id))),
      ...on("*", undefined, [["read", "ec2:DescribeAddresses"]]),
    ];
  },
  "aws:ec2/natGateway:NatGateway": (t, s) => {
    const a = arnOf(s);
    return [
      ...ec2Create(t, a, "CreateNatGateway", "natgateway"),
      ...onParent(
        t,
        s,
        "create",
        "CreateNatGateway",
        a("subnet", String(t.inputs.subnetId)),
        a("elastic-ip", String(t.inputs.allocationId)),
      ),
      ...onParent(t, s, "delete", "DeleteNatGateway", a("natgateway", "nat-0123456789abcdef0")),
      ...on("*", undefined, [["read", "ec2:DescribeNatGateways"]]),
    ];
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint": (t, s) => {
    const a = arnOf(s);
    const tables = (t.inputs.routeTables as string[]).map((r) => a("route-table", r));
    const endpoint = a("vpc-endpoint", "vpce-0123456789abcdef0");
    return [
      ...ec2Create(t, a, "CreateVpcEndpoint", "vpc-endpoint"),
      ...onParent(t, s, "create", "CreateVpcEndpoint", a("vpc", String(t.inputs.vpcId)), ...tables),
      ...onParent(t, s, "update", "ModifyVpcEndpoint", endpoint, ...tables),
      ...onParent(t, s, "delete", "DeleteVpcEndpoints", endpoint),
      ...on("*", undefined, [["read", "ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists"]]),
    ];
  },
  "aws:ec2/securityGroup:SecurityGroup": (t, s) => {
    const a = arnOf(s);
    const sg = a("security-group", String(t.inputs.id));
    return [
      ...ec2Create(t, a, "CreateSecurityGroup", "security-group"),
      ...onParent(t, s, "create", "CreateSecurityGroup", a("vpc", String(t.inputs.vpcId))),
      // The AWS provider removes the default allow-all egress rule after the create.
      ...on(sg, t.tags, [
        ["create", "ec2:RevokeSecurityGroupEgress"],
        ["tag", "ec2:CreateTags"],
        ["delete", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"],
        ["delete", "ec2:DeleteSecurityGroup"],
      ]),
      ...on("*", undefined, [["read", "ec2:DescribeSecurityGroups"]]),
    ];
  },
  "aws:ec2/securityGroupRule:SecurityGroupRule": (t, s) => {
    const a = arnOf(s);
    const sg = a("security-group", String(t.inputs.securityGroupId));
    const way = t.inputs.type === "egress" ? "Egress" : "Ingress";
    return [
      ...onParent(t, s, "update", `AuthorizeSecurityGroup${way}`, sg),
      ...on(a("security-group-rule", "sgr-new"), undefined, [
        ["update", `ec2:AuthorizeSecurityGroup${way}`],
      ]),
      ...onParent(t, s, "delete", `RevokeSecurityGroup${way}`, sg),
      ...on("*", undefined, [["read", "ec2:DescribeSecurityGroupRules"]]),
    ];
  },
};
