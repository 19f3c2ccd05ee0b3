/**
 * The fixed monthly cost a stack's settings commit to, in us-east-1 On-Demand list prices: what
 * runs whether or not anyone uses it (control plane, NAT gateways, nodes at their desired size,
 * their disks, the KMS key). Usage-priced items are listed with their unit price in the note and
 * $0, so the total is a floor, never a guess. `npm run plan` prints it; the README table comes from
 * it (a test keeps the two equal).
 */
import type { NodeGroupArgs } from "../cluster";
import { EKS_KUBERNETES_VERSIONS } from "../cluster";
import { natGatewayCount, type NetworkArgs } from "../network";

/** What the estimate of an environment stack reads (a subset of its settings). */
export interface RuntimeCostInput {
  readonly plane: "runtime";
  readonly stack: string;
  readonly region: string;
  readonly network: Pick<NetworkArgs, "natGateways" | "availabilityZones" | "flowLogs">;
  readonly cluster: {
    readonly kubernetesVersion: string;
    readonly supportType: "STANDARD" | "EXTENDED";
    readonly nodeGroups: readonly NodeGroupArgs[];
  };
}

/** What the estimate of the shared stack reads (a subset of its settings). */
export interface DeliveryCostInput {
  readonly plane: "delivery";
  readonly stack: string;
  readonly region: string;
  readonly registry: { readonly services: readonly string[] };
  readonly pipeline: { readonly computeType: string };
}

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

function codeBuildRate(computeType: string): string {
  const rate = CODEBUILD_USD_PER_MINUTE[computeType];
  return rate === undefined ? "priced by compute type" : `$${rate}`;
}

/** One row of the estimate. */
export interface CostLine {
  /** What is billed. */
  readonly item: string;
  /** How many units the settings fix (clusters, gateways, instances, GB, keys); 0 for usage. */
  readonly quantity: number;
  /** USD per unit per month for fixed items; for usage items the usage price the note names. */
  readonly unitUsd: number;
  /** quantity × unitUsd, to the cent; 0 for usage-priced and variable-priced items. */
  readonly monthlyUsd: number;
  /** The price basis and, for usage items, what drives the cost. */
  readonly note: string;
}

export interface CostEstimate {
  readonly stack: string;
  /** The stack's region; prices are us-east-1's whatever it is. */
  readonly region: string;
  /** The date support windows were judged at (ISO `YYYY-MM-DD`). */
  readonly date: string;
  readonly lines: readonly CostLine[];
  /** Sum of the lines' monthlyUsd, to the cent. */
  readonly totalMonthlyUsd: number;
  /** What the Spot nodes would add at the On-Demand price (the ceiling of their variable cost). */
  readonly spotOnDemandCeilingUsd: number;
}

const cents = (n: number): number => Math.round(n * 100) / 100;
/** Unit prices keep their sub-cent digits (60.736) without float noise (73.00000000000001). */
const exact = (n: number): number => Math.round(n * 1e6) / 1e6;
const usd = (n: number): string => `$${n.toFixed(2)}`;

function line(item: string, quantity: number, unitUsd: number, note: string): CostLine {
  return { item, quantity, unitUsd: exact(unitUsd), monthlyUsd: cents(quantity * unitUsd), note };
}

function usage(item: string, unitUsd: number, note: string): CostLine {
  return { item, quantity: 0, unitUsd, monthlyUsd: 0, note: `usage: ${note}` };
}

/** The control-plane line: extended-support price once the version's standard support has ended. */
export function controlPlaneLine(
  version: string,
  date: string,
  supportType: "STANDARD" | "EXTENDED" = "EXTENDED",
): CostLine {
  const support = EKS_KUBERNETES_VERSIONS[version];
  if (support !== undefined && date > support.standardSupportEnds && supportType === "STANDARD") {
    return line(
      `EKS control plane (Kubernetes ${version} past standard support: EKS upgrades it)`,
      1,
      EKS_STANDARD_USD_PER_HOUR * HOURS_PER_MONTH,
      `$${EKS_STANDARD_USD_PER_HOUR.toFixed(2)} per cluster-hour; standard support ended ${support.standardSupportEnds} and the STANDARD support type upgrades the control plane`,
    );
  }
  if (support === undefined || date <= support.standardSupportEnds) {
    const until = support ? ` until ${support.standardSupportEnds}` : "";
    return line(
      `EKS control plane (Kubernetes ${version}, standard support)`,
      1,
      EKS_STANDARD_USD_PER_HOUR * HOURS_PER_MONTH,
      `$${EKS_STANDARD_USD_PER_HOUR.toFixed(2)} per cluster-hour${until}`,
    );
  }
  const after =
    date > support.extendedSupportEnds
      ? `; extended support ended ${support.extendedSupportEnds}: EKS upgrades the cluster itself`
      : ` until ${support.extendedSupportEnds}; upgrade to return to $${EKS_STANDARD_USD_PER_HOUR.toFixed(2)}`;
  return line(
    `EKS control plane (Kubernetes ${version}, extended support)`,
    1,
    EKS_EXTENDED_USD_PER_HOUR * HOURS_PER_MONTH,
    `standard support ended ${support.standardSupportEnds}: $${EKS_EXTENDED_USD_PER_HOUR.toFixed(2)} per cluster-hour${after}`,
  );
}

function nodeLines(group: NodeGroupArgs): { lines: CostLine[]; spotCeiling: number } {
  const type = group.instanceTypes[0];
  const hourly = EC2_ON_DEMAND_USD_PER_HOUR[type];
  const n = group.desiredSize;
  const name = `Node group '${group.name}': ${n} × ${type}`;
  const lines: CostLine[] = [];
  let spotCeiling = 0;
  if (hourly === undefined) {
    lines.push({
      item: `${name} (${group.capacityType === "SPOT" ? "Spot" : "On-Demand"})`,
      quantity: n,
      unitUsd: 0,
      monthlyUsd: 0,
      note: `no list price for ${type} in components/cost.ts: add it to EC2_ON_DEMAND_USD_PER_HOUR`,
    });
  } else if (group.capacityType === "SPOT") {
    const onDemand = cents(n * hourly * HOURS_PER_MONTH);
    spotCeiling = onDemand;
    lines.push({
      item: `${name} (Spot)`,
      quantity: n,
      unitUsd: 0,
      monthlyUsd: 0,
      note:
        `variable: Spot prices move with supply and demand, up to 90% below On-Demand ` +
        `(https://aws.amazon.com/ec2/spot/pricing/); at most ${usd(onDemand)} at On-Demand ` +
        `$${hourly}/hour`,
    });
  } else {
    lines.push(
      line(
        `${name} (On-Demand)`,
        n,
        hourly * HOURS_PER_MONTH,
        `$${hourly} per instance-hour at desiredSize ${n} (scaling to maxSize ${group.maxSize} costs more)`,
      ),
    );
  }
  lines.push(
    line(
      `Node group '${group.name}': EBS root volumes (${n} × ${group.diskSizeGiB} GiB)`,
      n * group.diskSizeGiB,
      GP3_USD_PER_GB_MONTH,
      `$${GP3_USD_PER_GB_MONTH} per GB-month (gp3), a fixed price even on Spot nodes`,
    ),
  );
  return { lines, spotCeiling };
}

function runtimeLines(s: RuntimeCostInput, date: string): { lines: CostLine[]; spot: number } {
  const nat = natGatewayCount(s.network.natGateways, s.network.availabilityZones);
  const lines: CostLine[] = [
    controlPlaneLine(s.cluster.kubernetesVersion, date, s.cluster.supportType),
    line(
      `NAT gateways (${s.network.natGateways}, ${s.network.availabilityZones} AZs)`,
      nat,
      NAT_USD_PER_HOUR * HOURS_PER_MONTH,
      `$${NAT_USD_PER_HOUR} per gateway-hour`,
    ),
    line(
      "Public IPv4 addresses (NAT gateway Elastic IPs)",
      nat,
      PUBLIC_IPV4_USD_PER_HOUR * HOURS_PER_MONTH,
      `$${PUBLIC_IPV4_USD_PER_HOUR} per address-hour`,
    ),
    usage("NAT gateway data processing", NAT_USD_PER_GB, `$${NAT_USD_PER_GB} per GB processed`),
  ];
  let spot = 0;
  for (const group of s.cluster.nodeGroups) {
    const nodes = nodeLines(group);
    lines.push(...nodes.lines);
    spot += nodes.spotCeiling;
  }
  lines.push(
    line(
      "KMS key (Kubernetes secrets encryption)",
      1,
      KMS_KEY_USD_PER_MONTH,
      "$1 per key-month; rotation is on: +$1 after each of the first two yearly rotations",
    ),
    usage(
      "CloudWatch Logs (control plane" + (s.network.flowLogs ? ", VPC flow logs)" : ")"),
      0.5,
      `about $0.50 per GB ingested plus storage, https://aws.amazon.com/cloudwatch/pricing/`,
    ),
  );
  return { lines, spot: cents(spot) };
}

function deliveryLines(s: DeliveryCostInput): CostLine[] {
  const services = s.registry.services.length;
  return [
    usage(
      "CodeCommit (3 repositories)",
      1,
      "first 5 active users a month free, then $1 per active user-month; every identity that " +
        "touches a repository counts (people, each environment's Flux roles, pipeline roles), " +
        "https://aws.amazon.com/codecommit/pricing/",
    ),
    usage(
      `ECR (${services} ${services === 1 ? "repository" : "repositories"})`,
      0.1,
      "$0.10 per GB-month of images stored, https://aws.amazon.com/ecr/pricing/",
    ),
    usage(
      "CodePipeline V2",
      0.002,
      "$0.002 per action execution minute after 100 free minutes a month, " +
        "https://aws.amazon.com/codepipeline/pricing/",
    ),
    usage(
      `CodeBuild (${s.pipeline.computeType})`,
      CODEBUILD_USD_PER_MINUTE[s.pipeline.computeType] ?? 0,
      `${codeBuildRate(s.pipeline.computeType)} per build minute, ` +
        "https://aws.amazon.com/codebuild/pricing/",
    ),
    usage("S3 (pipeline artifacts)", 0.023, "$0.023 per GB-month plus requests"),
  ];
}

/**
 * The fixed monthly cost of a stack's settings. `date` (default today) decides whether the
 * cluster's Kubernetes version is still in standard support.
 */
export function estimateMonthlyCost(
  settings: RuntimeCostInput | DeliveryCostInput,
  date: Date = new Date(),
): CostEstimate {
  const day = date.toISOString().slice(0, 10);
  const { lines, spot } =
    settings.plane === "runtime"
      ? runtimeLines(settings, day)
      : { lines: deliveryLines(settings), spot: 0 };
  return {
    stack: settings.stack,
    region: settings.region,
    date: day,
    lines,
    totalMonthlyUsd: cents(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)),
    spotOnDemandCeilingUsd: spot,
  };
}
