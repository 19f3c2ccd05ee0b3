/** Raw settings inputs for `resolveSettings`, and the problems it reports: shared by the specs. */
import * as assert from "node:assert/strict";
import { resolveSettings, type RawSettingsInput } from "../../stacks/resolve";
import { SettingsError } from "../../stacks/problems";

/** What `stacks/load.ts` would pass for `stack` with `config` (values as Pulumi stores them). */
export function settingsInput(
  stack: string,
  config: Record<string, unknown> = {},
  region: string | null = "us-east-1",
): RawSettingsInput {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(config))
    raw[k] = typeof v === "string" ? v : JSON.stringify(v);
  return {
    project: "gitops-platform",
    stack,
    organization: "acme",
    region: region ?? undefined,
    config: raw,
  };
}

/** The problems reported for a bad input (fails the test if it resolves). */
export function settingsProblems(
  stack: string,
  config: Record<string, unknown>,
  region: string | null = "us-east-1",
): string[] {
  try {
    resolveSettings(settingsInput(stack, config, region));
  } catch (e) {
    assert.ok(e instanceof SettingsError, `expected a SettingsError, got ${String(e)}`);
    return [...e.problems];
  }
  assert.fail(`settings ${JSON.stringify(config)} were accepted`);
}

/**
 * What the prod profile leaves to its stack file (the API endpoint's CIDRs, the applications'
 * domain for HTTPS), chosen as an operator would: for tests that build a prod stack.
 */
export const PROD_CHOICES = { publicAccessCidrs: ["198.51.100.0/24"], domain: "example.com" };
