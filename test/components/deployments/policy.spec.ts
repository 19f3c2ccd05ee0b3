import * as assert from "node:assert/strict";
import { minimatch } from "minimatch";
import {
  allowedOperations,
  apiAuthValue,
  branchRef,
  codeCommitCloneUrl,
  deliveryPolicy,
  deploymentPaths,
  deploymentRequestBody,
  deploymentTrustPolicy,
  deploymentUrl,
  deploymentUrlTemplate,
  oidcAudience,
  oidcSubject,
  preRunCommands,
  runtimeBoundary,
  runtimeIamPolicy,
} from "../../../components/deployments/policy";
import { codeCommitPushPattern } from "../../../components/aws/codecommit-events";
import { matches } from "../../helpers/event-pattern";

const ID = { organization: "Example-Org", project: "gitops-platform", stack: "prod" };
const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
const CTX = { partition: "aws", accountId: "123456789012" };
const REPO_ARN = "arn:aws:codecommit:us-east-1:123456789012:platform-infra";

/** A referenceUpdated event shaped like the CodeCommit user guide's sample. */
function pushEvent(over: { event?: string; branch?: string; repo?: string; type?: string } = {}) {
  const repo = over.repo ?? "platform-infra";
  const branch = over.branch ?? "main";
  return {
    version: "0",
    id: "01234567-0123-0123-0123-0123456789ab",
    "detail-type": "CodeCommit Repository State Change",
    source: "aws.codecommit",
    account: "123456789012",
    time: "2026-11-23T10:23:43Z",
    region: "us-east-1",
    resources: [`arn:aws:codecommit:us-east-1:123456789012:${repo}`],
    detail: {
      callerUserArn: "arn:aws:iam::123456789012:user/dev",
      commitId: "7f1e9a0c2b4d6e8f0a1b3c5d7e9f1a2b3c4d5e6f",
      event: over.event ?? "referenceUpdated",
      mergeOption: "FAST_FORWARD_MERGE",
      oldCommitId: "3e5983b1c1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6",
      baseCommitId: "3e5983b1c1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6",
      referenceFullName: `refs/heads/${branch}`,
      referenceName: branch,
      referenceType: over.type ?? "branch",
      repositoryId: "12345678-1234-5678-abcd-12345678abcd",
      repositoryName: repo,
    },
  };
}

describe("components/deployments/policy", () => {
  describe("OIDC trust", () => {
    it("audience is the lowercase org; subject names org, project, stack, operation, scope", () => {
      assert.equal(oidcAudience("Example-Org"), "example-org");
      assert.equal(
        oidcSubject(ID, "update"),
        "pulumi:deploy:org:Example-Org:project:gitops-platform:stack:prod:operation:update:scope:write",
      );
    });

    it("prod stacks refuse destroy; the others accept every operation", () => {
      assert.deepEqual(allowedOperations(true), ["preview", "update", "refresh"]);
      assert.deepEqual(allowedOperations(false), ["preview", "update", "refresh", "destroy"]);
    });

    it("trusts only the Pulumi provider, with exact aud and one exact sub per operation", () => {
      const doc = JSON.parse(
        JSON.stringify(deploymentTrustPolicy(PROVIDER, ID, allowedOperations(true))),
      );
      const sub = (op: string) =>
        `pulumi:deploy:org:Example-Org:project:gitops-platform:stack:prod:operation:${op}:scope:write`;
      assert.deepEqual(doc, {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: PROVIDER },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: {
                "api.pulumi.com/oidc:aud": "example-org",
                "api.pulumi.com/oidc:sub": [sub("preview"), sub("update"), sub("refresh")],
              },
            },
          },
        ],
      });
      assert.doesNotMatch(JSON.stringify(doc), /StringLike|\*/);
    });

    it("refuses to build a trust that allows nothing", () => {
      assert.throws(
        () => deploymentTrustPolicy(PROVIDER, ID, []),
        /^Error: stack 'prod': no operation allowed$/,
      );
    });
  });

  describe("permissions", () => {
    it("delivery: its services, connection secrets of this account only, caller identity", () => {
      const doc = deliveryPolicy(CTX);
      assert.deepEqual(doc.Statement[0].Action, [
        "codecommit:*",
        "ecr:*",
        "codebuild:*",
        "codepipeline:*",
        "s3:*",
        "kms:*",
        "logs:*",
        "events:*",
        "iam:*",
        "lambda:*",
        "dynamodb:*",
      ]);
      assert.equal(
        doc.Statement[1].Resource,
        "arn:aws:secretsmanager:*:123456789012:secret:events!connection/*",
      );
      assert.deepEqual(doc.Statement[2], {
        Sid: "Identity",
        Effect: "Allow",
        Action: "sts:GetCallerIdentity",
        Resource: "*",
      });
      assert.ok(!doc.Statement.some((s) => s.Action === "*"), "no blanket admin");
    });

    it("runtime boundary: fences off the Deployments roles, policies, provider and static keys", () => {
      const doc = runtimeBoundary(CTX);
      assert.deepEqual(doc.Statement[0], {
        Sid: "Ceiling",
        Effect: "Allow",
        Action: "*",
        Resource: "*",
      });
      assert.deepEqual(doc.Statement[1].Resource, [
        "arn:aws:iam::123456789012:role/pulumi-deployments/*",
        "arn:aws:iam::123456789012:policy/pulumi-deployments/*",
        "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc",
      ]);
      assert.equal(doc.Statement[1].Effect, "Deny");
      for (const a of ["iam:Put*", "iam:Update*", "iam:Attach*", "iam:Delete*"]) {
        assert.ok((doc.Statement[1].Action as string[]).includes(a), a);
      }
      assert.deepEqual(doc.Statement[2], {
        Sid: "NoStaticCredentials",
        Effect: "Deny",
        Action: ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"],
        Resource: "*",
      });
      assert.deepEqual(runtimeIamPolicy().Statement, [
        { Sid: "ClusterIam", Effect: "Allow", Action: "iam:*", Resource: "*" },
      ]);
    });
  });

  describe("GitHub path filters", () => {
    const stacks = ["shared", "dev", "staging", "prod"];
    /** Path-filter semantics: a file counts when an include matches and no exclude does. */
    const triggered = (changed: string[], repoDir = "") =>
      stacks.filter((stack) => {
        const paths = deploymentPaths(stack, stacks, repoDir);
        const inc = paths.filter((p) => !p.startsWith("!"));
        const exc = paths.filter((p) => p.startsWith("!")).map((p) => p.slice(1));
        return changed.some(
          (f) => inc.some((p) => minimatch(f, p)) && !exc.some((p) => minimatch(f, p)),
        );
      });

    it("lists shared code, the stack's own file, and excludes every other stack's file", () => {
      assert.deepEqual(deploymentPaths("prod", stacks, ""), [
        "Pulumi.yaml",
        "index.ts",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "components/**",
        "stacks/**",
        "gitops/**",
        "Pulumi.prod.yaml",
        "!Pulumi.shared.yaml",
        "!Pulumi.dev.yaml",
        "!Pulumi.staging.yaml",
      ]);
    });

    it("prefixes every path, excludes included, with the program's folder", () => {
      const paths = deploymentPaths("dev", ["dev", "prod"], "infra/");
      assert.equal(paths[0], "infra/Pulumi.yaml");
      assert.equal(paths.at(-2), "infra/Pulumi.dev.yaml");
      assert.equal(paths.at(-1), "!infra/Pulumi.prod.yaml");
    });

    it("a change to Pulumi.prod.yaml deploys only prod; shared code deploys all", () => {
      assert.deepEqual(triggered(["Pulumi.prod.yaml"]), ["prod"]);
      assert.deepEqual(triggered(["Pulumi.dev.yaml", "README.md"]), ["dev"]);
      assert.deepEqual(triggered(["components/deployments/deployments.ts"]), stacks);
      assert.deepEqual(triggered(["package-lock.json"]), stacks);
      assert.deepEqual(triggered(["gitops/flux-repo/clusters/dev/kustomization.yaml"]), stacks);
      assert.deepEqual(triggered(["README.md", "test/components/x.spec.ts", "harness/run.ts"]), []);
      assert.deepEqual(triggered(["infra/Pulumi.prod.yaml"], "infra"), ["prod"]);
      assert.deepEqual(triggered(["Pulumi.prod.yaml"], "infra"), []);
    });
  });

  describe("CodeCommit trigger", () => {
    it("builds the pattern for one repository and branch", () => {
      assert.deepEqual(codeCommitPushPattern(REPO_ARN, "production"), {
        source: ["aws.codecommit"],
        "detail-type": ["CodeCommit Repository State Change"],
        resources: [REPO_ARN],
        detail: {
          event: ["referenceCreated", "referenceUpdated"],
          referenceType: ["branch"],
          referenceName: ["production"],
        },
      });
    });

    it("matches a push to the branch, and not other branches, repos, tags or event types", () => {
      const main = JSON.parse(JSON.stringify(codeCommitPushPattern(REPO_ARN, "main")));
      const prod = JSON.parse(JSON.stringify(codeCommitPushPattern(REPO_ARN, "production")));
      assert.equal(matches(main, pushEvent()), true);
      assert.equal(matches(main, pushEvent({ event: "referenceCreated" })), true);
      assert.equal(matches(prod, pushEvent()), false);
      assert.equal(matches(prod, pushEvent({ branch: "production" })), true);
      assert.equal(matches(main, pushEvent({ branch: "main-old" })), false);
      assert.equal(matches(main, pushEvent({ branch: "feature/main" })), false);
      assert.equal(matches(main, pushEvent({ repo: "app-repo" })), false);
      assert.equal(matches(main, pushEvent({ event: "referenceDeleted" })), false);
      assert.equal(matches(main, pushEvent({ type: "tag" })), false);
      const pr = { ...pushEvent(), detail: { ...pushEvent().detail, event: "pullRequestCreated" } };
      assert.equal(matches(main, pr), false);
      assert.equal(matches(main, { ...pushEvent(), source: "aws.codebuild" }), false);
    });

    it("the matcher itself follows the documented semantics", () => {
      const ev = { a: "Hello", n: 5, list: ["x", "y"], o: { k: null } };
      assert.equal(matches({ a: [{ prefix: "He" }] }, ev), true);
      assert.equal(
        matches({ a: [{ suffix: "lo" }], n: [{ numeric: [">", 1, "<=", 5] }] }, ev),
        true,
      );
      assert.equal(matches({ a: [{ "anything-but": ["Hello"] }] }, ev), false);
      assert.equal(matches({ a: [{ "equals-ignore-case": "hello" }] }, ev), true);
      assert.equal(matches({ list: ["y"] }, ev), true);
      assert.equal(matches({ missing: [{ exists: false }] }, ev), true);
      assert.equal(matches({ missing: ["x"] }, ev), false);
      assert.equal(matches({ o: { k: [null] } }, ev), true);
      assert.equal(matches({ $or: [{ a: ["no"] }, { n: [5] }] }, ev), true);
      assert.throws(() => matches({ a: [{ wildcard: "H*" }] }, ev), /operator 'wildcard'/);
    });

    it("calls the Create Deployment endpoint with the stack's own settings", () => {
      assert.equal(
        deploymentUrl(ID),
        "https://api.pulumi.com/api/stacks/Example-Org/gitops-platform/prod/deployments",
      );
      const template = deploymentUrlTemplate("Example-Org", "gitops-platform");
      assert.equal(
        template,
        "https://api.pulumi.com/api/stacks/Example-Org/gitops-platform/*/deployments",
      );
      // EventBridge fills each `*` with the target's pathParameterValues, in order.
      assert.equal(template.replace("*", "prod"), deploymentUrl(ID));
      assert.equal(
        JSON.stringify(deploymentRequestBody()),
        '{"operation":"update","inheritSettings":true}',
      );
      assert.equal(apiAuthValue("pul-abc"), "token pul-abc");
    });

    it("pre-run commands install the lock file, from the program's folder", () => {
      assert.deepEqual(preRunCommands(""), ["npm ci"]);
      assert.deepEqual(preRunCommands("infra/"), [
        "if [ ! -f package-lock.json ]; then cd 'infra'; fi && npm ci",
      ]);
    });

    it("clones over HTTPS and checks out the full branch ref", () => {
      assert.equal(
        codeCommitCloneUrl("eu-west-1", "platform-infra"),
        "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/platform-infra",
      );
      assert.equal(branchRef("production"), "refs/heads/production");
    });
  });
});
