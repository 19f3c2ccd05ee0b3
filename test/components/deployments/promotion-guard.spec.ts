/**
 * The promotion guard's denies hold as written: each branch-write action really carries
 * `codecommit:References` (a deny conditioned on a key the action does not send never applies),
 * the actions exist, and the guard is in every environment's boundary.
 */
import * as assert from "node:assert/strict";
import {
  APPROVAL_ACTIONS,
  BRANCH_WRITE_ACTIONS,
} from "../../../components/deployments/promotion-guard";
import { ENVIRONMENT_BRANCH_PREFIX } from "../../../components/promotion";
import { expandAction, supportedKeys } from "../../helpers/iam-reference";
import { deploymentsIam } from "../../helpers/deployments-iam";
import { evaluate } from "../../helpers/iam";

const REPO = "arn:aws:codecommit:us-east-1:123456789012:microservices-repo";

describe("components/deployments: promotion guard", () => {
  it("every branch write it denies supports codecommit:References", async () => {
    const missing: string[] = [];
    for (const action of BRANCH_WRITE_ACTIONS) {
      const keys = await supportedKeys(action, [REPO]);
      if (!keys.includes("codecommit:References")) missing.push(action);
    }
    assert.deepEqual(missing, []);
  });

  it("every approval action it denies exists", async () => {
    for (const action of APPROVAL_ACTIONS) assert.deepEqual(await expandAction(action), [action]);
  });

  it("is in each environment's boundary: even under Action *, no branch write on env/* and no approval action", async () => {
    const iam = await deploymentsIam();
    const all = {
      Version: "2012-10-17" as const,
      Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }],
    };
    const envRef = { "codecommit:References": [`refs/heads/${ENVIRONMENT_BRANCH_PREFIX}prod`] };
    for (const e of iam.environments) {
      const guard = e.boundary!.Statement.find(
        (s) => s.Action === "codecommit:GitPush" && s.Condition?.Null !== undefined,
      );
      assert.ok(guard, e.stack);
      assert.deepEqual(guard.Condition?.["ForAnyValue:StringLike"], {
        "codecommit:References": [`refs/heads/${ENVIRONMENT_BRANCH_PREFIX}*`],
      });
      const allowed = [...BRANCH_WRITE_ACTIONS, ...APPROVAL_ACTIONS].filter(
        (action) =>
          evaluate({ action, resource: REPO, context: envRef }, [all], e.boundary) === "allow",
      );
      assert.deepEqual(allowed, [], e.stack);
      // The push of the image automation to the default branch still passes.
      assert.equal(
        evaluate(
          {
            action: "codecommit:GitPush",
            resource: REPO,
            context: { "codecommit:References": ["refs/heads/main"] },
          },
          [all],
          e.boundary,
        ),
        "allow",
        e.stack,
      );
    }
  });
});
