/**
 * The deployment-feedback resources as the stacks declare them (recording mocks): the connector
 * in the shared stack, each environment's key, Flux's bootstrap waiting for Ready, and the
 * outputs a person uses to check delivery.
 */
import * as assert from "node:assert/strict";
import { bundleConnector, CONNECTOR_RUNTIME } from "../../../components/feedback/bundle";
import { feedbackAddress, FEEDBACK_SECRET_NAME } from "../../../components/feedback/names";
import { CONNECTOR_ENVIRONMENT } from "../../../connector/src/config";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import type { StackRun } from "../../../harness/run";
import { settingsProblems } from "../../helpers/settings";
import { named, ofType, one } from "../../helpers/resources";
import { fixtureRun, runFixture } from "../../helpers/stacks";

const ARN = (service: string, rest: string) =>
  `arn:aws:${service}:us-east-1:${MOCK_ACCOUNT}:${rest}`;

describe("components/feedback: the connector in the shared stack", () => {
  let shared: StackRun;
  before(async () => {
    shared = await fixtureRun("shared");
  });

  it("declares the function, its URL, table, role, policy, log group and URL grants", () => {
    const children = shared.resources.filter((r) =>
      r.parent?.endsWith("gitops-platform:feedback:DeploymentConnector::deployment-feedback"),
    );
    assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
      "aws:cloudwatch/logGroup:LogGroup deployment-feedback-logs",
      "aws:dynamodb/table:Table deployment-feedback-ledger",
      "aws:iam/role:Role deployment-feedback-role",
      "aws:iam/rolePolicy:RolePolicy deployment-feedback-policy",
      "aws:lambda/function:Function deployment-feedback-function",
      "aws:lambda/functionUrl:FunctionUrl deployment-feedback-url",
      "aws:lambda/permission:Permission deployment-feedback-url-invoke",
      "aws:lambda/permission:Permission deployment-feedback-url-public",
    ]);
  });

  it("runs the bundled connector on Node 22, arm64, with its table, key prefix and repositories", () => {
    const fn = named(shared, "aws:lambda/function:Function", "deployment-feedback-function").inputs;
    assert.deepEqual(
      [fn.name, fn.runtime, fn.architectures, fn.handler, fn.memorySize, fn.timeout],
      ["gitops-shared-deployment-feedback", CONNECTOR_RUNTIME, ["arm64"], "index.handler", 256, 20],
    );
    assert.equal(CONNECTOR_RUNTIME, "nodejs22.x");
    assert.deepEqual(fn.environment.variables, {
      [CONNECTOR_ENVIRONMENT.table]: "gitops-shared-deployments",
      [CONNECTOR_ENVIRONMENT.keyParameterPrefix]: "/gitops-shared/deployment-feedback/keys/",
      [CONNECTOR_ENVIRONMENT.repositories]: "flux-repo,microservices-repo",
      [CONNECTOR_ENVIRONMENT.ecrRegistry]: `${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`,
    });
    // One file, the esbuild bundle (tested in test/connector/bundle.spec.ts), not a closure.
    assert.deepEqual(fn.code, { archive: { "index.js": { asset: "(text)" } } });
    assert.ok(bundleConnector().bytes > 100_000);
    assert.deepEqual(fn.loggingConfig, {
      logFormat: "Text",
      logGroup: "/aws/lambda/gitops-shared-deployment-feedback",
    });
  });

  it("keeps the ledger on demand, encrypted, recoverable and protected (shared protects)", () => {
    const table = named(shared, "aws:dynamodb/table:Table", "deployment-feedback-ledger");
    assert.deepEqual(
      [
        table.inputs.billingMode,
        table.inputs.hashKey,
        table.inputs.rangeKey,
        table.inputs.serverSideEncryption,
        table.inputs.pointInTimeRecovery,
        table.inputs.deletionProtectionEnabled,
        table.protect,
      ],
      ["PAY_PER_REQUEST", "pk", "sk", { enabled: true }, { enabled: true }, true, true],
    );
  });

  it("opens the URL to anyone only through the URL: the handler's signature check authenticates", () => {
    const url = named(
      shared,
      "aws:lambda/functionUrl:FunctionUrl",
      "deployment-feedback-url",
    ).inputs;
    assert.deepEqual([url.authorizationType, url.invokeMode], ["NONE", "BUFFERED"]);
    const grants = ofType(shared, "aws:lambda/permission:Permission").map((p) => p.inputs);
    assert.deepEqual(
      grants.map((g) => [
        g.statementId,
        g.action,
        g.principal,
        g.functionUrlAuthType,
        g.invokedViaFunctionUrl,
      ]),
      [
        ["gitops-platform-url-public", "lambda:InvokeFunctionUrl", "*", "NONE", undefined],
        ["gitops-platform-url-invoke", "lambda:InvokeFunction", "*", undefined, true],
      ],
    );
  });

  it("attaches the tested policy, on the stack's table, repositories and key prefix", () => {
    const policy = JSON.parse(
      named(shared, "aws:iam/rolePolicy:RolePolicy", "deployment-feedback-policy").inputs.policy,
    );
    const resources = Object.fromEntries(policy.Statement.map((s: any) => [s.Sid, s.Resource]));
    assert.deepEqual(resources, {
      LedgerWrite: ARN("dynamodb", "table/gitops-shared-deployments"),
      GitOpsRepositories: [ARN("codecommit", "flux-repo"), ARN("codecommit", "microservices-repo")],
      OwnEvents: ARN("events", "event-bus/default"),
      EnvironmentKeys: ARN("ssm", "parameter/gitops-shared/deployment-feedback/keys/*"),
      Logs: [
        ARN("logs", "log-group:/aws/lambda/gitops-shared-deployment-feedback"),
        ARN("logs", "log-group:/aws/lambda/gitops-shared-deployment-feedback:log-stream:*"),
      ],
    });
    const fn = named(shared, "aws:lambda/function:Function", "deployment-feedback-function");
    const rolePolicy = named(shared, "aws:iam/rolePolicy:RolePolicy", "deployment-feedback-policy");
    assert.ok(fn.dependencies.includes(rolePolicy.urn), "the function waits for its permissions");
  });

  it("exports where environments report and where the ledger is", () => {
    const url = "(mock)";
    const out = shared.outputs.deploymentFeedback as Record<string, string>;
    assert.match(out.url, /^https:\/\/[0-9a-f]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    assert.deepEqual(
      { ...out, url },
      {
        url,
        keyParameterPrefix: "/gitops-shared/deployment-feedback/keys/",
        table: "gitops-shared-deployments",
        functionName: "gitops-shared-deployment-feedback",
      },
    );
  });
});

describe("components/feedback: an environment's key, Flux waiting for Ready, the outputs", () => {
  let dev: StackRun;
  before(async () => {
    dev = await fixtureRun("dev");
  });

  it("generates the key as a Pulumi secret and writes it to SSM and to the Provider's Secret only", () => {
    const password = one(
      dev,
      "random:index/randomPassword:RandomPassword",
      "gitops-dev-feedback-key",
    );
    assert.deepEqual([password.inputs.length, password.inputs.special], [64, false]);
    const parameter = one(dev, "aws:ssm/parameter:Parameter", "gitops-dev-feedback-key");
    assert.deepEqual(
      [
        parameter.inputs.name,
        parameter.inputs.type,
        parameter.inputs.tier,
        parameter.inputs.value,
        parameter.secretInputs,
      ],
      [
        "/gitops-shared/deployment-feedback/keys/dev",
        "SecureString",
        "Standard",
        "[secret]",
        ["value"],
      ],
    );
    const secret = named(dev, "kubernetes:core/v1:Secret", "gitops-dev-feedback-secret");
    assert.deepEqual(secret.inputs.metadata, {
      name: FEEDBACK_SECRET_NAME,
      namespace: "flux-system",
    });
    assert.deepEqual([secret.inputs.stringData, secret.secretInputs], ["[secret]", ["stringData"]]);
    assert.ok(secret.provider?.includes("pulumi:providers:kubernetes"));
    // Nowhere else: the only other secret inputs are the cluster's kubeconfig (the Kubernetes
    // provider, the Flux teardown) and the receivers' token.
    const withSecrets = dev.resources.filter((r) => r.secretInputs.length > 0).map((r) => r.name);
    assert.deepEqual(withSecrets.sort(), [
      "gitops-dev-feedback-key",
      "gitops-dev-feedback-secret",
      "gitops-dev-flux-teardown",
      "gitops-dev-k8s",
      // The Flux Receivers' token (components/receivers), in the cluster and for the relay.
      "gitops-dev-receiver-token-secret",
      "gitops-dev-receiver-token-token",
    ]);
  });

  it("waits for the bootstrap GitRepository and Kustomization to be Ready, for fluxReadyTimeout", async () => {
    const git = named(
      dev,
      "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository",
      "gitops-dev-flux-git-repository",
    );
    const ks = named(
      dev,
      "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
      "gitops-dev-flux-kustomization",
    );
    assert.deepEqual(git.inputs.metadata.annotations, { "pulumi.com/waitFor": "condition=Ready" });
    assert.deepEqual(ks.inputs.metadata.annotations, {
      "pulumi.com/waitFor": "condition=Ready",
      "event.toolkit.fluxcd.io/repository": "flux-repo",
    });
    assert.deepEqual(
      [git.customTimeouts, ks.customTimeouts],
      [
        { create: "10m", update: "10m" },
        { create: "10m", update: "10m" },
      ],
    );
    const slow = await runFixture("dev", { config: { fluxReadyTimeout: "25m" } });
    assert.deepEqual(
      named(
        slow,
        "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository",
        "gitops-dev-flux-git-repository",
      ).customTimeouts,
      { create: "25m", update: "25m" },
    );
  });

  it("points cluster-info at the connector with this environment's path", () => {
    const cm = named(dev, "kubernetes:core/v1:ConfigMap", "gitops-dev-flux-cluster-info");
    const url = (
      dev.resources.find((r) => r.type === "pulumi:pulumi:StackReference")!.inputs as any
    ).name;
    assert.equal(url, "example-org/gitops-platform/shared");
    assert.match(
      cm.inputs.data.DEPLOYMENT_FEEDBACK_ADDRESS,
      /^https:\/\/[0-9a-f]{32}\.lambda-url\.us-east-1\.on\.aws\/v1\/environments\/dev\/events$/,
    );
    assert.equal(
      feedbackAddress("https://x.lambda-url.eu-west-1.on.aws/", "qa"),
      "https://x.lambda-url.eu-west-1.on.aws/v1/environments/qa/events",
    );
  });

  it("outputs the kubeconfig command, the application's load balancer and the key parameter", () => {
    assert.equal(
      dev.outputs.kubeconfigCommand,
      "aws eks update-kubeconfig --region us-east-1 --name gitops-dev",
    );
    assert.deepEqual(dev.outputs.applicationLoadBalancer, {
      name: "gitops-dev-apps",
      addressCommand:
        "aws elbv2 describe-load-balancers --region us-east-1 --names gitops-dev-apps --query 'LoadBalancers[0].DNSName' --output text",
    });
    assert.equal(
      dev.outputs.deploymentFeedbackKeyParameter,
      "/gitops-shared/deployment-feedback/keys/dev",
    );
  });

  it("refuses a bad ready timeout and a bad log retention, naming key, value and fix", () => {
    assert.deepEqual(settingsProblems("dev", { fluxReadyTimeout: "10 minutes" }), [
      'gitops-platform:fluxReadyTimeout = "10 minutes": not a duration the Flux CRDs accept (digits with ms, s, m or h, such as 30s, 1m, 1h30m). Use a value such as 10m.',
    ]);
    assert.match(
      settingsProblems("shared", { feedbackLogDays: 10 })[0],
      /^gitops-platform:feedbackLogDays = 10: not a CloudWatch Logs retention value \(allowed: 1, 3, 5, .*\)\. Pick one of them\.$/,
    );
  });
});
