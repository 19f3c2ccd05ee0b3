import * as assert from "node:assert/strict";
import { StackError } from "../../stacks/errors";
import { runFixture } from "../helpers/stacks";

describe("stacks/errors: an error raised in an Output reads once", () => {
  it("keeps its message when the SDK prefixes it per serialized property", () => {
    const e = new StackError("deploy the shared stack first");
    e.message = `error serializing property "spec": ${e.message}`;
    assert.equal(e.message, "deploy the shared stack first");
    assert.equal(String(e), "StackError: deploy the shared stack first");
  });

  it("a missing shared stack stops the whole environment with the fix alone", async () => {
    await assert.rejects(runFixture("dev", { stackOutputs: {} }), {
      message:
        "The shared stack 'example-org/gitops-platform/shared' has no outputs accountId, region, defaultBranch, fluxRepo, microservicesRepo, appRepo, ecrRegistry, ecrRepositories, deploymentFeedback, promotion: deploy the shared stack first: pulumi up -s shared (or set gitops-platform:sharedStack).",
    });
  });
});
