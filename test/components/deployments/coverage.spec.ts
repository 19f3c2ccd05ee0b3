/**
 * Each stack's Pulumi Deployments role can make every call its own `pulumi up`, refresh, tag
 * change and destroy make (test/helpers/deploy-calls: every recorded resource, the children of
 * remote components, dynamic providers' SDK calls), under its boundary, with the conditions the
 * request really carries. A resource type no map knows fails, naming it.
 */
import * as assert from "node:assert/strict";
import { runStack, type StackRun } from "../../../harness/run";
import { MOCK_ORGANIZATION } from "../../../harness/mocks";
import { evaluate } from "../../helpers/iam";
import { deployCalls, requestOf, type TargetCall } from "../../helpers/deploy-calls";
import { DEPLOYMENTS_CONFIG, deploymentsIam, type StackIam } from "../../helpers/deployments-iam";
import { FIXTURE_STACKS, runFixture } from "../../helpers/stacks";

const SECRETS = { deploymentsApiToken: "pul-test" };

/** Calls `iam` refuses, one line each. */
export async function refused(calls: readonly TargetCall[], iam: StackIam): Promise<string[]> {
  const out: string[] = [];
  for (const call of calls) {
    const request = await requestOf(call);
    const got = evaluate(request, iam.identity, iam.boundary);
    if (got !== "allow") {
      out.push(`${call.phase} ${call.action} on ${call.resource} (${call.target}): ${got}`);
    }
  }
  return [...new Set(out)];
}

describe("components/deployments: each Deployments role covers what its stack declares", function () {
  this.timeout(120_000);
  let shared: StackRun;
  let environments: { iam: StackIam; run: StackRun }[];
  let delivery: StackIam;

  before(async () => {
    const iam = await deploymentsIam();
    shared = iam.run;
    delivery = iam.delivery;
    // The environments read the outputs of this shared stack (its boundaries, its roles).
    const outputs = (
      await runStack(
        "shared",
        { stackDir: FIXTURE_STACKS, config: DEPLOYMENTS_CONFIG, secrets: SECRETS, stackOutputs: {} },
        { unmasked: true },
      )
    ).outputs;
    environments = [];
    for (const e of iam.environments) {
      const run = await runFixture(e.stack, {
        stackOutputs: { [`${MOCK_ORGANIZATION}/gitops-platform/shared`]: outputs },
      });
      environments.push({ iam: e, run });
    }
  });

  it("every resource type of every stack is mapped to its calls (or to none, with the reason)", () => {
    for (const run of [shared, ...environments.map((e) => e.run)]) {
      assert.deepEqual(deployCalls(run).unknown, [], `${run.stack}: unmapped resource types`);
    }
  });

  it("the delivery role can make every call of the shared stack", async () => {
    assert.deepEqual(await refused(deployCalls(shared).calls, delivery), []);
  });

  it("each environment role can make every call of its stack", async () => {
    for (const { iam, run } of environments) {
      assert.equal(run.stack, iam.stack);
      assert.deepEqual(await refused(deployCalls(run).calls, iam), [], iam.stack);
    }
  });
});
