/** Look-ups in a recorded stack run, shared by the component specs. */
import * as assert from "node:assert/strict";
import type { RecordedResource, StackRun } from "../../harness/run";

/** Every recorded resource of `type`, in registration order. */
export const ofType = (run: StackRun, type: string): RecordedResource[] =>
  run.resources.filter((r) => r.type === type);

/** The resource of `type` named `name`; fails the test when it was not declared. */
export function named(run: StackRun, type: string, name: string): RecordedResource {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name} not declared`);
  return r;
}

/** The one resource of `type` (named `name`, if given); fails the test unless there is exactly one. */
export function one(run: StackRun, type: string, name?: string): RecordedResource {
  const found = ofType(run, type).filter((r) => !name || r.name === name);
  assert.equal(found.length, 1, `expected one ${type} ${name ?? ""}, found ${found.length}`);
  return found[0];
}
