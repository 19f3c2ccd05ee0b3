import * as assert from "node:assert/strict";
import { LB_CONTROLLER_SERVICE_ACCOUNT } from "../../components/cluster/lb-controller-policy";
import { STACK_TAG } from "../../components/aws";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  byName,
  ENVIRONMENTS,
  FLUX_REPO,
  fluxRepoObjects,
  sampleClusterInfo,
  substitutedObjects,
} from "./helpers";

describe("gitops/flux-repo: the AWS Load Balancer Controller", () => {
  it("installs the AWS Load Balancer Controller from a pinned eks-charts version", () => {
    const objects = fluxRepoObjects("infrastructure/controllers/aws-load-balancer-controller.yaml");
    const repo = byName(objects, "HelmRepository", "eks-charts");
    assert.equal(repo.spec?.url, "https://aws.github.io/eks-charts");
    const release = byName(objects, "HelmRelease", "aws-load-balancer-controller");
    assert.equal(release.metadata.namespace, repo.metadata.namespace);
    // Release name = HelmRelease name (no targetNamespace); the namespace must be the one the
    // IRSA role trusts.
    assert.equal(release.spec?.targetNamespace, undefined);
    assert.equal(release.metadata.namespace, LB_CONTROLLER_SERVICE_ACCOUNT.namespace);
    const chart = (release.spec?.chart as { spec: Record<string, unknown> }).spec;
    assert.deepEqual(chart, {
      chart: "aws-load-balancer-controller",
      version: "3.5.0",
      sourceRef: { kind: "HelmRepository", name: "eks-charts" },
      interval: "12h",
    });
    assert.deepEqual(
      [release.spec?.install, release.spec?.upgrade].map((s) => (s as { crds: string }).crds),
      ["CreateReplace", "CreateReplace"],
    );
    const values = release.spec?.values as Record<string, unknown>;
    assert.deepEqual(
      {
        clusterName: values.clusterName,
        region: values.region,
        vpcId: values.vpcId,
        serviceAccount: values.serviceAccount,
      },
      {
        clusterName: "${CLUSTER_NAME}",
        region: "${AWS_REGION}",
        vpcId: "${VPC_ID}",
        serviceAccount: {
          create: true,
          name: LB_CONTROLLER_SERVICE_ACCOUNT.name,
          annotations: { "eks.amazonaws.com/role-arn": "${LB_CONTROLLER_ROLE_ARN}" },
        },
      },
    );
    // The IngressClass and its parameters come from infrastructure/configs instead.
    assert.equal(values.createIngressClassResource, false);
    assert.deepEqual(values.ingressClassParams, { create: false });
    // Its Service mutator webhook (failurePolicy Fail) would block every Service CREATE while
    // the controller is down; no LoadBalancer Service needs it here.
    assert.equal(values.enableServiceMutatorWebhook, false);
    // Its role grants no WAF, WAF Classic or Shield action (lb-controller-policy.ts), so the
    // controller must not reconcile them.
    assert.deepEqual(
      [values.enableWaf, values.enableWafv2, values.enableShield],
      [false, false, false],
    );
    // What it creates carries the stack tag the environments' IAM fences by, from cluster-info.
    assert.deepEqual(values.defaultTags, {
      [STACK_TAG]: "${ENVIRONMENT}",
      "gitops-platform:environment": "${ENVIRONMENT}",
      "gitops-platform:cluster": "${CLUSTER_NAME}",
      "gitops-platform:managed-by": "aws-load-balancer-controller",
    });
    // Every key is a top-level key of the chart's values.yaml at 3.5.0
    // (kubernetes-sigs/aws-load-balancer-controller helm/aws-load-balancer-controller/values.yaml).
    assert.deepEqual(Object.keys(values).sort(), [
      "clusterName",
      "createIngressClassResource",
      "defaultTags",
      "enableServiceMutatorWebhook",
      "enableShield",
      "enableWaf",
      "enableWafv2",
      "ingressClassParams",
      "region",
      "serviceAccount",
      "vpcId",
    ]);
  });

  for (const env of ENVIRONMENTS) {
    it(`tags what it creates in ${env} with ${env}'s stack tag`, () => {
      const file = path.join(
        FLUX_REPO,
        "infrastructure/controllers/aws-load-balancer-controller.yaml",
      );
      const objects = substitutedObjects(
        fs.readFileSync(file, "utf8"),
        sampleClusterInfo(env),
        env,
      );
      const release = byName(objects, "HelmRelease", "aws-load-balancer-controller");
      const values = release.spec?.values as Record<string, any>;
      assert.equal(values.defaultTags[STACK_TAG], env);
      // The cluster tag's value (the policy's condition) is the controller's clusterName.
      assert.equal(values.clusterName, sampleClusterInfo(env).CLUSTER_NAME);
    });
  }
});
