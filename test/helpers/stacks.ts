/**
 * Whole-stack runs for the tests, from fixture stack files the tests own
 * (test/fixtures/stacks/Pulumi.<stack>.yaml), never from the project's own stack files: a user
 * who changes region, adds an environment or a service in theirs keeps a green suite.
 */
import * as path from "path";
import { runStack, sharedOutputs, type RunOptions, type StackRun } from "../../harness/run";
import { stackSettings } from "../../harness/settings";
import type { PromotionStage } from "../../components/promotion";

export const FIXTURE_STACKS = path.resolve(__dirname, "../fixtures/stacks");

/** The fixture stacks: the delivery stack and the three environments of the shipped profiles. */
export const FIXTURE_ENVIRONMENTS = ["dev", "staging", "prod"] as const;

/** Runs the program for fixture stack `stack`, with `options` (config overrides, outputs). */
export function runFixture(stack: string, options: RunOptions = {}): Promise<StackRun> {
  return runStack(stack, { stackDir: FIXTURE_STACKS, ...options });
}

const plain = new Map<string, Promise<StackRun>>();

/**
 * The run of fixture stack `stack` without overrides, made once per process and shared by the
 * specs that only read it (a run is a record; nobody changes it).
 */
export function fixtureRun(stack: string): Promise<StackRun> {
  let run = plain.get(stack);
  if (!run) {
    run = runFixture(stack);
    plain.set(stack, run);
  }
  return run;
}

/** The fixture shared stack's outputs, as environment stacks read them. */
export function fixtureSharedOutputs(): Promise<Record<string, unknown>> {
  return sharedOutputs(FIXTURE_STACKS);
}

/** The promotion path of the fixture shared stack (its settings' `promotion`). */
export function fixturePromotionStages(): readonly PromotionStage[] {
  const settings = stackSettings("shared", FIXTURE_STACKS);
  if (settings.plane !== "delivery")
    throw new Error("the fixture shared stack is not a delivery stack");
  return settings.promotion;
}
