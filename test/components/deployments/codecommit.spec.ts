import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { SECRET_MASK, type RecordedResource, type StackRun } from "../../../harness/run";
import { hex, MOCK_ACCOUNT } from "../../../harness/mocks";
import { Deployments, type DeploymentsArgs } from "../../../components/deployments/deployments";
import { DeploymentsCodeCommit } from "../../../components/deployments/codecommit";
import { codeCommitPushPattern } from "../../../components/aws/codecommit-events";
import { named, ofType } from "../../helpers/resources";
import { runFixture } from "../../helpers/stacks";

const STACKS = ["shared", "dev", "staging", "prod"];
const TOKEN = "pul-0123456789abcdef-test-token";
const COMPONENT = "gitops-platform:deployments:Deployments";
const CODECOMMIT = "gitops-platform:deployments:DeploymentsCodeCommit";

describe("components/deployments-codecommit", () => {
  describe("CodeCommit host", () => {
    let run: StackRun;
    const repoArn = `arn:aws:codecommit:us-east-1:${MOCK_ACCOUNT}:platform-infra`;
    before(async () => {
      run = await runFixture("shared", {
        config: {
          deployments: { enabled: true, gitHost: "codecommit", repository: "platform-infra" },
        },
        secrets: { deploymentsApiToken: TOKEN },
      });
    });

    it("one rule per stack on its branch of the program's repository", () => {
      for (const stack of STACKS) {
        const rule = named(run, "aws:cloudwatch/eventRule:EventRule", `deployments-${stack}`);
        const branch = stack === "prod" ? "production" : "main";
        assert.deepEqual(
          JSON.parse(rule.inputs.eventPattern as string),
          codeCommitPushPattern(repoArn, branch),
        );
      }
    });

    it("one target per stack POSTs the request body to the stack's Deployments URL", () => {
      const dest = named(
        run,
        "aws:cloudwatch/eventApiDestination:EventApiDestination",
        "deployments-api",
      );
      assert.equal(
        dest.inputs.invocationEndpoint,
        "https://api.pulumi.com/api/stacks/example-org/gitops-platform/*/deployments",
      );
      assert.equal(dest.inputs.httpMethod, "POST");
      const invoker = named(run, "aws:iam/role:Role", "deployments-invoke");
      const trust = JSON.parse(invoker.inputs.assumeRolePolicy as string);
      assert.deepEqual(trust.Statement[0].Principal, { Service: "events.amazonaws.com" });
      assert.deepEqual(trust.Statement[0].Condition, {
        StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT },
      });
      const invokePolicy = named(run, "aws:iam/rolePolicy:RolePolicy", "deployments-invoke");
      assert.deepEqual(JSON.parse(invokePolicy.inputs.policy as string).Statement, [
        { Effect: "Allow", Action: "events:InvokeApiDestination", Resource: destArn(dest) },
      ]);
      for (const stack of STACKS) {
        const t = named(run, "aws:cloudwatch/eventTarget:EventTarget", `deployments-${stack}`);
        assert.equal(t.inputs.rule, `gitops-shared-deploy-${stack}`);
        assert.equal(t.inputs.arn, destArn(dest));
        assert.equal(
          t.inputs.roleArn,
          `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-shared-deploy-invoke`,
        );
        assert.equal(t.inputs.input, '{"operation":"update","inheritSettings":true}');
        assert.deepEqual(t.inputs.httpTarget, { pathParameterValues: [stack] });
      }
    });

    it("the connection sends `Authorization: token <secret>`; the token never shows in plain", () => {
      const conn = named(run, "aws:cloudwatch/eventConnection:EventConnection", "deployments-api");
      assert.equal(conn.inputs.authorizationType, "API_KEY");
      assert.equal(conn.inputs.authParameters.apiKey.key, "Authorization");
      assert.equal(conn.inputs.authParameters.apiKey.value, SECRET_MASK);
      assert.deepEqual(conn.secretInputs, ["authParameters.apiKey.value"]);
      assert.doesNotMatch(JSON.stringify(run), new RegExp(TOKEN));
      assert.equal(
        run.outputs.deploymentRoleArns && typeof run.outputs.deploymentRoleArns,
        "object",
      );
      assert.ok(!run.secretOutputs.some((o) => o.startsWith("deployment")));
    });

    it("Deployments clones over HTTPS with a pull-only Git credential kept secret", () => {
      const user = named(run, "aws:iam/user:User", "deployments-git");
      assert.equal(user.inputs.name, "gitops-shared-deploy-git");
      const pol = named(run, "aws:iam/userPolicy:UserPolicy", "deployments-git");
      assert.deepEqual(JSON.parse(pol.inputs.policy as string).Statement, [
        { Effect: "Allow", Action: "codecommit:GitPull", Resource: repoArn },
      ]);
      const cred = named(
        run,
        "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
        "deployments-git",
      );
      assert.equal(cred.inputs.serviceName, "codecommit.amazonaws.com");
      for (const stack of STACKS) {
        const s = named(run, "pulumiservice:index:DeploymentSettings", `deployments-${stack}`);
        assert.deepEqual(s.inputs.sourceContext, {
          git: {
            branch: stack === "prod" ? "refs/heads/production" : "refs/heads/main",
            repoUrl: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/platform-infra",
            gitAuth: {
              basicAuth: {
                username: `gitops-shared-deploy-git-at-${MOCK_ACCOUNT}`,
                password: SECRET_MASK,
              },
            },
          },
        });
        assert.ok(s.secretInputs.includes("sourceContext.git.gitAuth.basicAuth.password"));
        assert.equal(s.inputs.vcs, undefined);
      }
    });

    it("only the delivery stack's deployments run with the API token, as a secret", () => {
      const envOf = (stack: string) =>
        named(run, "pulumiservice:index:DeploymentSettings", `deployments-${stack}`);
      const shared = envOf("shared");
      assert.equal(
        shared.inputs.operationContext.environmentVariables.PULUMI_ACCESS_TOKEN,
        SECRET_MASK,
      );
      assert.ok(
        shared.secretInputs.includes("operationContext.environmentVariables.PULUMI_ACCESS_TOKEN"),
      );
      for (const stack of ["dev", "staging", "prod"]) {
        assert.deepEqual(Object.keys(envOf(stack).inputs.operationContext.environmentVariables), [
          "AWS_REGION",
          "PULUMI_NODEJS_TRANSPILE_ONLY",
        ]);
      }
    });

    it("the CodeCommit pieces hang under their own component, with their former names", () => {
      const [deployments] = ofType(run, COMPONENT);
      const [codecommit] = ofType(run, CODECOMMIT);
      assert.equal(ofType(run, CODECOMMIT).length, 1);
      assert.equal(codecommit.name, "deployments");
      assert.equal(codecommit.parent, deployments.urn);
      const children = run.resources.filter((r) => r.parent === codecommit.urn);
      assert.deepEqual(
        children.map((c) => `${c.type} ${c.name}`).sort(),
        [
          ...STACKS.flatMap((s) => [
            `aws:cloudwatch/eventRule:EventRule deployments-${s}`,
            `aws:cloudwatch/eventTarget:EventTarget deployments-${s}`,
          ]),
          "aws:cloudwatch/eventApiDestination:EventApiDestination deployments-api",
          "aws:cloudwatch/eventConnection:EventConnection deployments-api",
          "aws:iam/role:Role deployments-invoke",
          "aws:iam/rolePolicy:RolePolicy deployments-invoke",
          "aws:iam/serviceSpecificCredential:ServiceSpecificCredential deployments-git",
          "aws:iam/user:User deployments-git",
          "aws:iam/userPolicy:UserPolicy deployments-git",
        ].sort(),
      );
      for (const c of children) assert.match(c.provider ?? "", /pulumi:providers:aws::aws::/);
    });
  });

  describe("component alone", () => {
    const args: DeploymentsArgs = {
      organization: "Acme",
      project: "p",
      region: "eu-west-1",
      namePrefix: "x",
      deliveryStack: "shared",
      stacks: ["shared", "prod"],
      prodStacks: ["prod"],
      branch: "main",
      prodBranch: "production",
      repoDir: "",
      gitHost: "codecommit",
      repository: "infra",
      apiToken: "t",
      repositories: { flux: "f", microservices: "m", app: "a" },
      imageRepositories: ["svc"],
    };

    it("aliases each child to the Deployments parent that declared it before: no replacement", async () => {
      const seen: pulumi.ResourceTransformationArgs[] = [];
      let deployments: Deployments | undefined;
      await runFixture("shared", {
        stackOutputs: {},
        program: () => {
          deployments = new Deployments("d", args, {
            transformations: [(a) => void seen.push(a)],
          });
          return {};
        },
      });
      const codecommit = seen.filter((a) => a.resource instanceof DeploymentsCodeCommit);
      assert.equal(codecommit.length, 1);
      assert.equal(codecommit[0].opts.parent, deployments);
      const moved = seen.filter((a) => a.opts.parent === codecommit[0].resource);
      assert.deepEqual(
        moved.map((a) => a.name),
        ["d-git", "d-git", "d-git", "d-api", "d-api", "d-invoke", "d-invoke"].concat(
          ["shared", "prod"].flatMap((s) => [`d-${s}`, `d-${s}`]),
        ),
      );
      for (const a of moved) assert.deepEqual(a.opts.aliases, [{ parent: deployments }]);
      const stayed = seen.filter((a) => a.opts.parent === deployments);
      assert.ok(stayed.length > 1);
      for (const a of stayed) assert.equal(a.opts.aliases, undefined, `${a.type} ${a.name}`);
    });
  });
});

function destArn(dest: RecordedResource): string {
  // The mock's ARN shape, with its deterministic suffix (harness/mocks.ts).
  const name = dest.inputs.name as string;
  return `arn:aws:events:us-east-1:${MOCK_ACCOUNT}:api-destination/${name}/${hex(dest.name, 8)}`;
}
