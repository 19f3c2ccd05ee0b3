/**
 * The Flux settings (settings.flux.intervals, settings.flux.imageAutomation) reach flux-repo
 * through cluster-info: what Flux applies, substituted as kustomize-controller does (strict), for
 * the profiles' values and for a stack's overrides.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runtimeProfile } from "../../stacks/profiles";
import {
  AUTOMATION_ENVIRONMENTS,
  ENVIRONMENTS,
  SERVICES,
  profileOf,
  FLUX_REPO,
  byName,
  findKubectl,
  fluxRepoObjects,
  buildAppsByEnvironment,
  sampleClusterInfo,
  sourceObjects,
  substitutedObjects,
  type KubeObject,
} from "./helpers";
import { validationError } from "./schemas";

describe("gitops/flux-repo intervals and image automation follow the stack's settings", function () {
  const kubectl = findKubectl();
  /** `kubectl kustomize apps/<env>`, unsubstituted. */
  let builtApps = new Map<string, string>();

  before(async function () {
    if (kubectl === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    builtApps = await buildAppsByEnvironment(kubectl);
  });

  it("takes every interval that follows a setting from cluster-info, and writes only fixed ones", () => {
    const intervals = sourceObjects(FLUX_REPO).flatMap(({ file, object }) => {
      const found: string[] = [];
      const visit = (value: unknown, at: string) => {
        if (value === null || typeof value !== "object") return;
        for (const [k, v] of Object.entries(value)) {
          if (k === "interval") found.push(`${file} ${object.kind}${at}.interval=${String(v)}`);
          else visit(v, `${at}.${k}`);
        }
      };
      visit(object.spec, "");
      return found;
    });
    assert.deepEqual(
      intervals.sort(),
      [
        ...SERVICES.map(
          (s) => `apps/base/${s}.yaml Kustomization.interval=\${KUSTOMIZATION_INTERVAL}`,
        ),
        "apps/base/microservices-repo.yaml GitRepository.interval=${SOURCE_INTERVAL}",
        ...AUTOMATION_ENVIRONMENTS.flatMap((env) => [
          ...SERVICES.map(
            (s) =>
              `apps/${env}/${s}-image-policy.yaml ImageRepository.interval=\${IMAGE_SCAN_INTERVAL}`,
          ),
          `apps/${env}/image-update-automation.yaml ImageUpdateAutomation.interval=\${IMAGE_AUTOMATION_INTERVAL}`,
        ]),
        ...ENVIRONMENTS.flatMap((env) => [
          `clusters/${env}/apps.yaml Kustomization.interval=\${KUSTOMIZATION_INTERVAL}`,
          `clusters/${env}/dns.yaml Kustomization.interval=\${KUSTOMIZATION_INTERVAL}`,
          `clusters/${env}/infrastructure.yaml Kustomization.interval=\${KUSTOMIZATION_INTERVAL}`,
          `clusters/${env}/infrastructure.yaml Kustomization.interval=\${KUSTOMIZATION_INTERVAL}`,
          `clusters/${env}/receivers.yaml Kustomization.interval=\${KUSTOMIZATION_INTERVAL}`,
        ]),
        // No setting for these: the chart repository index and the Helm drift check.
        "infrastructure/controllers/aws-load-balancer-controller.yaml HelmRepository.interval=12h",
        "infrastructure/controllers/aws-load-balancer-controller.yaml HelmRelease.interval=30m",
        "infrastructure/controllers/aws-load-balancer-controller.yaml HelmRelease.chart.spec.interval=12h",
        "infrastructure/controllers/karpenter.yaml OCIRepository.interval=12h",
        "infrastructure/controllers/karpenter.yaml HelmRelease.interval=30m",
        "infrastructure/dns/external-dns.yaml HelmRepository.interval=12h",
        "infrastructure/dns/external-dns.yaml HelmRelease.interval=30m",
        "infrastructure/dns/external-dns.yaml HelmRelease.chart.spec.interval=12h",
      ].sort(),
    );
    const automation = fluxRepoObjects("apps/dev/image-update-automation.yaml")[0];
    assert.equal(automation.spec?.suspend, "${IMAGE_AUTOMATION_SUSPEND}");
  });

  /** What Flux applies for `env` with these cluster-info values: apps/<env> and clusters/<env>. */
  function applied(env: string, vars: Record<string, string>): KubeObject[] {
    const entry = ["infrastructure.yaml", "apps.yaml"]
      .map((f) => fs.readFileSync(path.join(FLUX_REPO, "clusters", env, f), "utf8"))
      .join("---\n");
    return [
      ...substitutedObjects(entry, vars, `clusters/${env}`),
      ...substitutedObjects(builtApps.get(env) as string, vars, `apps/${env}`),
    ];
  }

  /** One entry per service of the content. */
  const perService = (entry: (service: string) => [string, string]) =>
    Object.fromEntries(SERVICES.map(entry));

  function intervalsOf(objects: KubeObject[]): Record<string, unknown> {
    return Object.fromEntries(
      objects
        .filter((o) => o.spec?.interval !== undefined)
        .map((o) => [`${o.kind} ${o.metadata.name}`, o.spec?.interval]),
    );
  }

  it("polls and re-applies at the intervals of the environment profiles (stacks/profiles.ts)", () => {
    for (const env of ENVIRONMENTS) {
      // With receivers on (the profiles' default), polling runs at the fallback intervals.
      const p = runtimeProfile(profileOf(env));
      const i = p.fluxReceivers ? p.fluxFallbackIntervals : p.fluxIntervals;
      assert.deepEqual(
        intervalsOf(applied(env, sampleClusterInfo(env))),
        {
          "Kustomization infrastructure-controllers": i.kustomization,
          "Kustomization infrastructure-configs": i.kustomization,
          "Kustomization apps": i.kustomization,
          "GitRepository microservices-repo": i.source,
          ...perService((svc) => [`Kustomization ${svc}`, i.kustomization]),
          ...(AUTOMATION_ENVIRONMENTS.includes(env)
            ? {
                ...perService((svc) => [`ImageRepository ${svc}`, i.imageScan]),
                "ImageUpdateAutomation microservices-repo": i.imageAutomation,
              }
            : {}),
        },
        env,
      );
    }
  });

  it("follows a stack's own intervals: overriding cluster-info changes the applied objects", () => {
    const vars = {
      ...sampleClusterInfo("prod"),
      SOURCE_INTERVAL: "3m",
      KUSTOMIZATION_INTERVAL: "7m",
      IMAGE_SCAN_INTERVAL: "2m",
      IMAGE_AUTOMATION_INTERVAL: "4m",
    };
    assert.deepEqual(intervalsOf(applied("prod", vars)), {
      "Kustomization infrastructure-controllers": "7m",
      "Kustomization infrastructure-configs": "7m",
      "Kustomization apps": "7m",
      "GitRepository microservices-repo": "3m",
      ...perService((svc) => [`Kustomization ${svc}`, "7m"]),
    });
    assert.deepEqual(intervalsOf(applied("dev", { ...sampleClusterInfo("dev"), ...vars })), {
      "Kustomization infrastructure-controllers": "7m",
      "Kustomization infrastructure-configs": "7m",
      "Kustomization apps": "7m",
      "GitRepository microservices-repo": "3m",
      ...perService((svc) => [`Kustomization ${svc}`, "7m"]),
      ...perService((svc) => [`ImageRepository ${svc}`, "2m"]),
      "ImageUpdateAutomation microservices-repo": "4m",
    });
  });

  it("fails, as strict substitution does, when cluster-info lacks a variable", () => {
    const vars: Record<string, string> = { ...sampleClusterInfo("staging") };
    delete vars.KUSTOMIZATION_INTERVAL;
    assert.throws(
      () => applied("staging", vars),
      new Error('variable not set (strict mode): "KUSTOMIZATION_INTERVAL"'),
    );
  });

  it("suspends dev's ImageUpdateAutomation with a boolean the schema accepts, per cluster-info", async () => {
    const automation = (suspend: string) => {
      const vars = { ...sampleClusterInfo("dev"), IMAGE_AUTOMATION_SUSPEND: suspend };
      return byName(applied("dev", vars), "ImageUpdateAutomation", "microservices-repo");
    };
    // The dev profile runs image automation: not suspended.
    assert.equal(sampleClusterInfo("dev").IMAGE_AUTOMATION_SUSPEND, "false");
    for (const [value, suspend] of [
      ["true", true],
      ["false", false],
    ] as const) {
      const o = automation(value);
      assert.equal(o.spec?.suspend, suspend);
      assert.equal(await validationError(o), undefined, value);
    }
    // The check is real: the schema rejects a string `suspend` (what a quoted variable would give).
    const quoted = { ...automation("true"), spec: { ...automation("true").spec, suspend: "true" } };
    assert.equal(await validationError(quoted), "data/spec/suspend must be boolean");
  });
});
