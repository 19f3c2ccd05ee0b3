/**
 * The receiver relay's fixed cost (components/receivers): its internal Network Load Balancer runs
 * every hour; its capacity units (NLCU), the Lambda and the rules are usage, a fraction of one unit
 * at push rates. us-east-1 list price: $0.0225 per NLB-hour, $0.006 per NLCU-hour
 * (https://aws.amazon.com/elasticloadbalancing/pricing/).
 */
import { HOURS_PER_MONTH } from "./prices";

/** A cost line (the shape of cost.ts `CostLine`, which imports this module). */
interface Line {
  readonly item: string;
  readonly quantity: number;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
  readonly note: string;
}

export const NLB_USD_PER_HOUR = 0.0225;
export const NLCU_USD_PER_HOUR = 0.006;

/** The relay's lines: none without receivers. */
export function receiverRelayLines(receivers: boolean | undefined): Line[] {
  if (!receivers) return [];
  const unit = Math.round(NLB_USD_PER_HOUR * HOURS_PER_MONTH * 1e6) / 1e6;
  return [
    {
      item: "Network Load Balancer (Flux receiver relay, internal)",
      quantity: 1,
      unitUsd: unit,
      monthlyUsd: Math.round(unit * 100) / 100,
      note: `$${NLB_USD_PER_HOUR} per NLB-hour`,
    },
    {
      item: "NLB capacity units, relay Lambda and EventBridge rules",
      quantity: 0,
      unitUsd: NLCU_USD_PER_HOUR,
      monthlyUsd: 0,
      note: `usage: $${NLCU_USD_PER_HOUR} per NLCU-hour; Lambda per request; AWS service events on the default bus are free`,
    },
  ];
}
