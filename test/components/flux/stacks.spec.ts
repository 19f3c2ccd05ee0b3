import * as assert from "node:assert/strict";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { type RecordedResource, type StackRun } from "../../../harness/run";
import { fixtureRun, runFixture } from "../../helpers/stacks";

const byName = (run: StackRun, type: string, name: string): RecordedResource => {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name} not declared`);
  return r;
};

describe("index: Flux in the environment stacks", () => {
  let dev: StackRun;
  let prod: StackRun;
  let devOverridden: StackRun;
  before(async () => {
    dev = await fixtureRun("dev");
    prod = await fixtureRun("prod");
    devOverridden = await runFixture("dev", {
      config: { fluxIntervals: { imageScan: "2m" }, fluxImageAutomation: false },
    });
  });

  const clusterInfo = (run: StackRun, env: string) =>
    byName(run, "kubernetes:core/v1:ConfigMap", `gitops-${env}-flux-cluster-info`).inputs.data;
  const fluxKeys = (data: Record<string, string>) => ({
    SOURCE_INTERVAL: data.SOURCE_INTERVAL,
    KUSTOMIZATION_INTERVAL: data.KUSTOMIZATION_INTERVAL,
    IMAGE_SCAN_INTERVAL: data.IMAGE_SCAN_INTERVAL,
    IMAGE_AUTOMATION_INTERVAL: data.IMAGE_AUTOMATION_INTERVAL,
    IMAGE_AUTOMATION_SUSPEND: data.IMAGE_AUTOMATION_SUSPEND,
  });

  it("installs the chart only after the node groups exist (its hook Job and pods need nodes)", () => {
    const release = byName(dev, "kubernetes:helm.sh/v3:Release", "gitops-dev-flux-release");
    const nodes = byName(dev, "eks:index:ManagedNodeGroup", "gitops-dev-general");
    assert.ok(release.dependencies.includes(nodes.urn), release.dependencies.join("\n"));
    // ...and nothing else in Flux waits for them: roles and the ConfigMap are created in parallel.
    const configMap = byName(dev, "kubernetes:core/v1:ConfigMap", "gitops-dev-flux-cluster-info");
    assert.ok(!configMap.dependencies.includes(nodes.urn));
  });

  it("hands the stack's Flux intervals and image automation switch to the GitOps content", () => {
    // Receivers on (the profiles' default): the polling fallback intervals.
    assert.deepEqual(fluxKeys(clusterInfo(prod, "prod")), {
      SOURCE_INTERVAL: "15m",
      KUSTOMIZATION_INTERVAL: "10m",
      IMAGE_SCAN_INTERVAL: "15m",
      IMAGE_AUTOMATION_INTERVAL: "15m",
      IMAGE_AUTOMATION_SUSPEND: "true",
    });
    // One interval overridden (the others keep dev's defaults) and image automation off: the
    // ImageUpdateAutomation is suspended where its controller lost the role that may push.
    assert.deepEqual(fluxKeys(clusterInfo(devOverridden, "dev")), {
      SOURCE_INTERVAL: "10m",
      KUSTOMIZATION_INTERVAL: "5m",
      IMAGE_SCAN_INTERVAL: "2m",
      IMAGE_AUTOMATION_INTERVAL: "10m",
      IMAGE_AUTOMATION_SUSPEND: "true",
    });
    assert.equal(
      (devOverridden.outputs.fluxRoleArns as Record<string, unknown>).imageAutomationController,
      undefined,
    );
    assert.equal(clusterInfo(dev, "dev").IMAGE_AUTOMATION_SUSPEND, "false");
  });

  it("installs Flux on the cluster's provider and exports the namespace and role ARNs", () => {
    const rel = byName(dev, "kubernetes:helm.sh/v3:Release", "gitops-dev-flux-release");
    const k8sProvider = dev.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    assert.ok(rel.provider?.startsWith(`${k8sProvider.urn}::`));
    assert.equal(dev.outputs.fluxNamespace, "flux-system");
    assert.deepEqual(dev.outputs.fluxRoleArns, {
      sourceController: `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-dev-flux-source-controller`,
      imageAutomationController: `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-dev-flux-image-automation-controller`,
      imageReflectionController: `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-dev-flux-image-reflector-controller`,
    });
  });

  it("trusts the cluster's own OIDC provider", () => {
    const role = byName(dev, "aws:iam/role:Role", "gitops-dev-flux-source-controller");
    const trust = JSON.parse(role.inputs.assumeRolePolicy);
    assert.equal(trust.Statement[0].Principal.Federated, dev.outputs.oidcProviderArn);
  });

  it("prod syncs ./clusters/prod at its own intervals, without a push role", () => {
    const ks = byName(
      prod,
      "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization",
      "gitops-prod-flux-kustomization",
    );
    assert.equal(ks.inputs.spec.path, "./clusters/prod");
    assert.equal(ks.inputs.spec.interval, "10m");
    assert.equal((prod.outputs.fluxRoleArns as any).imageAutomationController, undefined);
    const cm = byName(prod, "kubernetes:core/v1:ConfigMap", "gitops-prod-flux-cluster-info");
    assert.equal(cm.inputs.data.ENVIRONMENT, "prod");
  });
});
