import * as assert from "node:assert/strict";
import { type StackRun } from "../../../harness/run";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { Deployments, type DeploymentsArgs } from "../../../components/deployments/deployments";
import { deploymentPaths } from "../../../components/deployments/policy";
import { environmentBoundary } from "../../../components/deployments/boundary";
import { deliveryPolicy } from "../../../components/deployments/delivery-policy";
import {
  ENVIRONMENT_POLICY_PARTS,
  environmentDocuments,
} from "../../../components/deployments/environment-documents";
import { named, ofType } from "../../helpers/resources";
import { fixtureRun, runFixture } from "../../helpers/stacks";

const STACKS = ["shared", "dev", "staging", "prod"];
// Never `preview`: a pull request's program must not get a stack's credentials.
const ALL_OPS = ["update", "refresh", "destroy"];
const CTX = { partition: "aws", accountId: MOCK_ACCOUNT };
const COMPONENT = "gitops-platform:deployments:Deployments";

const roleArn = (stack: string) =>
  `arn:aws:iam::${MOCK_ACCOUNT}:role/pulumi-deployments/gitops-shared-deploy-${stack}`;

describe("components/deployments", () => {
  describe("disabled (the default)", () => {
    let run: StackRun;
    before(async () => (run = await fixtureRun("shared")));

    it("declares nothing and exports nothing", () => {
      assert.deepEqual(
        run.resources.filter(
          (r) =>
            r.type === COMPONENT || r.type.startsWith("pulumiservice:") || /oidc/i.test(r.type),
        ),
        [],
      );
      assert.equal(run.outputs.deploymentRoleArns, undefined);
    });
  });

  describe("GitHub host", () => {
    let run: StackRun;
    before(async () => {
      run = await runFixture("shared", {
        config: {
          deployments: { enabled: true, repository: "acme/platform", repoDir: "infra" },
        },
      });
    });

    it("registers the Pulumi OIDC provider once, for the lowercase org", () => {
      const [oidc] = ofType(run, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
      assert.equal(ofType(run, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 1);
      assert.deepEqual(oidc.inputs.clientIdLists, ["example-org"]);
      assert.equal(oidc.inputs.url, "https://api.pulumi.com/oidc");
      assert.equal(oidc.protect, true, "shared protects by default: every deployment needs it");
      assert.equal(
        run.outputs.deploymentsOidcProviderArn,
        `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/api.pulumi.com/oidc`,
      );
    });

    it("gives each stack a role trusting only its own subjects; prod without destroy", () => {
      for (const stack of STACKS) {
        const role = named(run, "aws:iam/role:Role", `deployments-${stack}`);
        assert.equal(role.inputs.name, `gitops-shared-deploy-${stack}`);
        assert.equal(role.inputs.path, "/pulumi-deployments/");
        assert.equal(role.inputs.maxSessionDuration, 7200);
        const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
        const cond = trust.Statement[0].Condition.StringEquals;
        assert.equal(cond["api.pulumi.com/oidc:aud"], "example-org");
        const ops = stack === "prod" ? ["update", "refresh"] : ALL_OPS;
        assert.deepEqual(
          cond["api.pulumi.com/oidc:sub"],
          ops.map(
            (op) =>
              `pulumi:deploy:org:example-org:project:gitops-platform:stack:${stack}:operation:${op}:scope:write`,
          ),
        );
      }
      assert.deepEqual(
        run.outputs.deploymentRoleArns,
        Object.fromEntries(STACKS.map((s) => [s, roleArn(s)])),
      );
    });

    it("delivery role: its listed policy, no boundary; environments: their managed policies under their own boundary", () => {
      const shared = named(run, "aws:iam/role:Role", "deployments-shared");
      assert.equal(shared.inputs.permissionsBoundary, undefined);
      assert.deepEqual(
        JSON.parse(named(run, "aws:iam/rolePolicy:RolePolicy", "deployments-shared").inputs.policy),
        deliveryPolicy({
          ...CTX,
          region: "us-east-1",
          namePrefix: "gitops-shared",
          repositories: ["flux-repo", "microservices-repo", "app-repo"],
          microservicesRepository: "microservices-repo",
          imageRepositories: run.resources
            .filter((r) => r.type === "aws:ecr/repository:Repository")
            .map((r) => r.inputs.name as string),
        }),
      );
      const policyArn = (name: string) =>
        `arn:aws:iam::${MOCK_ACCOUNT}:policy/pulumi-deployments/${name}`;
      const repo = (n: string) => `arn:aws:codecommit:us-east-1:${MOCK_ACCOUNT}:${n}`;
      for (const stack of ["dev", "staging", "prod"]) {
        const scope = {
          ...CTX,
          environment: stack,
          boundaryArn: policyArn(`gitops-shared-boundary-${stack}`),
          feedbackKeyParameter: `/gitops-shared/deployment-feedback/keys/${stack}`,
          clusterName: `gitops-${stack}`,
          namePrefix: `gitops-${stack}`,
        };
        const boundary = named(run, "aws:iam/policy:Policy", `deployments-${stack}-boundary`);
        assert.equal(boundary.inputs.name, `gitops-shared-boundary-${stack}`);
        assert.equal(boundary.inputs.path, "/pulumi-deployments/");
        assert.deepEqual(
          JSON.parse(boundary.inputs.policy as string),
          environmentBoundary({
            ...scope,
            deliveryStack: "shared",
            gitPullRepositoryArns: [repo("flux-repo"), repo("microservices-repo")],
            gitPushRepositoryArns: [repo("microservices-repo")],
            namePrefix: `gitops-${stack}`,
            feedbackKeyParameter: `/gitops-shared/deployment-feedback/keys/${stack}`,
          }),
        );
        const role = named(run, "aws:iam/role:Role", `deployments-${stack}`);
        assert.equal(role.inputs.permissionsBoundary, scope.boundaryArn);
        for (const part of ENVIRONMENT_POLICY_PARTS) {
          const policy = named(run, "aws:iam/policy:Policy", `deployments-${stack}-${part}`);
          assert.equal(policy.inputs.name, `gitops-shared-deploy-${stack}-${part}`);
          assert.deepEqual(
            JSON.parse(policy.inputs.policy as string),
            environmentDocuments(scope)[part],
          );
          const attach = named(
            run,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            `deployments-${stack}-${part}`,
          );
          assert.equal(attach.inputs.policyArn, policyArn(`gitops-shared-deploy-${stack}-${part}`));
          assert.equal(attach.inputs.role, `gitops-shared-deploy-${stack}`);
        }
      }
      assert.equal(
        ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length,
        3 * ENVIRONMENT_POLICY_PARTS.length,
      );
      assert.deepEqual(
        ofType(run, "aws:iam/rolePolicy:RolePolicy")
          .map((p) => p.name)
          .filter((n) => n.startsWith("deployments-")),
        ["deployments-shared"],
        "environment roles have no inline policy",
      );
      assert.deepEqual(
        run.outputs.deploymentBoundaryArns,
        Object.fromEntries(
          ["dev", "staging", "prod"].map((s) => [s, policyArn(`gitops-shared-boundary-${s}`)]),
        ),
      );
    });

    it("deployment settings: branch per stack, program folder, push trigger with path filters", () => {
      for (const stack of STACKS) {
        const s = named(run, "pulumiservice:index:DeploymentSettings", `deployments-${stack}`);
        assert.deepEqual(s.inputs.sourceContext, {
          git: {
            branch: stack === "prod" ? "refs/heads/production" : "refs/heads/main",
            repoDir: "infra",
          },
        });
        assert.deepEqual(s.inputs.vcs, {
          provider: "github",
          repository: "acme/platform",
          deployCommits: true,
          previewPullRequests: false,
          pullRequestTemplate: false,
          paths: deploymentPaths(stack, STACKS, "infra"),
        });
        assert.equal(s.inputs.github, undefined, "the deprecated github block is not used");
        assert.deepEqual(s.inputs.operationContext, {
          oidc: {
            aws: {
              roleARN: roleArn(stack),
              sessionName: `pulumi-deploy-${stack}`,
              duration: "2h0m0s",
            },
          },
          preRunCommands: ["if [ ! -f package-lock.json ]; then cd 'infra'; fi && npm ci"],
          environmentVariables: { AWS_REGION: "us-east-1", PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
          options: { skipInstallDependencies: true, skipIntermediateDeployments: true },
        });
        assert.deepEqual(
          [s.inputs.organization, s.inputs.project, s.inputs.stack],
          ["example-org", "gitops-platform", stack],
        );
      }
    });

    it("children hang under the component, AWS ones through the stack's aws provider", () => {
      const component = ofType(run, COMPONENT);
      assert.equal(component.length, 1);
      const children = run.resources.filter((r) => r.parent === component[0].urn);
      assert.ok(children.length >= 13);
      for (const c of children) {
        assert.match(c.name, /^deployments-/);
        if (c.type.startsWith("aws:"))
          assert.match(c.provider ?? "", /pulumi:providers:aws::aws::/);
      }
      const kinds = new Set(children.map((c) => c.type));
      assert.ok(!kinds.has("aws:cloudwatch/eventRule:EventRule"), "no EventBridge trigger");
      assert.ok(!kinds.has("aws:iam/user:User"), "no Git credential");
    });
  });

  describe("component alone", () => {
    const base: DeploymentsArgs = {
      organization: "Acme",
      project: "p",
      region: "eu-west-1",
      namePrefix: "x",
      deliveryStack: "shared",
      stacks: ["shared"],
      prodStacks: [],
      branch: "main",
      prodBranch: "production",
      repoDir: "",
      gitHost: "github",
      repository: "acme/p",
      repositories: { flux: "f", microservices: "m", app: "a" },
      imageRepositories: ["svc"],
    };
    const alone = (args: DeploymentsArgs) =>
      runFixture("shared", {
        stackOutputs: {},
        program: () => {
          const d = new Deployments("d", args);
          return { roles: d.roleArns };
        },
      });

    it("reuses a given OIDC provider, and needs no boundary without runtime stacks", async () => {
      const arn = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
      const run = await alone({ ...base, oidcProviderArn: arn });
      assert.deepEqual(ofType(run, "aws:iam/openIdConnectProvider:OpenIdConnectProvider"), []);
      assert.deepEqual(ofType(run, "aws:iam/policy:Policy"), []);
      const role = named(run, "aws:iam/role:Role", "d-shared");
      assert.equal(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal.Federated, arn);
      assert.equal(
        JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals[
          "api.pulumi.com/oidc:aud"
        ],
        "acme",
      );
    });

    it("refuses the CodeCommit host without a token", async () => {
      await assert.rejects(
        alone({ ...base, gitHost: "codecommit", repository: "infra" }),
        /^Error: d: the CodeCommit host needs apiToken for the Deployments REST API$/,
      );
    });
  });

  describe("settings errors", () => {
    it("the CodeCommit host without an API token fails before any resource", async () => {
      await assert.rejects(
        runFixture("shared", {
          config: { deployments: { enabled: true, gitHost: "codecommit", repository: "r" } },
        }),
        (e: Error) =>
          e.message.includes(
            "gitops-platform:deploymentsApiToken = (not set): the CodeCommit host needs a Pulumi access token to call the Deployments REST API. Run: pulumi config set --secret deploymentsApiToken <token> -s shared.",
          ),
      );
    });

    it("a prod stack outside deployments.stacks is refused", async () => {
      await assert.rejects(
        runFixture("shared", {
          config: {
            deployments: { enabled: true, repository: "acme/platform", prodStacks: ["live"] },
          },
        }),
        (e: Error) =>
          e.message.includes(
            'gitops-platform:deployments.prodStacks = ["live"]: every prod stack must be one of deployments.stacks. List stacks such as [prod] that are also in deployments.stacks.',
          ),
      );
    });
  });
});
