/**
 * The fixed monthly cost a stack's settings commit to, in us-east-1 On-Demand list prices: what
 * runs whether or not anyone uses it (control plane, NAT gateways, nodes at their desired size,
 * their disks, the KMS keys). Usage-priced items are listed with their unit price in the note and
 * $0, so the total is a floor, never a guess. `npm run plan` prints it; the README table comes from
 * it (a test keeps the two equal).
 */
import type { NodeGroupArgs } from "../cluster";
import { EKS_KUBERNETES_VERSIONS } from "../cluster";
import { natGatewayCount, type NetworkArgs } from "../network";
import {
  EC2_ON_DEMAND_USD_PER_HOUR,
  EKS_EXTENDED_USD_PER_HOUR,
  EKS_STANDARD_USD_PER_HOUR,
  GP3_USD_PER_GB_MONTH,
  HOURS_PER_MONTH,
  KMS_KEY_USD_PER_MONTH,
  NAT_USD_PER_GB,
  NAT_USD_PER_HOUR,
  PUBLIC_IPV4_USD_PER_HOUR,
} from "./prices";
import { karpenterLine, type KarpenterCostInput } from "./autoscaling";
import { cents, line, usage, usd, type CostLine } from "./lines";
import { deliveryLines, type DeliveryCostInput } from "./delivery";
import { receiverRelayLines } from "./receivers";

export type { CostLine, DeliveryCostInput };

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
  /** The Karpenter NodePool, priced at what its limits allow at most (not in the total). */
  readonly karpenter?: KarpenterCostInput;
  /** `receivers`: the Flux receiver relay runs (its load balancer is fixed cost). */
  readonly flux?: { readonly receivers: boolean };
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
  /** What Karpenter's nodes may add at most, within the NodePool limits (0 without Karpenter). */
  readonly autoscalingCeilingUsd: number;
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
      note: `no list price for ${type} in components/cost/prices.ts: add it to EC2_ON_DEMAND_USD_PER_HOUR`,
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

function runtimeLines(
  s: RuntimeCostInput,
  date: string,
): { lines: CostLine[]; spot: number; autoscaling: number } {
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
      "KMS keys (Kubernetes secrets encryption, SOPS secrets in git)",
      2,
      KMS_KEY_USD_PER_MONTH,
      "$1 per key-month; rotation is on: +$1 after each of the first two yearly rotations",
    ),
    line(
      "Volume KMS key (EBS volumes of the default StorageClass)",
      1,
      KMS_KEY_USD_PER_MONTH,
      "$1 per key-month; rotation is on, as above",
    ),
    usage(
      "CloudWatch Logs (control plane" + (s.network.flowLogs ? ", VPC flow logs)" : ")"),
      0.5,
      `about $0.50 per GB ingested plus storage, https://aws.amazon.com/cloudwatch/pricing/`,
    ),
  );
  lines.push(...receiverRelayLines(s.flux?.receivers));
  const karpenter = s.karpenter === undefined ? undefined : karpenterLine(s.karpenter);
  if (karpenter) lines.push(karpenter.line);
  return { lines, spot: cents(spot), autoscaling: karpenter?.ceilingUsd ?? 0 };
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
  const { lines, spot, autoscaling } =
    settings.plane === "runtime"
      ? runtimeLines(settings, day)
      : { lines: deliveryLines(settings), spot: 0, autoscaling: 0 };
  return {
    stack: settings.stack,
    region: settings.region,
    date: day,
    lines,
    totalMonthlyUsd: cents(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)),
    spotOnDemandCeilingUsd: spot,
    autoscalingCeilingUsd: autoscaling,
  };
}
