/**
 * The unit prices the estimate uses: us-east-1 On-Demand list prices, each with its source. Add a
 * row (an instance type, a CodeBuild compute type) rather than let a line show no price.
 */
/** AWS prices a month as 730 hours (its pricing calculator's convention). */
export const HOURS_PER_MONTH = 730;

/** The region every price below is from. */
export const PRICE_REGION = "us-east-1";

/**
 * EKS cluster-hour: $0.10 in standard support, $0.60 in extended support (the $0.10 plus a $0.50
 * surcharge). https://aws.amazon.com/eks/pricing/ and the AWS announcement
 * https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing
 * (effective April 2024; unchanged in March 2026 per cloudburn.io/blog/amazon-eks-pricing, which
 * quotes the EKS pricing page).
 */
export const EKS_STANDARD_USD_PER_HOUR = 0.1;
export const EKS_EXTENDED_USD_PER_HOUR = 0.6;

/**
 * NAT gateway: $0.045 per gateway-hour, plus $0.045 per GB processed (usage).
 * https://aws.amazon.com/vpc/pricing/ (us-east-1; same figures in May 2026 per
 * usage.ai/blogs/aws-network-costs and cloudpipelines.pages.dev aws-nat-gateway-pricing-2026).
 */
export const NAT_USD_PER_HOUR = 0.045;
export const NAT_USD_PER_GB = 0.045;

/**
 * Public IPv4 address: $0.005 per address-hour since 2024-02-01, Elastic IPs attached to a NAT
 * gateway included (https://aws.amazon.com/vpc/pricing/, "Public IPv4 Addresses" tab;
 * https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/). awsx
 * allocates one Elastic IP per NAT gateway.
 */
export const PUBLIC_IPV4_USD_PER_HOUR = 0.005;

/**
 * EBS gp3 storage: $0.08 per GB-month; 3,000 IOPS and 125 MB/s are included.
 * https://aws.amazon.com/ebs/pricing/ (us-east-1; the figure quoted from that page by
 * saisci.com gp2-vs-gp3, 2021, and unchanged since: no 2026 restatement was found).
 */
export const GP3_USD_PER_GB_MONTH = 0.08;

/**
 * A customer managed KMS key: $1/month; with automatic rotation each of the first two rotations
 * adds $1/month (so $2 in year 2, $3 from year 3). https://aws.amazon.com/kms/pricing/
 */
export const KMS_KEY_USD_PER_MONTH = 1;

/**
 * EC2 On-Demand Linux, us-east-1, per instance-hour, for the types the profiles and stack files
 * use. Source: https://aws.amazon.com/ec2/pricing/on-demand/ (rendered by script, so the figures
 * were checked against pages quoting it): t3.large $0.0832 (usage.ai/blogs/ec2-t2-vs-t3, 2026);
 * m5.large and m6i.large $0.096, half the $0.192 of m5.xlarge and m6i.xlarge (c3x.dev
 * m5-vs-m6i-vs-m7i, 2026; sizes within a family are priced linearly); t3a.large $0.0752, the page's
 * figure, about 10% under t3 as cloudforecast.io (2023) describes, no 2026 quote was found.
 * Add a row for another type; an unlisted type is shown with no price rather than a guess.
 */
export const EC2_ON_DEMAND_USD_PER_HOUR: Readonly<Record<string, number>> = {
  "t3.large": 0.0832,
  "t3a.large": 0.0752,
  "m5.large": 0.096,
  "m6i.large": 0.096,
  "m5.xlarge": 0.192,
  "m6i.xlarge": 0.192,
};

/**
 * vCPU and memory of the instance types above (https://aws.amazon.com/ec2/instance-types/: T3,
 * T3a, M5 and M6i `.large` have 2 vCPU / 8 GiB, `.xlarge` 4 vCPU / 16 GiB); the Karpenter
 * ceiling fills the NodePool limits with them.
 */
export const EC2_INSTANCE_SPECS: Readonly<Record<string, { vcpu: number; memoryGiB: number }>> = {
  "t3.large": { vcpu: 2, memoryGiB: 8 },
  "t3a.large": { vcpu: 2, memoryGiB: 8 },
  "m5.large": { vcpu: 2, memoryGiB: 8 },
  "m6i.large": { vcpu: 2, memoryGiB: 8 },
  "m5.xlarge": { vcpu: 4, memoryGiB: 16 },
  "m6i.xlarge": { vcpu: 4, memoryGiB: 16 },
};

/**
 * CodeBuild Linux on-demand, per build minute: general1 small $0.005, medium $0.01, large $0.02
 * (https://aws.amazon.com/codebuild/pricing/; same figures in May 2026 per hivebook.wiki
 * aws-codebuild and c3x.dev aws_codebuild_project).
 */
export const CODEBUILD_USD_PER_MINUTE: Readonly<Record<string, number>> = {
  BUILD_GENERAL1_SMALL: 0.005,
  BUILD_GENERAL1_MEDIUM: 0.01,
  BUILD_GENERAL1_LARGE: 0.02,
};

/**
 * The deployment-feedback connector's usage prices (us-east-1): Lambda arm64 per GB-second and
 * per million requests (https://aws.amazon.com/lambda/pricing/); DynamoDB on-demand writes per
 * million write request units after the November 2024 halving, storage and PITR per GB-month
 * (https://aws.amazon.com/dynamodb/pricing/on-demand/; $0.625 quoted from that page by
 * airbyte.com dynamodb-pricing, 2025); EventBridge custom events per million
 * (https://aws.amazon.com/eventbridge/pricing/). SSM standard parameters are free.
 */
export const LAMBDA_ARM_USD_PER_GB_SECOND = 0.0000133334;
export const LAMBDA_USD_PER_MILLION_REQUESTS = 0.2;
export const DYNAMODB_USD_PER_MILLION_WRITES = 0.625;
export const DYNAMODB_USD_PER_GB_MONTH = 0.25;
export const DYNAMODB_PITR_USD_PER_GB_MONTH = 0.2;
export const EVENTBRIDGE_USD_PER_MILLION_EVENTS = 1;
