import * as assert from "node:assert/strict";
import { parseAllDocuments, parseDocument } from "yaml";
import { imagePolicyFilter } from "../../../components/delivery";
import {
  serviceFiles,
  serviceListings,
  type ServiceEnvironment,
  type ServiceSpec,
} from "../../../components/services";
import { SERVICE_ENVIRONMENT_DEFAULTS } from "../../../stacks/profiles";
import { RUNTIME_PROFILES } from "../../../stacks/settings";

/** One environment per runtime profile, image automation where the profile runs it (dev). */
const ENVS: ServiceEnvironment[] = RUNTIME_PROFILES.map((p) => ({
  ...SERVICE_ENVIRONMENT_DEFAULTS[p],
  name: p,
  imageAutomation: p === "dev",
}));
const orders: ServiceSpec = {
  name: "orders",
  folder: "shop/orders",
  port: 9090,
  healthPath: "/ready",
  expose: "internal",
};
const files = (s: ServiceSpec, branch = "main") =>
  new Map(serviceFiles(s, ENVS, branch).map((f) => [f.path, f.content]));
const yaml = (text: string | undefined): any[] =>
  parseAllDocuments(text ?? "").map((d) => d.toJS());

describe("components/services: the templates of a service's files", () => {
  it("writes base, one overlay per environment, the Flux objects and the sample source", () => {
    assert.deepEqual(
      [...files(orders).keys()],
      [
        "microservices-repo/base/orders/kustomization.yaml",
        "microservices-repo/base/orders/deployment.yaml",
        "microservices-repo/base/orders/service.yaml",
        "microservices-repo/base/orders/horizontal-pod-autoscaler.yaml",
        "microservices-repo/overlays/dev/orders/kustomization.yaml",
        "microservices-repo/overlays/dev/orders/deployment-patch.yaml",
        "microservices-repo/overlays/dev/orders/horizontal-pod-autoscaler-patch.yaml",
        "microservices-repo/overlays/staging/orders/kustomization.yaml",
        "microservices-repo/overlays/staging/orders/deployment-patch.yaml",
        "microservices-repo/overlays/staging/orders/horizontal-pod-autoscaler-patch.yaml",
        "microservices-repo/overlays/prod/orders/kustomization.yaml",
        "microservices-repo/overlays/prod/orders/deployment-patch.yaml",
        "microservices-repo/overlays/prod/orders/horizontal-pod-autoscaler-patch.yaml",
        "microservices-repo/overlays/prod/orders/pod-disruption-budget.yaml",
        "flux-repo/apps/base/orders.yaml",
        "flux-repo/apps/dev/orders-image-policy.yaml",
        "app-repo/shop/orders/Dockerfile",
        "app-repo/shop/orders/.dockerignore",
        "app-repo/shop/orders/package.json",
        "app-repo/shop/orders/server.js",
      ],
    );
    assert.deepEqual(serviceListings(orders, ENVS), [
      { kustomization: "flux-repo/apps/base/kustomization.yaml", resource: "orders.yaml" },
      {
        kustomization: "flux-repo/apps/dev/kustomization.yaml",
        resource: "orders-image-policy.yaml",
      },
    ]);
  });

  it("scales the Deployment with a CPU autoscaler against its requests, never with `replicas`", () => {
    const f = files(orders);
    const [deployment] = yaml(f.get("microservices-repo/base/orders/deployment.yaml"));
    assert.equal(deployment.spec.replicas, undefined);
    const [hpa] = yaml(f.get("microservices-repo/base/orders/horizontal-pod-autoscaler.yaml"));
    assert.deepEqual(hpa.spec.scaleTargetRef, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: "orders",
    });
    assert.deepEqual(hpa.spec.metrics, [
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
      },
    ]);
    assert.match(deployment.spec.template.spec.containers[0].resources.requests.cpu, /^\d+m$/);
  });

  it("puts the entry's port and health path in the Deployment, the Dockerfile and the server", () => {
    const f = files(orders);
    const [deployment] = yaml(f.get("microservices-repo/base/orders/deployment.yaml"));
    const c = deployment.spec.template.spec.containers[0];
    assert.deepEqual(c.ports, [{ name: "http", containerPort: 9090, protocol: "TCP" }]);
    assert.deepEqual(c.env, [{ name: "PORT", value: "9090" }]);
    assert.equal(c.readinessProbe.httpGet.path, "/ready");
    assert.equal(c.livenessProbe.httpGet.path, "/ready");
    assert.match(f.get("app-repo/shop/orders/Dockerfile") ?? "", /\nEXPOSE 9090\n/);
    assert.match(f.get("app-repo/shop/orders/server.js") ?? "", /path === "\/ready"/);
  });

  it("exposes an alb service on its own path with the readiness gate; an internal one not at all", () => {
    const alb = files({ ...orders, expose: "alb" });
    const [ingress] = yaml(alb.get("microservices-repo/base/orders/ingress.yaml"));
    assert.equal(ingress.spec.ingressClassName, "alb");
    assert.deepEqual(ingress.spec.rules[0].http.paths[0].path, "/orders");
    assert.equal(
      ingress.metadata.annotations["alb.ingress.kubernetes.io/healthcheck-path"],
      "/ready",
    );
    assert.match(
      alb.get("microservices-repo/base/orders/kustomization.yaml") ?? "",
      /- ingress\.yaml/,
    );
    const gate = (f: Map<string, string>) =>
      yaml(f.get("flux-repo/apps/base/orders.yaml")).find((o) => o.kind === "Namespace").metadata
        .labels["elbv2.k8s.aws/pod-readiness-gate-inject"];
    assert.equal(gate(alb), "enabled");
    assert.equal(gate(files(orders)), undefined);
    assert.equal(files(orders).has("microservices-repo/base/orders/ingress.yaml"), false);
  });

  it("starts each overlay from its profile, pins the placeholder tag, marks it where automation runs", () => {
    const f = files(orders);
    for (const env of ENVS) {
      const dir = `microservices-repo/overlays/${env.name}/orders`;
      const [patch] = yaml(f.get(`${dir}/deployment-patch.yaml`));
      // The autoscaler owns the replica count: neither base nor overlay sets it.
      assert.equal(patch.spec.replicas, undefined, env.name);
      const [hpa] = yaml(f.get(`${dir}/horizontal-pod-autoscaler-patch.yaml`));
      assert.deepEqual(hpa.spec, { minReplicas: env.minReplicas, maxReplicas: env.maxReplicas });
      assert.deepEqual(patch.spec.template.spec.containers[0].resources, {
        requests: { cpu: env.cpu, memory: env.memory },
        limits: { memory: env.memoryLimit },
      });
      assert.equal(
        patch.spec.template.spec.topologySpreadConstraints !== undefined,
        env.highAvailability,
      );
      const doc = parseDocument(f.get(`${dir}/kustomization.yaml`) ?? "");
      assert.deepEqual(doc.toJS().images, [
        { name: "orders", newName: "${ECR_REGISTRY}/orders", newTag: "main-0000000-0" },
      ]);
      const comment = (doc.getIn(["images", 0, "newTag"], true) as { comment?: string }).comment;
      assert.equal(
        comment?.trim(),
        env.imageAutomation ? '{"$imagepolicy": "flux-system:orders:tag"}' : undefined,
      );
      assert.deepEqual(doc.toJS().resources, [
        "../../../base/orders",
        ...(env.highAvailability ? ["pod-disruption-budget.yaml"] : []),
      ]);
    }
    assert.deepEqual(
      ENVS.map((e) => [e.minReplicas, e.maxReplicas]),
      [
        [1, 3],
        [2, 6],
        [3, 10],
      ],
    );
  });

  it("follows the pipeline branch in the placeholder tag and the image policy", () => {
    const f = files(orders, "release/2.x");
    const policy = yaml(f.get("flux-repo/apps/dev/orders-image-policy.yaml"))[1];
    assert.deepEqual(policy.spec.filterTags, imagePolicyFilter("release/2.x"));
    assert.match(
      f.get("microservices-repo/overlays/prod/orders/kustomization.yaml") ?? "",
      /newTag: release-2\.x-0000000-0\n/,
    );
  });

  it("applies the overlay of the cluster's environment, through ${ENVIRONMENT}", () => {
    const objects = yaml(files(orders).get("flux-repo/apps/base/orders.yaml"));
    const ks = objects.find((o) => o.kind === "Kustomization");
    assert.equal(ks.spec.path, "./overlays/${ENVIRONMENT}/orders");
    assert.equal(ks.spec.targetNamespace, "orders");
  });

  it("the platform side makes the namespace and applies as an account confined to it", () => {
    const objects = yaml(files(orders).get("flux-repo/apps/base/orders.yaml"));
    assert.deepEqual(
      objects.map((o) => `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`),
      [
        "Namespace /orders",
        "ServiceAccount flux-system/orders-reconciler",
        "RoleBinding orders/orders-reconciler",
        "Kustomization flux-system/orders",
      ],
    );
    const [, , binding, ks] = objects;
    assert.equal(ks.spec.serviceAccountName, "orders-reconciler");
    assert.deepEqual(binding.subjects, [
      { kind: "ServiceAccount", name: "orders-reconciler", namespace: "flux-system" },
    ]);
    assert.deepEqual(binding.roleRef, {
      apiGroup: "rbac.authorization.k8s.io",
      kind: "ClusterRole",
      name: "admin",
    });
    assert.doesNotMatch(
      files(orders).get("microservices-repo/base/orders/kustomization.yaml") ?? "",
      /namespace\.yaml/,
    );
  });
});
