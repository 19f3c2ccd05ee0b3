/**
 * Helm values of the fluxcd-community `flux2` chart, as a pure function of the pinned Flux version,
 * the controllers' IRSA role ARNs and the ECR auto-login setting.
 *
 * Keys were read in the chart's `charts/flux2/values.yaml` (fluxcd-community/helm-charts, chart
 * 2.18.3, commit 484b12c); test/components/flux/values.spec.ts checks every key set here against
 * that file's key list. Note the chart's key for image-reflector-controller is
 * `imageReflectionController` (not `imageReflectorController`).
 */
import { supportsLegacyEcrAutologin } from "./versions";

/** The annotation that binds a Kubernetes service account to an IAM role (IRSA). */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * Makes kustomize-controller fail a reconciliation when the content references a `${VAR}` without
 * a default that no source defines, instead of substituting "" (an empty `interval`, URL or role
 * ARN would otherwise be applied, or rejected far from its cause). Gate added in
 * kustomize-controller v1.3.0 (Flux 2.3) and on by default from v1.9.0 (Flux 2.9: flux2 v2.9.0
 * ships kustomize-controller v1.9.1); set explicitly so charts before 2.19 (Flux 2.8 and older,
 * still selectable) behave the same and a default change cannot loosen it
 * (fluxcd/kustomize-controller `internal/features/features.go`, CHANGELOG 1.3.0 and 1.9.0, #1671).
 * Repeated `--feature-gates` flags add up (fluxcd/pkg `runtime/features` binds a component-base
 * MapStringBool), so the chart's own `ExternalArtifact=true` (with `sourceWatcher`) still applies.
 */
export const STRICT_SUBSTITUTION_GATE = "--feature-gates=StrictPostBuildSubstitutions=true";

/** The legacy image-reflector-controller flag (removed in v1.0.0 / Flux 2.7.0). */
export const LEGACY_ECR_AUTOLOGIN_FLAG = "--aws-autologin-for-ecr";

/**
 * Service accounts of the controllers that get an IAM role. The chart names them this way and the
 * Deployments always use these names (`templates/*-sa.yaml`, `source-controller-serviceaccount.yaml`).
 */
export const FLUX_SERVICE_ACCOUNTS = {
  sourceController: "source-controller",
  imageAutomationController: "image-automation-controller",
  imageReflectionController: "image-reflector-controller",
  kustomizeController: "kustomize-controller",
} as const;

/** IRSA role ARN per controller; an absent entry leaves that service account without a role. */
export interface FluxRoleArns<T> {
  readonly sourceController?: T;
  readonly imageAutomationController?: T;
  readonly imageReflectionController?: T;
  /** SOPS decryption with AWS KMS (components/secrets creates this role, not the Flux component). */
  readonly kustomizeController?: T;
}

export interface FluxValuesInput<T> {
  /** Flux release the pinned chart ships (`fluxVersionOfChart`), e.g. `2.9.5`. */
  readonly fluxVersion: string;
  readonly roleArns: FluxRoleArns<T>;
  /** Pass `--aws-autologin-for-ecr` to image-reflector-controller (Flux < 2.7 only). */
  readonly legacyEcrAutologin: boolean;
}

interface ControllerValues<T> {
  readonly create: true;
  readonly serviceAccount?: {
    readonly create: true;
    readonly annotations: Readonly<Record<string, T>>;
  };
  readonly container?: { readonly additionalArgs: readonly string[] };
}

export interface FluxHelmValues<T> {
  readonly installCRDs: true;
  readonly crds: { readonly annotations: Readonly<Record<string, string>> };
  readonly sourceController: ControllerValues<T>;
  readonly kustomizeController: ControllerValues<T>;
  readonly helmController: ControllerValues<T>;
  readonly notificationController: ControllerValues<T>;
  readonly imageAutomationController: ControllerValues<T>;
  readonly imageReflectionController: ControllerValues<T>;
}

/** Thrown for a combination the pinned Flux cannot run. */
export class FluxValuesError extends Error {}

function controller<T>(roleArn: T | undefined, additionalArgs: readonly string[] = []) {
  return {
    create: true as const,
    ...(roleArn === undefined
      ? {}
      : { serviceAccount: { create: true as const, annotations: { [IRSA_ANNOTATION]: roleArn } } }),
    ...(additionalArgs.length > 0 ? { container: { additionalArgs } } : {}),
  };
}

/**
 * The values object. Image repositories and tags are left to the chart: pinning the chart version
 * pins every controller image together with the CRDs it ships, so there is one version to move.
 */
export function fluxHelmValues<T>(input: FluxValuesInput<T>): FluxHelmValues<T> {
  if (input.legacyEcrAutologin && !supportsLegacyEcrAutologin(input.fluxVersion)) {
    throw new FluxValuesError(
      `legacyEcrAutologin: Flux ${input.fluxVersion} has no ${LEGACY_ECR_AUTOLOGIN_FLAG}: ` +
        `image-reflector-controller v1.0.0 (Flux 2.7.0) removed it and exits at start when given it ` +
        `(fluxcd/image-reflector-controller#786). Turn the setting off: ImageRepository ` +
        `spec.provider: aws with the controller's IRSA role logs in to ECR.`,
    );
  }
  const { roleArns } = input;
  return {
    installCRDs: true,
    // Helm deletes the CRDs on uninstall, and with them every Flux object and the workloads those
    // own; `keep` leaves them in place (fluxcd-community/helm-charts#272, chart values comment).
    crds: { annotations: { "helm.sh/resource-policy": "keep" } },
    sourceController: controller(roleArns.sourceController),
    kustomizeController: controller(roleArns.kustomizeController, [STRICT_SUBSTITUTION_GATE]),
    helmController: controller(undefined),
    notificationController: controller(undefined),
    // The seed's `--components-extra=image-reflector-controller,image-automation-controller`:
    // on by default in the chart too, set explicitly so a chart default change cannot drop them.
    imageAutomationController: controller(roleArns.imageAutomationController),
    imageReflectionController: controller(
      roleArns.imageReflectionController,
      input.legacyEcrAutologin ? [LEGACY_ECR_AUTOLOGIN_FLAG] : [],
    ),
  };
}
