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

  it("is in each environment's boundary, on the environment branch prefix", async () => {
    const iam = await deploymentsIam();
    for (const e of iam.environments) {
      const guard = e.boundary!.Statement.find((s) => s.Sid === "NoEnvironmentBranchWrites");
      assert.ok(guard, e.stack);
      assert.deepEqual(guard.Condition?.["ForAnyValue:StringLike"], {
        "codecommit:References": [`refs/heads/${ENVIRONMENT_BRANCH_PREFIX}*`],
      });
      assert.ok(
        e.boundary!.Statement.some((s) => s.Sid === "NoApprovalChanges"),
        e.stack,
      );
    }
  });
});
