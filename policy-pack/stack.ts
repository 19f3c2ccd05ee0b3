/**
 * What the rules know of the stack they check, from the plan alone: the profile comes from the
 * AWS provider's default tags, which the program sets on every stack (stacks/resolve.ts; the
 * tests check that these keys are the program's).
 */
import type { PolicyResource } from "@pulumi/policy";

/** Tag keys of the program (components/aws/tags.ts). */
export const PROFILE_TAG = "gitops-platform:profile";

/** Profiles whose stateful resources must be protected and whose endpoints are checked. */
export const PROTECTED_PROFILES = ["prod", "shared"] as const;
export const PROD_PROFILE = "prod";

/** Default tags of a provider resource's props (the engine passes provider config as JSON strings). */
export function defaultTags(props: Record<string, unknown> | undefined): Record<string, string> {
  const raw = props?.defaultTags;
  const value = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
  const tags = (value as { tags?: Record<string, string> } | undefined)?.tags;
  return tags ?? {};
}

/** The stack's profile: the profile tag of its AWS provider(s); undefined without one. */
export function stackProfile(resources: readonly PolicyResource[]): string | undefined {
  for (const r of resources) {
    if (r.type !== "pulumi:providers:aws") continue;
    const profile = defaultTags(r.props)[PROFILE_TAG];
    if (profile) return profile;
  }
  return undefined;
}

/** A resource's props as a plain record (the policy SDK proxies them). */
export type Props = Record<string, any>;

/** A JSON string or object input, parsed. */
export function jsonInput(value: unknown): unknown {
  return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}
