/** Refused: availability zones, subnets and the API endpoint. Rows as in ../bad-settings.ts. */
import type { BadSetting } from "../bad-settings";

export const NETWORK_REFUSED: readonly BadSetting[] = [
  [
    "every us-east-1 zone, including the one EKS refuses",
    "dev",
    { availabilityZones: 6 },
    `gitops-platform:availabilityZones = 6: us-east-1 has 6 availability zones, and EKS cannot place a cluster in use1-az3: at most 5 can hold the cluster's subnets. Set 5 or fewer, or use another region.`,
  ],
  [
    "three zones in us-west-1",
    "dev",
    { availabilityZones: 3 },
    `gitops-platform:availabilityZones = 3: us-west-1 has 3 availability zones, and EKS cannot place a cluster in usw1-az2: at most 2 can hold the cluster's subnets. Set 2 or fewer, or use another region.`,
    "us-west-1",
  ],
  [
    "more zones than the region has",
    "dev",
    { availabilityZones: 4 },
    `gitops-platform:availabilityZones = 4: eu-west-1 has 3 availability zones: at most 3 can hold the cluster's subnets. Set 3 or fewer, or use another region.`,
    "eu-west-1",
  ],
  [
    "public subnets too small for an ALB",
    "dev",
    { publicSubnetPrefix: 28 },
    `gitops-platform:publicSubnetPrefix = 28: an Application Load Balancer needs a /27 or larger subnet with 8 free addresses, and internet-facing load balancers go in these subnets. Use a prefix length of 27 or less (such as 24).`,
  ],
  [
    "private subnets too small for an internal ALB",
    "dev",
    { privateSubnetPrefix: 28, vpcCidr: "10.10.0.0/24", publicSubnetPrefix: 27 },
    `gitops-platform:privateSubnetPrefix = 28: an Application Load Balancer needs a /27 or larger subnet with 8 free addresses, and internal load balancers go in these subnets. Use a prefix length of 27 or less (such as 19).`,
  ],
  [
    "a private-only API endpoint that Pulumi-hosted runners must reach",
    "dev",
    { endpointPublicAccess: false, deploymentsAccess: true },
    `gitops-platform:endpointPublicAccess = false: Pulumi Deployments runs this stack (deploymentsAccess: true) on Pulumi-hosted runners, which reach the API only over the internet: they cannot deploy a private-only endpoint. Set deploymentsRunner: customer-managed and give this stack a runner pool inside the VPC, or keep endpointPublicAccess: true`,
  ],
  [
    "a private range allowed on the public endpoint",
    "dev",
    { publicAccessCidrs: ["10.0.0.0/8"] },
    `gitops-platform:publicAccessCidrs = "10.0.0.0/8": a private range never reaches the public endpoint (clients arrive from their public or NAT address). List public CIDRs such as 203.0.113.0/24; traffic from inside the VPC uses the private endpoint.`,
  ],
  [
    "subnets that do not fit, blamed on the zone count the user raised",
    "dev",
    { vpcCidr: "10.10.0.0/17", availabilityZones: 5 },
    `gitops-platform:vpcCidr = "10.10.0.0/17": subnets do not fit: 5 private /19 and 5 public /24 subnets need 42240 addresses; the /17 VPC has 32768.`,
  ],
  [
    "subnets that do not fit, blamed on the public prefix the user set",
    "dev",
    { publicSubnetPrefix: 17 },
    `gitops-platform:publicSubnetPrefix = 17: subnets do not fit: 3 private /19 and 3 public /17 subnets need 122880 addresses; the /16 VPC has 65536.`,
  ],
];
