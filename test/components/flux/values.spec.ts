import * as assert from "node:assert/strict";
import {
  FluxValuesError,
  fluxHelmValues,
  IRSA_ANNOTATION,
  LEGACY_ECR_AUTOLOGIN_FLAG,
  STRICT_SUBSTITUTION_GATE,
} from "../../../components/flux/values";
import {
  DEFAULT_FLUX_CHART_VERSION,
  FLUX_CHART_RELEASES,
  fluxVersionOfChart,
  supportsCodeCommitProvider,
  supportsLegacyEcrAutologin,
} from "../../../components/flux/versions";
// Key paths of charts/flux2/values.yaml at chart 2.18.3 (fluxcd-community/helm-charts commit
// 484b12cacf01f2be54fd3604c859cc38e3b41198); see the fixture's `source` and `note`.
import chartKeys from "./fixtures/flux2-2.18.3-values-keys.json";

const ROLES = {
  sourceController: "arn:aws:iam::123456789012:role/gitops-dev-flux-source-controller",
  imageAutomationController:
    "arn:aws:iam::123456789012:role/gitops-dev-flux-image-automation-controller",
  imageReflectionController:
    "arn:aws:iam::123456789012:role/gitops-dev-flux-image-reflector-controller",
};

/** Every leaf path of a values object (lists, scalars and `{}` are leaves), as [segments]. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

/** Paths of `values` the chart does not define (a path under a free-form `{}` map is defined). */
function unknownKeys(values: unknown): string[] {
  const keys = new Set(chartKeys.keys);
  return leafPaths(values)
    .map((p) => p.join("."))
    .filter((p) => !keys.has(p) && !chartKeys.openMaps.some((m) => p.startsWith(`${m}.`)));
}

describe("components/flux-values: flux2 chart values", () => {
  const current = fluxHelmValues({
    fluxVersion: "2.9.5",
    roleArns: ROLES,
    legacyEcrAutologin: false,
  });

  it("builds the exact values for Flux 2.9 with three IRSA roles", () => {
    const sa = (arn: string) => ({ create: true, annotations: { [IRSA_ANNOTATION]: arn } });
    assert.deepEqual(current, {
      installCRDs: true,
      crds: { annotations: { "helm.sh/resource-policy": "keep" } },
      sourceController: { create: true, serviceAccount: sa(ROLES.sourceController) },
      kustomizeController: {
        create: true,
        container: { additionalArgs: ["--feature-gates=StrictPostBuildSubstitutions=true"] },
      },
      helmController: { create: true },
      notificationController: { create: true },
      imageAutomationController: {
        create: true,
        serviceAccount: sa(ROLES.imageAutomationController),
      },
      imageReflectionController: {
        create: true,
        serviceAccount: sa(ROLES.imageReflectionController),
      },
    });
  });

  it("uses only keys defined by the chart's values.yaml (2.18.3)", () => {
    assert.equal(chartKeys.version, "2.18.3");
    assert.deepEqual(unknownKeys(current), []);
    const legacy = fluxHelmValues({
      fluxVersion: "2.6.4",
      roleArns: ROLES,
      legacyEcrAutologin: true,
    });
    assert.deepEqual(unknownKeys(legacy), []);
  });

  it("turns on strict post-build substitution for every Flux version, through a chart key", () => {
    assert.equal(STRICT_SUBSTITUTION_GATE, "--feature-gates=StrictPostBuildSubstitutions=true");
    // The chart has no feature-gate key; container.additionalArgs reaches the container's args.
    assert.ok(chartKeys.keys.includes("kustomizeController.container.additionalArgs"));
    for (const fluxVersion of Object.values(FLUX_CHART_RELEASES)) {
      const v = fluxHelmValues({ fluxVersion, roleArns: {}, legacyEcrAutologin: false });
      assert.deepEqual(v.kustomizeController, {
        create: true,
        container: { additionalArgs: [STRICT_SUBSTITUTION_GATE] },
      });
    }
  });

  it("the key check catches a misspelt controller key", () => {
    assert.deepEqual(unknownKeys({ imageReflectorController: { create: true } }), [
      "imageReflectorController.create",
    ]);
    assert.deepEqual(unknownKeys({ sourceController: { serviceAccount: { annotation: {} } } }), [
      "sourceController.serviceAccount.annotation",
    ]);
  });

  it("leaves image repositories and tags to the pinned chart", () => {
    const paths = leafPaths(current).map((p) => p.join("."));
    assert.deepEqual(
      paths.filter((p) => /\.(image|tag)$/.test(p)),
      [],
    );
  });

  it("omits the service account override when a controller has no role", () => {
    const v = fluxHelmValues({
      fluxVersion: "2.9.5",
      roleArns: { imageReflectionController: ROLES.imageReflectionController },
      legacyEcrAutologin: false,
    });
    assert.deepEqual(v.sourceController, { create: true });
    assert.deepEqual(v.imageAutomationController, { create: true });
    assert.equal(
      v.imageReflectionController.serviceAccount?.annotations[IRSA_ANNOTATION],
      ROLES.imageReflectionController,
    );
  });

  it("adds --aws-autologin-for-ecr on Flux < 2.7 only when asked", () => {
    const legacy = fluxHelmValues({
      fluxVersion: "2.6.4",
      roleArns: ROLES,
      legacyEcrAutologin: true,
    });
    assert.deepEqual(legacy.imageReflectionController.container, {
      additionalArgs: ["--aws-autologin-for-ecr"],
    });
    assert.equal(LEGACY_ECR_AUTOLOGIN_FLAG, "--aws-autologin-for-ecr");
    const off = fluxHelmValues({
      fluxVersion: "2.6.4",
      roleArns: ROLES,
      legacyEcrAutologin: false,
    });
    assert.equal(off.imageReflectionController.container, undefined);
  });

  it("refuses the legacy flag on Flux >= 2.7, naming the fix", () => {
    for (const fluxVersion of ["2.7.0", "2.8.5", "2.9.5"]) {
      assert.throws(
        () => fluxHelmValues({ fluxVersion, roleArns: ROLES, legacyEcrAutologin: true }),
        (e: unknown) =>
          e instanceof FluxValuesError &&
          e.message ===
            `legacyEcrAutologin: Flux ${fluxVersion} has no --aws-autologin-for-ecr: ` +
              "image-reflector-controller v1.0.0 (Flux 2.7.0) removed it and exits at start when " +
              "given it (fluxcd/image-reflector-controller#786). Turn the setting off: " +
              "ImageRepository spec.provider: aws with the controller's IRSA role logs in to ECR.",
      );
    }
  });
});

describe("components/flux/versions: chart -> Flux table", () => {
  it("maps each known chart to the Flux release it ships", () => {
    assert.deepEqual(FLUX_CHART_RELEASES, {
      "2.16.4": "2.6.4",
      "2.17.2": "2.7.5",
      "2.18.3": "2.8.5",
      "2.19.0": "2.9.1",
      "2.19.1": "2.9.5",
    });
    assert.equal(fluxVersionOfChart("2.18.3"), "2.8.5");
    assert.equal(fluxVersionOfChart("2.20.0"), undefined);
  });

  it("defaults to a chart whose Flux authenticates to CodeCommit with IRSA", () => {
    assert.equal(DEFAULT_FLUX_CHART_VERSION, "2.19.1");
    assert.equal(supportsCodeCommitProvider(fluxVersionOfChart(DEFAULT_FLUX_CHART_VERSION)!), true);
  });

  it("draws the version lines at Flux 2.7.0 (auto-login flag) and 2.9.0 (provider aws)", () => {
    const rows = Object.values(FLUX_CHART_RELEASES).map((v) => [
      v,
      supportsLegacyEcrAutologin(v),
      supportsCodeCommitProvider(v),
    ]);
    assert.deepEqual(rows, [
      ["2.6.4", true, false],
      ["2.7.5", false, false],
      ["2.8.5", false, false],
      ["2.9.1", false, true],
      ["2.9.5", false, true],
    ]);
    assert.equal(supportsLegacyEcrAutologin("2.6.99"), true);
    assert.equal(supportsLegacyEcrAutologin("2.7.0"), false);
    assert.equal(supportsCodeCommitProvider("2.8.99"), false);
    assert.equal(supportsCodeCommitProvider("2.9.0"), true);
  });
});
