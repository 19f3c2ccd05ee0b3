/**
 * A second `pulumi up` with no change shows no diff: the program declares the same inputs when
 * run again against the state of the first run, and the inputs that providers could read back
 * differently agree with what they read (components/delivery/repositories.ts cites the provider).
 */
import * as assert from "node:assert/strict";
import type { RecordedResource, StackRun } from "../../harness/run";
import { fixtureRun, runFixture } from "../helpers/stacks";

const stateOf = (run: StackRun) => ({
  deployment: {
    resources: run.resources.map((r) => ({ urn: r.urn, type: r.type, outputs: r.inputs })),
  },
});
const inputsByUrn = (run: StackRun) =>
  new Map(run.resources.map((r: RecordedResource) => [r.urn, r.inputs]));

describe("no drift: a second pulumi up declares what the first did", () => {
  for (const stack of ["shared", "dev"]) {
    it(`${stack}: the same resources with the same inputs`, async () => {
      const first = await fixtureRun(stack);
      const second = await runFixture(stack, { state: stateOf(first) });
      // The same set: registration order follows when inputs resolve, which state can change.
      assert.deepEqual(
        [...inputsByUrn(second).keys()].sort(),
        [...inputsByUrn(first).keys()].sort(),
      );
      for (const [urn, inputs] of inputsByUrn(first))
        assert.deepEqual(inputsByUrn(second).get(urn), inputs, urn);
      assert.deepEqual(second.warnings, first.warnings);
    });
  }

  it("every repository's default branch is the branch its seed creates first", async () => {
    const shared = await fixtureRun("shared");
    const repos = shared.resources.filter((r) => r.type === "aws:codecommit/repository:Repository");
    const seeds = shared.resources.filter(
      (r) => r.type === "pulumi-nodejs:dynamic/codecommit:RepositorySeed",
    );
    assert.equal(seeds.length, repos.length);
    for (const repo of repos) {
      const seed = seeds.find((s) => s.propertyDependencies.repositoryName?.includes(repo.urn));
      assert.ok(seed, `a seed for ${repo.name}`);
      assert.equal(seed.inputs.branch, repo.inputs.defaultBranch, repo.name);
    }
  });
});
