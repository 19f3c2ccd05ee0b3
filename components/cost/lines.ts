/** One line of a cost estimate and the helpers that build lines. */

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

export const cents = (n: number): number => Math.round(n * 100) / 100;
/** Unit prices keep their sub-cent digits (60.736) without float noise (73.00000000000001). */
export const exact = (n: number): number => Math.round(n * 1e6) / 1e6;
export const usd = (n: number): string => `$${n.toFixed(2)}`;

export function line(item: string, quantity: number, unitUsd: number, note: string): CostLine {
  return { item, quantity, unitUsd: exact(unitUsd), monthlyUsd: cents(quantity * unitUsd), note };
}

export function usage(item: string, unitUsd: number, note: string): CostLine {
  return { item, quantity: 0, unitUsd, monthlyUsd: 0, note: `usage: ${note}` };
}
