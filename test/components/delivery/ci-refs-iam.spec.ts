/**
 * Allow/deny tables over the CI roles' policies as the shared stack writes them (each service's
 * CodeBuild and CodePipeline roles, the build router): CI builds images, it never writes what a
 * later promotion stage syncs, merges into it, or changes approval rules.
 */
import * as assert from "node:assert/strict";
import type { PolicyDocument } from "../../../components/aws";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { ofType } from "../../helpers/resources";
import { fixtureRun, fixtureSharedOutputs } from "../../helpers/stacks";

const repo = (name: string) => `arn:aws:codecommit:us-east-1:${MOCK_ACCOUNT}:${name}`;
const refs = (...r: string[]) => ({ "codecommit:References": r });

describe("components/delivery: CI roles and the promotion branches (allow/deny tables)", () => {
  const ci = new Map<string, PolicyDocument>();
  let later: string[] = [];
  before(async () => {
    const shared = await fixtureRun("shared");
    for (const p of ofType(shared, "aws:iam/rolePolicy:RolePolicy")) {
      if (/^(pipeline-.+-(build|pipeline)|build-router)$/.test(p.name)) {
        ci.set(p.name, JSON.parse(p.inputs.policy as string) as PolicyDocument);
      }
    }
    const outputs = (await fixtureSharedOutputs()) as {
      promotion: { stages: { branch: string }[] };
    };
    later = outputs.promotion.stages.slice(1).map((s) => s.branch);
  });

  it("finds every CI role: two per service and the router", () => {
    assert.deepEqual([...ci.keys()].sort(), [
      "build-router",
      "pipeline-catalogue-build",
      "pipeline-catalogue-pipeline",
      "pipeline-front-end-build",
      "pipeline-front-end-pipeline",
    ]);
  });

  it("no CI role writes, merges into or deletes a later stage's branch, or touches approvals", () => {
    const rows: TableRow[] = [
      ...later.flatMap((branch): TableRow[] =>
        ["microservices-repo", "flux-repo", "app-repo"].flatMap((r): TableRow[] => [
          {
            action: "codecommit:GitPush",
            resource: repo(r),
            context: refs(`refs/heads/${branch}`),
            expect: "explicit-deny",
            why: `push ${branch} of ${r}`,
          },
          {
            action: "codecommit:PutFile",
            resource: repo(r),
            context: refs(`refs/heads/${branch}`),
            expect: "explicit-deny",
            why: `PutFile on ${branch} of ${r}`,
          },
          {
            action: "codecommit:MergePullRequestByThreeWay",
            resource: repo(r),
            context: refs(`refs/heads/${branch}`),
            expect: "explicit-deny",
            why: `merge into ${branch} of ${r}`,
          },
          {
            action: "codecommit:DeleteBranch",
            resource: repo(r),
            context: refs(`refs/heads/${branch}`),
            expect: "explicit-deny",
            why: `delete ${branch} of ${r}`,
          },
        ]),
      ),
      {
        action: "codecommit:GitPush",
        resource: repo("microservices-repo"),
        context: refs("refs/heads/promotion/prod"),
        expect: "explicit-deny",
        why: "rewrite an open promotion",
      },
      {
        action: "codecommit:CreateCommit",
        resource: repo("microservices-repo"),
        expect: "explicit-deny",
        why: "a commit naming no branch fails closed",
      },
      {
        action: "codecommit:UpdateApprovalRuleTemplateContent",
        resource: "*",
        expect: "explicit-deny",
        why: "lower the approvals",
      },
      {
        action: "codecommit:AssociateApprovalRuleTemplateWithRepository",
        resource: repo("microservices-repo"),
        expect: "explicit-deny",
        why: "associate a template",
      },
      {
        action: "codecommit:UpdatePullRequestApprovalState",
        resource: repo("microservices-repo"),
        expect: "explicit-deny",
        why: "approve a promotion",
      },
      {
        action: "codecommit:OverridePullRequestApprovalRules",
        resource: repo("microservices-repo"),
        expect: "explicit-deny",
        why: "override approvals",
      },
      {
        action: "codecommit:GitPush",
        resource: repo("microservices-repo"),
        context: refs("refs/heads/main"),
        expect: "deny",
        why: "write what dev runs",
      },
    ];
    for (const [name, doc] of ci) assert.deepEqual(tableFailures(rows, [doc]), [], name);
  });

  it("the guard takes nothing from what CI needs", () => {
    const allowed: [string, TableRow][] = [
      [
        "build-router",
        {
          action: "codecommit:GitPull",
          resource: repo("app-repo"),
          expect: "allow",
          why: "clone app-repo",
        },
      ],
      [
        "pipeline-front-end-pipeline",
        {
          action: "codecommit:GetBranch",
          resource: repo("app-repo"),
          expect: "allow",
          why: "read the source",
        },
      ],
      [
        "pipeline-front-end-pipeline",
        {
          action: "codecommit:UploadArchive",
          resource: repo("app-repo"),
          expect: "allow",
          why: "archive the source",
        },
      ],
      [
        "pipeline-front-end-build",
        {
          action: "ecr:GetAuthorizationToken",
          resource: "*",
          expect: "allow",
          why: "log in to ECR",
        },
      ],
    ];
    for (const [name, row] of allowed)
      assert.deepEqual(tableFailures([row], [ci.get(name)!]), [], name);
  });
});
