import * as assert from "node:assert/strict";
import { httpsCredentialPatches } from "../../../components/flux/bootstrap";
import { IRSA_ANNOTATION } from "../../../components/flux/values";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { type StackRun } from "../../../harness/run";
import { byName, FEEDBACK_URL, names, OIDC_HOST, ROLE, runFlux } from "./run-flux";

describe("components/flux: Flux component (recording mocks)", function () {
  let provider: StackRun;
  let https: StackRun;
  before(async () => {
    provider = await runFlux();
    https = await runFlux({ fluxGitAuth: "https-credential" });
  });

  it("installs the pinned flux2 chart with real Helm into flux-system", () => {
    const ns = byName(provider, "kubernetes:core/v1:Namespace", "flux-namespace");
    assert.equal(ns.inputs.metadata.name, "flux-system");
    const rel = byName(provider, "kubernetes:helm.sh/v3:Release", "flux-release");
    assert.equal(rel.inputs.chart, "flux2");
    assert.equal(rel.inputs.version, "2.19.1");
    assert.deepEqual(rel.inputs.repositoryOpts, {
      repo: "https://fluxcd-community.github.io/helm-charts",
    });
    assert.equal(rel.inputs.namespace, "flux-system");
    assert.equal(rel.inputs.createNamespace, false);
    assert.equal(rel.inputs.skipAwait, undefined);
    assert.ok(rel.provider?.includes("pulumi:providers:kubernetes::k8s"));
  });

  it("aws-provider: three IRSA roles, trusted by exactly their service account", () => {
    assert.deepEqual(names(provider, "aws:iam/role:Role").sort(), [
      "flux-image-automation-controller",
      "flux-image-reflector-controller",
      "flux-source-controller",
    ]);
    for (const sa of [
      "source-controller",
      "image-automation-controller",
      "image-reflector-controller",
    ]) {
      const role = byName(provider, "aws:iam/role:Role", `flux-${sa}`);
      assert.equal(role.inputs.name, `gitops-dev-flux-${sa}`);
      const trust = JSON.parse(role.inputs.assumeRolePolicy);
      assert.deepEqual(trust.Statement[0].Condition.StringEquals, {
        [`${OIDC_HOST}:sub`]: `system:serviceaccount:flux-system:${sa}`,
        [`${OIDC_HOST}:aud`]: "sts.amazonaws.com",
      });
      const policy = JSON.parse(
        byName(provider, "aws:iam/rolePolicy:RolePolicy", `flux-${sa}`).inputs.policy,
      );
      assert.equal(policy.Version, "2012-10-17");
    }
    const src = JSON.parse(
      byName(provider, "aws:iam/rolePolicy:RolePolicy", "flux-source-controller").inputs.policy,
    );
    assert.deepEqual(src.Statement[0].Resource, [
      `arn:aws:codecommit:us-east-1:${MOCK_ACCOUNT}:flux-repo`,
      `arn:aws:codecommit:us-east-1:${MOCK_ACCOUNT}:microservices-repo`,
    ]);
    const ecr = JSON.parse(
      byName(provider, "aws:iam/rolePolicy:RolePolicy", "flux-image-reflector-controller").inputs
        .policy,
    );
    assert.ok(ecr.Statement[1].Resource.length > 0);
    for (const arn of ecr.Statement[1].Resource) {
      assert.match(arn, new RegExp(`^arn:aws:ecr:us-east-1:${MOCK_ACCOUNT}:repository/`));
    }
  });

  it("annotates each controller's service account with its role ARN", () => {
    const values = byName(provider, "kubernetes:helm.sh/v3:Release", "flux-release").inputs.values;
    const arn = (sa: string) => `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-dev-flux-${sa}`;
    assert.equal(
      values.sourceController.serviceAccount.annotations[IRSA_ANNOTATION],
      arn("source-controller"),
    );
    assert.equal(
      values.imageAutomationController.serviceAccount.annotations[IRSA_ANNOTATION],
      arn("image-automation-controller"),
    );
    assert.equal(
      values.imageReflectionController.serviceAccount.annotations[IRSA_ANNOTATION],
      arn("image-reflector-controller"),
    );
    assert.equal(values.imageReflectionController.container, undefined);
    assert.deepEqual(provider.outputs.namespace, "flux-system");
  });

  it("bootstrap objects depend on the release; the Kustomization on cluster-info", () => {
    const rel = byName(provider, "kubernetes:helm.sh/v3:Release", "flux-release");
    const repo = byName(
      provider,
      "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository",
      "flux-git-repository",
    );
    const ks = byName(
      provider,
      "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
      "flux-kustomization",
    );
    const cm = byName(provider, "kubernetes:core/v1:ConfigMap", "flux-cluster-info");
    assert.ok(repo.dependencies.includes(rel.urn));
    assert.ok(ks.dependencies.includes(rel.urn));
    assert.ok(ks.dependencies.includes(cm.urn));
    assert.deepEqual(repo.inputs.spec, {
      // dev's polling fallback: receivers are on in the profile (stacks/profiles.ts).
      interval: "10m",
      url: `https://git-codecommit.us-east-1.amazonaws.com/v1/repos/flux-repo`,
      ref: { branch: "main" },
      provider: "aws",
    });
    assert.equal(ks.inputs.spec.path, "./clusters/dev");
    assert.equal(ks.inputs.spec.interval, "5m");
    assert.equal(ks.inputs.spec.patches, undefined);
  });

  it("writes cluster-info with every contract key, from the cluster and the shared stack", () => {
    const cm = byName(provider, "kubernetes:core/v1:ConfigMap", "flux-cluster-info");
    assert.deepEqual(cm.inputs.metadata, { name: "cluster-info", namespace: "flux-system" });
    assert.deepEqual(cm.inputs.data, {
      ENVIRONMENT: "dev",
      AWS_ACCOUNT_ID: MOCK_ACCOUNT,
      AWS_REGION: "us-east-1",
      CLUSTER_NAME: "gitops-dev",
      VPC_ID: "vpc-0abc",
      ECR_REGISTRY: `${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`,
      FLUX_REPO_URL: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/flux-repo",
      MICROSERVICES_REPO_URL:
        "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/microservices-repo",
      GIT_BRANCH: "main",
      APPS_BRANCH: "main",
      LB_CONTROLLER_ROLE_ARN: `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-dev-lb-controller`,
      KARPENTER_ROLE_ARN: ROLE,
      KARPENTER_INTERRUPTION_QUEUE: "q",
      KARPENTER_INSTANCE_PROFILE: "node",
      KARPENTER_CAPACITY_TYPE: "spot", // the dev profile's settings.karpenter
      KARPENTER_CPU_LIMIT: "8",
      KARPENTER_MEMORY_LIMIT: "32Gi",
      FLUX_REPO_NAME: "flux-repo",
      MICROSERVICES_REPO_NAME: "microservices-repo",
      // The shared stack's connector URL (mocked) plus this environment's path.
      DEPLOYMENT_FEEDBACK_ADDRESS: `${FEEDBACK_URL}v1/environments/dev/events`,
      APPS_LOAD_BALANCER_NAME: "gitops-dev-apps",
      // The dev profile (stacks/profiles.ts): fluxFallbackIntervals (receivers on) and
      // fluxImageAutomation: true.
      SOURCE_INTERVAL: "10m",
      KUSTOMIZATION_INTERVAL: "5m",
      IMAGE_SCAN_INTERVAL: "10m",
      IMAGE_AUTOMATION_INTERVAL: "10m",
      IMAGE_AUTOMATION_SUSPEND: "false",
      // No appDomain: plain HTTP, external-dns suspended, the domain keys set but empty.
      INGRESS_MODE: "http",
      APPS_DOMAIN: "",
      CERTIFICATE_ARN: "",
      HOSTED_ZONE_ID: "",
      EXTERNAL_DNS_ROLE_ARN: "",
      EXTERNAL_DNS_SUSPEND: "true",
      // No relay given to the component: infrastructure-receivers suspended, its keys empty.
      RECEIVERS_SUSPEND: "true",
      RECEIVER_TARGET_GROUP_ARN: "",
      RECEIVER_SECURITY_GROUP_ID: "",
    });
  });

  it("runs kustomize-controller with strict post-build substitution", () => {
    const values = byName(provider, "kubernetes:helm.sh/v3:Release", "flux-release").inputs.values;
    assert.deepEqual(values.kustomizeController.container, {
      additionalArgs: ["--feature-gates=StrictPostBuildSubstitutions=true"],
    });
  });

  it("aws-provider creates no IAM user, credential or Git secret", () => {
    assert.deepEqual(names(provider, "aws:iam/user:User"), []);
    assert.deepEqual(names(provider, "kubernetes:core/v1:Secret"), []);
  });

  it("https-credential: an IAM user, its HTTPS Git credential as a secret Kubernetes Secret", () => {
    assert.deepEqual(names(https, "aws:iam/role:Role"), ["flux-image-reflector-controller"]);
    assert.equal(
      byName(https, "aws:iam/user:User", "flux-codecommit").inputs.name,
      "gitops-dev-flux-codecommit",
    );
    const cred = byName(
      https,
      "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
      "flux-codecommit",
    );
    assert.equal(cred.inputs.serviceName, "codecommit.amazonaws.com");
    const policy = JSON.parse(
      byName(https, "aws:iam/userPolicy:UserPolicy", "flux-codecommit").inputs.policy,
    );
    assert.deepEqual(
      policy.Statement.filter((s: any) => s.Effect === "Allow").map((s: any) => [
        s.Action,
        s.Resource.map((r: string) => r.split(":").pop()),
        s.Condition,
      ]),
      [
        [["codecommit:GitPull"], ["flux-repo", "microservices-repo"], undefined],
        [
          ["codecommit:GitPush"],
          ["microservices-repo"],
          { "ForAllValues:StringEquals": { "codecommit:References": ["refs/heads/main"] } },
        ],
      ],
    );
    const secret = byName(https, "kubernetes:core/v1:Secret", "flux-codecommit-https");
    assert.deepEqual(secret.inputs.metadata, {
      name: "codecommit-https",
      namespace: "flux-system",
    });
    assert.equal(secret.inputs.stringData, "[secret]");
    assert.ok(secret.secretInputs.includes("stringData"));
    assert.deepEqual(https.secretOutputs, []);
    const repo = byName(
      https,
      "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository",
      "flux-git-repository",
    );
    assert.ok(repo.dependencies.includes(secret.urn));
    assert.deepEqual(repo.inputs.spec.secretRef, { name: "codecommit-https" });
    const ks = byName(
      https,
      "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
      "flux-kustomization",
    );
    assert.deepEqual(ks.inputs.spec.patches, httpsCredentialPatches());
  });

  it("Flux < 2.7 with legacyEcrAutologin passes the flag to image-reflector-controller", async () => {
    const legacy = await runFlux({
      fluxChartVersion: "2.16.4",
      fluxGitAuth: "https-credential",
      fluxLegacyEcrAutologin: true,
    });
    const rel = byName(legacy, "kubernetes:helm.sh/v3:Release", "flux-release");
    assert.equal(rel.inputs.version, "2.16.4");
    assert.deepEqual(rel.inputs.values.imageReflectionController.container, {
      additionalArgs: ["--aws-autologin-for-ecr"],
    });
  });
});
