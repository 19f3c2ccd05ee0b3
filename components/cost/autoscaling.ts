/**
 * What Karpenter's NodePool limits allow at most: the nodes are variable (they exist while pods
 * need them), so the estimate prices the ceiling, not a guess of the usual size. The ceiling is
 * the dearest way to fill the limits with the allowed instance types (KARPENTER_INSTANCE_TYPES),
 * at On-Demand prices even for Spot (Spot only lowers it), with each node's root volume.
 */
import { KARPENTER_INSTANCE_TYPES, KARPENTER_NODE_DISK_GIB } from "../autoscaling";
import type { CostLine } from "./lines";
import {
  EC2_INSTANCE_SPECS,
  EC2_ON_DEMAND_USD_PER_HOUR,
  GP3_USD_PER_GB_MONTH,
  HOURS_PER_MONTH,
} from "./prices";

/** The NodePool settings the ceiling reads (settings.karpenter). */
export interface KarpenterCostInput {
  readonly capacityType: "spot" | "on-demand";
  /** vCPU. */
  readonly cpuLimit: number;
  readonly memoryLimitGiB: number;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

/** The most a month of nodes within the limits can cost, and how that maximum is reached. */
export function karpenterCeiling(k: KarpenterCostInput): { usd: number; how: string } {
  let best = { usd: 0, how: "no allowed instance type fits the limits" };
  for (const type of KARPENTER_INSTANCE_TYPES) {
    const spec = EC2_INSTANCE_SPECS[type];
    const hourly = EC2_ON_DEMAND_USD_PER_HOUR[type];
    if (spec === undefined || hourly === undefined) {
      throw new Error(`components/cost/prices.ts has no price or size for ${type}: add it.`);
    }
    const count = Math.min(
      Math.floor(k.cpuLimit / spec.vcpu),
      Math.floor(k.memoryLimitGiB / spec.memoryGiB),
    );
    const usd = cents(
      count * (hourly * HOURS_PER_MONTH + KARPENTER_NODE_DISK_GIB * GP3_USD_PER_GB_MONTH),
    );
    if (usd > best.usd) {
      best = { usd, how: `${count} × ${type} at On-Demand $${hourly}/hour` };
    }
  }
  return best;
}

/** The estimate's line for the NodePool: $0 fixed, its ceiling in the note. */
export function karpenterLine(k: KarpenterCostInput): { line: CostLine; ceilingUsd: number } {
  const { usd, how } = karpenterCeiling(k);
  const kind = k.capacityType === "spot" ? "Spot" : "On-Demand";
  return {
    ceilingUsd: usd,
    line: {
      item: `Karpenter nodes (${kind}, limits ${k.cpuLimit} vCPU / ${k.memoryLimitGiB} GiB)`,
      quantity: 0,
      unitUsd: 0,
      monthlyUsd: 0,
      note:
        `variable: only while pods need them; the NodePool limits allow at most $${usd.toFixed(2)} ` +
        `a month (${how}, with ${KARPENTER_NODE_DISK_GIB} GiB gp3 root volumes)`,
    },
  };
}
