/**
 * The identity policies of an environment's Deployments role, one managed policy each (IAM allows
 * 6,144 characters per managed policy, and 10 attached to a role): `network` and `platform`
 * (environment-policy.ts), `services` (environment-services.ts), `receivers` (environment-receivers.ts).
 */
import type { PolicyDocument } from "../aws";
import { environmentPolicies, type EnvironmentScope } from "./environment-policy";
import { environmentServicesPolicy } from "./environment-services";
import { environmentReceiversPolicy } from "./environment-receivers";

export const ENVIRONMENT_POLICY_PARTS = ["network", "platform", "services", "receivers"] as const;
export type EnvironmentPolicyPart = (typeof ENVIRONMENT_POLICY_PARTS)[number];

export function environmentDocuments(
  scope: EnvironmentScope,
): Record<EnvironmentPolicyPart, PolicyDocument> {
  return {
    ...environmentPolicies(scope),
    services: environmentServicesPolicy(scope),
    receivers: environmentReceiversPolicy(scope),
  };
}
