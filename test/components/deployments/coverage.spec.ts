/**
 * Each stack's Pulumi Deployments role can make every call its own `pulumi up`, refresh, tag
 * change and destroy make (test/helpers/deploy-calls: every recorded resource, the children of
 * remote components, dynamic providers' SDK calls), under its boundary, with the conditions the
 * request really carries. A resource type no map knows fails, naming it.
 */
import * as assert from "node:assert/strict";
import { runStack, type StackRun } from "../../../harness/run";
import * as mocks from "../../../harness/mocks";
import { evaluate } from "../../helpers/iam";
import { deployCalls, requestOf, type Invoke, type TargetCall } from "../../helpers/deploy-calls";
import { DEPLOYMENTS_CONFIG, deploymentsIam, type StackIam } from "../../helpers/deployments-iam";
import { STACK_TAG } from "../../../components/aws";
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

/** Runs `fn`, recording the data sources the program calls meanwhile (runs are sequential). */
async function recordingInvokes<T>(fn: () => Promise<T>): Promise<{ value: T; invokes: Invoke[] }> {
  const invokes: Invoke[] = [];
  const original = mocks.mockCall;
  const patched: typeof original = (token, inputs, ctx) => {
    invokes.push({ token, inputs });
    return original(token, inputs, ctx);
  };
  (mocks as { mockCall: typeof original }).mockCall = patched;
  try {
    return { value: await fn(), invokes };
  } finally {
    (mocks as { mockCall: typeof original }).mockCall = original;
  }
}

describe("components/deployments: each Deployments role covers what its stack declares", function () {
  this.timeout(120_000);
  let shared: StackRun;
  let sharedInvokes: Invoke[];
  let environments: { iam: StackIam; run: StackRun; invokes: Invoke[] }[];
  let delivery: StackIam;

  before(async () => {
    const iam = await deploymentsIam();
    delivery = iam.delivery;
    // The same shared stack, run again to record its data sources; the environments read its
    // outputs (its boundaries, its roles).
    const sharedRun = await recordingInvokes(() =>
      runStack(
        "shared",
        {
          stackDir: FIXTURE_STACKS,
          config: DEPLOYMENTS_CONFIG,
          secrets: SECRETS,
          stackOutputs: {},
        },
        { unmasked: true },
      ),
    );
    shared = sharedRun.value;
    sharedInvokes = sharedRun.invokes;
    environments = [];
    for (const e of iam.environments) {
      const { value: run, invokes } = await recordingInvokes(() =>
        runFixture(e.stack, {
          stackOutputs: {
            [`${mocks.MOCK_ORGANIZATION}/gitops-platform/shared`]: shared.outputs,
          },
        }),
      );
      environments.push({ iam: e, run, invokes });
    }
  });

  it("every resource type of every stack is mapped to its calls (or to none, with the reason)", () => {
    for (const [run, invokes] of [
      [shared, sharedInvokes] as const,
      ...environments.map((e) => [e.run, e.invokes] as const),
    ]) {
      assert.ok(invokes.length > 0, `${run.stack}: no data source recorded`);
      assert.deepEqual(deployCalls(run, invokes).unknown, [], `${run.stack}: unmapped`);
    }
  });

  it("the delivery role can make every call of the shared stack", async () => {
    assert.deepEqual(await refused(deployCalls(shared, sharedInvokes).calls, delivery), []);
  });

  it("each environment role can make every call of its stack", async () => {
    for (const { iam, run, invokes } of environments) {
      assert.equal(run.stack, iam.stack);
      assert.deepEqual(await refused(deployCalls(run, invokes).calls, iam), [], iam.stack);
    }
  });

  it("no environment role can make another environment's calls on its tagged resources", async () => {
    for (const { iam } of environments) {
      for (const { run } of environments.filter((o) => o.iam.stack !== iam.stack)) {
        const theirs = deployCalls(run).calls.filter(
          (c) =>
            c.phase !== "read" &&
            (c.requestTags?.[STACK_TAG] === run.stack || c.resourceTags?.[STACK_TAG] === run.stack),
        );
        assert.ok(theirs.length > 100, `${run.stack}: ${theirs.length} calls`);
        const allowed = theirs.length - (await refused(theirs, iam)).length;
        assert.equal(allowed, 0, `${iam.stack} on ${run.stack}`);
      }
    }
  });

  it("an AWS resource type the map does not know fails the coverage, named", () => {
    const provider = shared.resources.find((r) => r.type === "pulumi:providers:aws")!;
    const stranger = { ...provider, type: "aws:rds/instance:Instance", name: "db", custom: true };
    const run = { ...shared, resources: [provider, stranger] };
    assert.deepEqual(deployCalls(run).unknown, ["aws:rds/instance:Instance"]);
  });

  it("the coverage can fail: a role without the services policy misses the stack's queue", async () => {
    const [{ iam, run }] = environments;
    const partial = {
      ...iam,
      identity: iam.identity.filter((d) => !d.Statement.some((s) => s.Sid === "SqsCreate")),
    };
    assert.equal(partial.identity.length, iam.identity.length - 1);
    const missed = await refused(deployCalls(run).calls, partial);
    assert.ok(
      missed.some((m) => m.startsWith("create sqs:CreateQueue")),
      missed.join("\n"),
    );
  });
});
