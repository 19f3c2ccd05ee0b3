/**
 * Allow/deny tables over the Flux policies of every fixture environment, as the stacks write
 * them: dev's image automation pushes its own branch only; no Flux identity of any environment
 * writes the branches later stages sync (or those promotions are proposed from), merges into
 * them, or changes approval rules.
 */
import * as assert from "node:assert/strict";
import type { PolicyDocument } from "../../../components/aws";
import type { StackRun } from "../../../harness/run";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { ofType } from "../../helpers/resources";
import {
  FIXTURE_ENVIRONMENTS,
  fixtureRun,
  fixtureSharedOutputs,
  runFixture,
} from "../../helpers/stacks";

const MICRO = "arn:aws:codecommit:us-east-1:123456789012:microservices-repo";
const FLUX = "arn:aws:codecommit:us-east-1:123456789012:flux-repo";
const refs = (...r: string[]) => ({ "codecommit:References": r });

/** The Flux policies of a run, by the IAM identity they belong to (role or Git user). */
function fluxPolicies(run: StackRun): Map<string, PolicyDocument> {
  const out = new Map<string, PolicyDocument>();
  for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy"]) {
    for (const p of ofType(run, type).filter((r) => /flux/.test(r.name))) {
      out.set(p.name, JSON.parse(p.inputs.policy as string) as PolicyDocument);
    }
  }
  return out;
}

/** What no Flux identity may do, whatever it is allowed otherwise. */
function neverRows(laterBranches: readonly string[]): TableRow[] {
  return laterBranches
    .flatMap((branch): TableRow[] => [
      {
        action: "codecommit:GitPush",
        resource: MICRO,
        context: refs(`refs/heads/${branch}`),
        expect: "explicit-deny",
        why: `push ${branch}`,
      },
      {
        action: "codecommit:GitPush",
        resource: MICRO,
        context: refs("refs/heads/main", `refs/heads/${branch}`),
        expect: "explicit-deny",
        why: `push main and ${branch} at once`,
      },
      {
        action: "codecommit:DeleteBranch",
        resource: MICRO,
        context: refs(`refs/heads/${branch}`),
        expect: "explicit-deny",
        why: `delete ${branch}`,
      },
      {
        action: "codecommit:PutFile",
        resource: MICRO,
        context: refs(`refs/heads/${branch}`),
        expect: "explicit-deny",
        why: `PutFile on ${branch}`,
      },
      {
        action: "codecommit:CreateCommit",
        resource: MICRO,
        context: refs(`refs/heads/${branch}`),
        expect: "explicit-deny",
        why: `CreateCommit on ${branch}`,
      },
      {
        action: "codecommit:MergePullRequestByFastForward",
        resource: MICRO,
        context: refs(`refs/heads/${branch}`),
        expect: "explicit-deny",
        why: `merge into ${branch}`,
      },
      {
        action: "codecommit:MergeBranchesByThreeWay",
        resource: MICRO,
        context: refs(`refs/heads/${branch}`),
        expect: "explicit-deny",
        why: `merge branches into ${branch}`,
      },
    ])
    .concat(<TableRow[]>[
      {
        action: "codecommit:GitPush",
        resource: MICRO,
        context: refs("refs/heads/promotion/staging"),
        expect: "explicit-deny",
        why: "rewrite an open promotion's source",
      },
      {
        action: "codecommit:MergePullRequestBySquash",
        resource: MICRO,
        expect: "explicit-deny",
        why: "a merge without references fails closed",
      },
      {
        action: "codecommit:CreateApprovalRuleTemplate",
        resource: "*",
        expect: "explicit-deny",
        why: "create an approval template",
      },
      {
        action: "codecommit:UpdateApprovalRuleTemplateContent",
        resource: "*",
        expect: "explicit-deny",
        why: "lower the approvals needed",
      },
      {
        action: "codecommit:DisassociateApprovalRuleTemplateFromRepository",
        resource: MICRO,
        expect: "explicit-deny",
        why: "drop the template from the repository",
      },
      {
        action: "codecommit:UpdatePullRequestApprovalState",
        resource: MICRO,
        expect: "explicit-deny",
        why: "approve a promotion",
      },
      {
        action: "codecommit:OverridePullRequestApprovalRules",
        resource: MICRO,
        expect: "explicit-deny",
        why: "override the approval rules",
      },
    ]);
}

describe("components/flux: refs and approvals, allow/deny tables on the stacks' policies", () => {
  let later: string[] = [];
  let first = "";
  const runs = new Map<string, StackRun>();
  before(async () => {
    const shared = (await fixtureSharedOutputs()) as {
      promotion: { stages: { branch: string }[] };
    };
    first = shared.promotion.stages[0].branch;
    later = shared.promotion.stages.slice(1).map((s) => s.branch);
    for (const env of FIXTURE_ENVIRONMENTS) runs.set(env, await fixtureRun(env));
    runs.set(
      "staging-https",
      await runFixture("staging", { config: { fluxGitAuth: "https-credential" } }),
    );
    runs.set("dev-https", await runFixture("dev", { config: { fluxGitAuth: "https-credential" } }));
  });

  it("the shared stack's later stages sync env/<environment> branches", () => {
    assert.equal(first, "main");
    assert.deepEqual(later, ["env/staging", "env/prod"]);
  });

  it("dev's image automation pushes the first stage's branch and nothing else", () => {
    for (const run of ["dev", "dev-https"]) {
      const policies = fluxPolicies(runs.get(run)!);
      const pusher = [...policies].find(([name]) => /image-automation|codecommit/.test(name));
      assert.ok(pusher, `${run}: a Flux identity that may push`);
      const rows: TableRow[] = [
        {
          action: "codecommit:GitPush",
          resource: MICRO,
          context: refs(`refs/heads/${first}`),
          expect: "allow",
          why: "image automation commits the new tag",
        },
        {
          action: "codecommit:GitPush",
          resource: MICRO,
          expect: "allow",
          why: "git push's requests that carry no reference",
        },
        {
          action: "codecommit:GitPull",
          resource: MICRO,
          expect: "allow",
          why: "image automation clones",
        },
        {
          action: "codecommit:GitPush",
          resource: MICRO,
          context: refs("refs/heads/feature"),
          expect: "deny",
          why: "another branch",
        },
        {
          action: "codecommit:GitPush",
          resource: MICRO,
          context: refs("refs/tags/v1"),
          expect: "deny",
          why: "a tag",
        },
        {
          action: "codecommit:GitPush",
          resource: FLUX,
          context: refs(`refs/heads/${first}`),
          expect: "deny",
          why: "flux-repo, which decides what the cluster runs",
        },
        ...neverRows(later),
      ];
      assert.deepEqual(tableFailures(rows, [pusher[1]]), [], `${run} ${pusher[0]}`);
    }
  });

  it("no Flux identity of any environment writes a later stage's branch or changes approvals", () => {
    let checked = 0;
    for (const [run, r] of runs) {
      for (const [name, doc] of fluxPolicies(r)) {
        assert.deepEqual(tableFailures(neverRows(later), [doc]), [], `${run} ${name}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `${checked} Flux policies`);
  });

  it("staging's and prod's Flux may not push at all", () => {
    for (const run of ["staging", "prod", "staging-https"]) {
      for (const [name, doc] of fluxPolicies(runs.get(run)!)) {
        const rows: TableRow[] = [
          {
            action: "codecommit:GitPush",
            resource: MICRO,
            context: refs("refs/heads/main"),
            expect: "deny",
            why: "write what dev runs",
          },
        ];
        assert.deepEqual(tableFailures(rows, [doc]), [], `${run} ${name}`);
      }
    }
  });
});
