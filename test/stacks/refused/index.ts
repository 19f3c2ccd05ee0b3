/** The refused settings beyond ../bad-settings.ts, by category; resolve.spec.ts runs every row. */
import type { BadSetting } from "../bad-settings";
import { AWS_REFUSED } from "./aws";
import { CONTRADICTIONS_REFUSED } from "./contradictions";
import { FLUX_REFUSED } from "./flux";
import { NETWORK_REFUSED } from "./network";
import { NODE_GROUPS_REFUSED } from "./node-groups";
import { PROMOTION_REFUSED } from "./promotion";

export const REFUSED: readonly BadSetting[] = [
  ...AWS_REFUSED,
  ...NETWORK_REFUSED,
  ...FLUX_REFUSED,
  ...NODE_GROUPS_REFUSED,
  ...CONTRADICTIONS_REFUSED,
  ...PROMOTION_REFUSED,
];
