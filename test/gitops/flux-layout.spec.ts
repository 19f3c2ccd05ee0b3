import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLUSTER_INFO_NAME, CLUSTER_INFO_NAMESPACE } from "../../components/flux/cluster-info";
import { BOOTSTRAP_NAME, FLUX_NAMESPACE } from "../../components/flux/bootstrap";
import { runtimeProfile } from "../../stacks/profiles";
import {
  AUTOMATION_ENVIRONMENTS,
  profileOf,
  ENVIRONMENTS,
  SERVICES,
  sampleClusterInfo,
  substitutedObjects,
  byName,
  FLUX_REPO,
  MICROSERVICES_REPO,
  findKubectl,
  fluxRepoObjects,
  buildAppsByEnvironment,
  parseYamlStream,
  readYamlFile,
  sourceObjects,
  type KubeObject,
} from "./helpers";

const SUBSTITUTE_FROM = [{ kind: "ConfigMap", name: CLUSTER_INFO_NAME }];

describe("gitops/flux-repo layout", () => {
  it("keeps the cluster-info ConfigMap where Flux looks for it (the Kustomizations' namespace)", () => {
    // kustomize-controller reads substituteFrom objects from the Kustomization's own namespace
    // (fluxcd/pkg kustomize/kustomize_varsub.go `loadVars`).
    assert.equal(CLUSTER_INFO_NAMESPACE, FLUX_NAMESPACE);
  });

  for (const env of ENVIRONMENTS) {
    it(`orders clusters/${env}: infrastructure-controllers -> infrastructure-configs -> apps`, () => {
      const [entry] = readYamlFile(path.join(FLUX_REPO, `clusters/${env}/kustomization.yaml`)) as [
        { resources: string[] },
      ];
      // dns.yaml (external-dns, suspended without a domain) has no place in the order: nothing
      // waits for DNS records (dns.spec.ts). The notifications apply with the entry point itself
      // (deployment feedback from the start).
      assert.deepEqual(entry.resources, [
        "infrastructure.yaml",
        "dns.yaml",
        "receivers.yaml",
        "apps.yaml",
        "../../infrastructure/notifications",
      ]);
      const ks = [
        ...fluxRepoObjects(`clusters/${env}/infrastructure.yaml`),
        ...fluxRepoObjects(`clusters/${env}/apps.yaml`),
      ];
      assert.deepEqual(
        ks.map((k) => [k.apiVersion, k.kind, k.metadata.namespace, k.metadata.name]),
        [
          [
            "kustomize.toolkit.fluxcd.io/v1",
            "Kustomization",
            FLUX_NAMESPACE,
            "infrastructure-controllers",
          ],
          [
            "kustomize.toolkit.fluxcd.io/v1",
            "Kustomization",
            FLUX_NAMESPACE,
            "infrastructure-configs",
          ],
          ["kustomize.toolkit.fluxcd.io/v1", "Kustomization", FLUX_NAMESPACE, "apps"],
        ],
      );
      const spec = (name: string) =>
        byName(ks, "Kustomization", name).spec as Record<string, unknown>;
      assert.equal(spec("infrastructure-controllers").dependsOn, undefined);
      assert.deepEqual(spec("infrastructure-configs").dependsOn, [
        { name: "infrastructure-controllers" },
      ]);
      assert.deepEqual(spec("apps").dependsOn, [{ name: "infrastructure-configs" }]);
      assert.deepEqual(
        ks.map((k) => k.spec?.path),
        ["./infrastructure/controllers", "./infrastructure/configs", `./apps/${env}`],
      );
      for (const k of ks) {
        const s = k.spec as Record<string, unknown>;
        const name = k.metadata.name;
        assert.deepEqual(s.sourceRef, { kind: "GitRepository", name: BOOTSTRAP_NAME }, name);
        assert.equal(s.prune, true, name);
        // wait: Ready only once everything applied is healthy, so dependents start after it.
        assert.equal(s.wait, true, name);
        assert.match(String(s.timeout), /^\d+m$/, name);
        assert.deepEqual(
          (s.postBuild as { substituteFrom: unknown }).substituteFrom,
          SUBSTITUTE_FROM,
        );
        // Contract with components/flux/bootstrap.ts: in https-credential mode the bootstrap
        // Kustomization sets these children's spec.patches, so they must carry none of their own.
        assert.equal(s.patches, undefined, name);
        const target = path.join(FLUX_REPO, String(s.path), "kustomization.yaml");
        assert.ok(fs.existsSync(target), `${name}: ${String(s.path)} has no kustomization.yaml`);
      }
    });
  }

  it("gives staging and prod the same entry point apart from the environment name", () => {
    for (const file of [
      "kustomization.yaml",
      "infrastructure.yaml",
      "dns.yaml",
      "receivers.yaml",
      "apps.yaml",
    ]) {
      const read = (env: string) =>
        fs.readFileSync(path.join(FLUX_REPO, "clusters", env, file), "utf8").replaceAll(env, "ENV");
      assert.equal(read("staging"), read("prod"), file);
    }
    // Intervals come from cluster-info, so dev's infrastructure is the same file too.
    const infra = (env: string) =>
      fs.readFileSync(path.join(FLUX_REPO, "clusters", env, "infrastructure.yaml"), "utf8");
    assert.equal(infra("dev"), infra("prod"));
    const dns = (env: string) =>
      fs.readFileSync(path.join(FLUX_REPO, "clusters", env, "dns.yaml"), "utf8");
    assert.equal(dns("dev"), dns("prod"));
  });

  it("keeps every GitRepository in flux-system with provider: aws (the Flux component's contract)", () => {
    const repos = sourceObjects(FLUX_REPO).filter((o) => o.object.kind === "GitRepository");
    assert.deepEqual(
      repos.map((r) => [r.file, r.object.metadata.namespace, r.object.spec?.provider]),
      [["apps/base/microservices-repo.yaml", FLUX_NAMESPACE, "aws"]],
    );
  });

  it("defines the alb IngressClass the sample Ingress uses, with its IngressClassParams", () => {
    const objects = fluxRepoObjects("infrastructure/configs/alb-ingress-class.yaml");
    const ingressClass = byName(objects, "IngressClass", "alb");
    assert.deepEqual(ingressClass.spec, {
      // The controller name the AWS Load Balancer Controller serves (its chart's IngressClass).
      controller: "ingress.k8s.aws/alb",
      parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: "alb" },
    });
    byName(objects, "IngressClassParams", "alb");
    const ingresses = sourceObjects(MICROSERVICES_REPO).filter((o) => o.object.kind === "Ingress");
    assert.ok(ingresses.length > 0, "the sample front-end has an Ingress");
    for (const { file, object: ingress } of ingresses) {
      assert.equal(ingress.spec?.ingressClassName, "alb", file);
      const annotations = ingress.metadata.annotations as Record<string, string>;
      assert.equal(annotations["alb.ingress.kubernetes.io/scheme"], "internet-facing", file);
      assert.equal(annotations["alb.ingress.kubernetes.io/target-type"], "ip", file);
    }
  });

  it("keeps each ALB path reachable: one catch-all, matched after every other path (group.order)", () => {
    const rules = sourceObjects(MICROSERVICES_REPO)
      .filter((o) => o.object.kind === "Ingress")
      .flatMap(({ object }) => {
        const order = Number(
          (object.metadata.annotations as Record<string, string>)[
            "alb.ingress.kubernetes.io/group.order"
          ] ?? 0,
        );
        const rules = object.spec?.rules as { http: { paths: { path: string }[] } }[];
        return rules.flatMap((r) => r.http.paths.map((p) => ({ path: p.path, order })));
      });
    const catchAll = rules.filter((r) => r.path === "/");
    assert.ok(catchAll.length <= 1, "two Ingresses claim /");
    for (const r of rules.filter((x) => x.path !== "/")) {
      for (const c of catchAll) assert.ok(r.order < c.order, `${r.path} is matched before /`);
    }
    assert.equal(new Set(rules.map((r) => r.path)).size, rules.length, "paths are distinct");
  });
});

describe("gitops/flux-repo apps per environment (kustomize build)", function () {
  const kubectl = findKubectl();
  let apps = new Map<string, KubeObject[]>();
  let built = new Map<string, string>();

  before(async function () {
    if (kubectl === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    built = await buildAppsByEnvironment(kubectl);
    apps = new Map(
      [...built].map(([env, out]) => [env, parseYamlStream(out, `apps/${env}`) as KubeObject[]]),
    );
  });

  for (const env of ENVIRONMENTS) {
    it(`applies each service's microservices-repo overlays/${env}/<service> into its namespace (${env})`, () => {
      const objects = apps.get(env) as KubeObject[];
      const repo = byName(objects, "GitRepository", "microservices-repo");
      assert.deepEqual(repo.spec, {
        interval: "${SOURCE_INTERVAL}",
        url: "${MICROSERVICES_REPO_URL}",
        ref: { branch: "${APPS_BRANCH}" },
        provider: "aws",
      });
      const applied = substitutedObjects(
        built.get(env) as string,
        sampleClusterInfo(env),
        `apps/${env}`,
      );
      assert.deepEqual(byName(applied, "GitRepository", "microservices-repo").spec?.ref, {
        branch: sampleClusterInfo(env).APPS_BRANCH,
      });
      for (const service of SERVICES) {
        const ks = byName(objects, "Kustomization", service);
        assert.equal(ks.metadata.namespace, FLUX_NAMESPACE);
        assert.deepEqual(ks.spec?.sourceRef, { kind: "GitRepository", name: "microservices-repo" });
        // One file for every environment: the apps Kustomization substitutes ENVIRONMENT.
        assert.equal(ks.spec?.path, `./overlays/\${ENVIRONMENT}/${service}`);
        const path_ = byName(applied, "Kustomization", service).spec?.path as string;
        assert.equal(path_, `./overlays/${env}/${service}`);
        assert.ok(fs.existsSync(path.join(MICROSERVICES_REPO, path_, "kustomization.yaml")));
        assert.equal(ks.spec?.interval, "${KUSTOMIZATION_INTERVAL}");
        assert.equal(ks.spec?.targetNamespace, service);
        assert.equal(ks.spec?.wait, true);
        assert.equal(ks.spec?.prune, true);
        assert.deepEqual(
          (ks.spec?.postBuild as { substituteFrom: unknown }).substituteFrom,
          SUBSTITUTE_FROM,
        );
      }
    });
  }

  it("puts the image automation objects only where apps/<env> has the ImageUpdateAutomation", () => {
    const imageKinds = (env: string) =>
      (apps.get(env) as KubeObject[])
        .filter((o) => o.apiVersion.startsWith("image.toolkit.fluxcd.io/"))
        .map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)
        .sort();
    // Where the environment's profile runs image automation (dev).
    assert.deepEqual(
      AUTOMATION_ENVIRONMENTS,
      ENVIRONMENTS.filter((env) => runtimeProfile(profileOf(env)).fluxImageAutomation),
    );
    for (const env of ENVIRONMENTS) {
      const expected: string[] = AUTOMATION_ENVIRONMENTS.includes(env)
        ? [
            ...SERVICES.flatMap((s) => [
              `ImagePolicy flux-system/${s}`,
              `ImageRepository flux-system/${s}`,
            ]),
            "ImageUpdateAutomation flux-system/microservices-repo",
          ].sort()
        : [];
      assert.deepEqual(imageKinds(env), expected, env);
    }
  });
});
