/**
 * Flux on one environment cluster: the fluxcd-community `flux2` Helm chart with the image
 * controllers, IRSA roles for the controllers that reach AWS, optionally a CodeCommit HTTPS Git
 * credential (git-credential.ts), and the bootstrap objects Flux takes over from (GitRepository +
 * Kustomization for `clusters/<env>`, ConfigMap `cluster-info`). Pure logic: values.ts, iam.ts,
 * bootstrap.ts, versions.ts.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicyJson, type PolicyDocument } from "../aws";
import type { SharedOutputs } from "../delivery";
import { feedbackAddress } from "../feedback";
import { CLUSTER_INFO_NAME } from "./cluster-info";
import {
  BOOTSTRAP_NAME,
  bootstrapGitRepository,
  bootstrapKustomization,
  clusterInfoData,
  FLUX_NAMESPACE,
  GIT_REPOSITORY_API,
  KUSTOMIZATION_API,
  type BootstrapInput,
} from "./bootstrap";
import { codeCommitCredentialSecret } from "./git-credential";
import {
  iamTargets,
  imageAutomationPolicy,
  imageReflectorPolicy,
  sourceControllerPolicy,
  type FluxIamTargets,
} from "./iam";
import { FLUX_SERVICE_ACCOUNTS, fluxHelmValues, type FluxRoleArns } from "./values";
import { fluxVersionOfChart, supportsCodeCommitProvider } from "./versions";
import {
  appsLoadBalancerName,
  readyTimeouts,
  REPOSITORY_ANNOTATION,
  WAIT_FOR_ANNOTATION,
  WAIT_FOR_READY,
} from "./readiness";

/** The community chart repository (https://github.com/fluxcd-community/helm-charts, README). */
export const FLUX_CHART_REPOSITORY = "https://fluxcd-community.github.io/helm-charts";
export const FLUX_CHART_NAME = "flux2";

export type { FluxArgs } from "./args";
import type { FluxArgs } from "./args";

/** Thrown when the settings ask for something the pinned Flux cannot do. */
export class FluxSettingsError extends Error {}

export class Flux extends pulumi.ComponentResource {
  /** `flux-system`. */
  public readonly namespace: pulumi.Output<string>;
  /** IRSA role ARN per controller; only the roles this Git auth mode needs exist. */
  public readonly roleArns: FluxRoleArns<pulumi.Output<string>>;
  /** The Helm release (bootstrap objects depend on it). */
  public readonly release: k8s.helm.v3.Release;
  /** The bootstrap Kustomization (`flux-system/flux-system`), for the teardown to order after. */
  public readonly bootstrapKustomization: k8s.apiextensions.CustomResource;
  /** The ALB the AWS Load Balancer Controller will create for ingress group `apps`. */
  public readonly appsLoadBalancerName: string;

  constructor(name: string, args: FluxArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:flux:Flux", name, {}, opts);
    const { settings } = args;
    const fluxVersion = fluxVersionOfChart(settings.chartVersion);
    if (!fluxVersion) {
      throw new FluxSettingsError(
        `flux chartVersion ${settings.chartVersion} is not in components/flux/versions.ts.`,
      );
    }
    if (settings.gitAuth === "aws-provider" && !supportsCodeCommitProvider(fluxVersion)) {
      throw new FluxSettingsError(
        `flux gitAuth aws-provider needs Flux >= 2.9 (GitRepository provider aws); chart ` +
          `${settings.chartVersion} ships Flux ${fluxVersion}. Use https-credential.`,
      );
    }
    const shared = pulumi.output(args.shared);
    this.appsLoadBalancerName = appsLoadBalancerName(args.namePrefix);
    const k8sOpts = { parent: this, provider: args.kubernetesProvider };

    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: FLUX_NAMESPACE } },
      { ...k8sOpts, deletedWith: args.deletedWith },
    );
    this.namespace = namespace.metadata.name;

    const awsGitAuth = settings.gitAuth === "aws-provider";
    const roles = {
      sourceController: awsGitAuth
        ? this.irsaRole(name, args, "sourceController", shared, sourceControllerPolicy)
        : undefined,
      // Only environments that write image tags back to git get a role that may push.
      imageAutomationController:
        awsGitAuth && settings.imageAutomation
          ? this.irsaRole(name, args, "imageAutomationController", shared, imageAutomationPolicy)
          : undefined,
      imageReflectionController: this.irsaRole(
        name,
        args,
        "imageReflectionController",
        shared,
        imageReflectorPolicy,
      ),
    };
    this.roleArns = {
      sourceController: roles.sourceController?.role.arn,
      imageAutomationController: roles.imageAutomationController?.role.arn,
      imageReflectionController: roles.imageReflectionController.role.arn,
    };

    const gitSecret =
      settings.gitAuth === "https-credential"
        ? codeCommitCredentialSecret(this, name, {
            namePrefix: args.namePrefix,
            allowPush: settings.imageAutomation,
            targets: shared.apply(iamTargets),
            namespace: namespace.metadata.name,
            kubernetesProvider: args.kubernetesProvider,
            permissionsBoundary: args.permissionsBoundary,
          })
        : undefined;

    // helm.v3.Release runs real Helm: it waits until the CRDs and controller Deployments are
    // ready (so the bootstrap objects below do not race the CRDs) and runs the chart's hooks
    // (`flux check --pre`, the optional `flux migrate` pre-upgrade Job). helm.v4.Chart renders the
    // chart into Pulumi resources and drops hook resources (pulumi/pulumi-kubernetes#3284).
    this.release = new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: FLUX_CHART_NAME,
        chart: FLUX_CHART_NAME,
        version: settings.chartVersion,
        repositoryOpts: { repo: FLUX_CHART_REPOSITORY },
        namespace: this.namespace,
        createNamespace: false,
        values: fluxHelmValues({
          fluxVersion,
          roleArns: { ...this.roleArns, kustomizeController: args.kustomizeControllerRoleArn },
          legacyEcrAutologin: settings.legacyEcrAutologin,
        }),
        cleanupOnFail: true,
        // Seconds; the first install pulls seven images and runs the pre-install check Job.
        timeout: 600,
        maxHistory: 10,
      },
      {
        ...k8sOpts,
        // Controllers must not start before their role may act (IRSA needs no restart then).
        dependsOn: [
          ...Object.values(roles).flatMap((r) => (r ? [r.policy] : [])),
          ...(args.installAfter ?? []),
        ],
      },
    );

    const clusterInfo = new k8s.core.v1.ConfigMap(
      `${name}-cluster-info`,
      {
        metadata: { name: CLUSTER_INFO_NAME, namespace: this.namespace },
        data: clusterInfoData({
          environment: args.environment,
          accountId: args.accountId,
          region: args.region,
          clusterName: args.clusterName,
          vpcId: args.vpcId,
          ecrRegistry: shared.ecrRegistry,
          fluxRepoUrl: shared.fluxRepo.cloneUrlHttp,
          microservicesRepoUrl: shared.microservicesRepo.cloneUrlHttp,
          gitBranch: shared.defaultBranch,
          appsBranch: args.appsBranch,
          lbControllerRoleArn: args.lbControllerRoleArn,
          karpenter: args.karpenter,
          fluxRepoName: shared.fluxRepo.name,
          microservicesRepoName: shared.microservicesRepo.name,
          deploymentFeedbackAddress: shared.deploymentFeedback.url.apply((url) =>
            feedbackAddress(url, args.environment),
          ),
          appsLoadBalancerName: this.appsLoadBalancerName,
          flux: settings,
          appDomain: args.appDomain,
          receivers: args.receivers,
        }),
      },
      k8sOpts,
    );

    // Typed custom resources rather than the flux2-sync chart: two small objects need no second
    // chart to pin (flux2-sync 1.15.x files could not be read here), tests validate these exact
    // objects against the Flux CRD schemas, the Git credential stays a Pulumi secret in one
    // Kubernetes Secret instead of also living in Helm's release values, and `pulumi preview`
    // diffs each field.
    // The kinds are unknown to the API server until the release installs the CRDs; the provider
    // (>= 4.32.0) reads a Release's CRDs at preview, so the first preview resolves them
    // (pulumi/pulumi-kubernetes#3176, PR #4417). Depending on the release also orders destroy:
    // these go first, while the controllers still run to process Flux's finalizers (prune).
    const bootstrap = (s: SharedOutputs): BootstrapInput => ({
      environment: args.environment,
      fluxRepoUrl: s.fluxRepo.cloneUrlHttp,
      branch: s.defaultBranch,
      gitAuth: settings.gitAuth,
      sourceInterval: settings.intervals.source,
      kustomizationInterval: settings.intervals.kustomization,
    });
    const gitRepository = new k8s.apiextensions.CustomResource(
      `${name}-git-repository`,
      {
        apiVersion: GIT_REPOSITORY_API,
        kind: "GitRepository",
        metadata: {
          name: BOOTSTRAP_NAME,
          namespace: this.namespace,
          // `pulumi up` fails with Flux's message when it cannot clone (readiness.ts).
          annotations: { [WAIT_FOR_ANNOTATION]: WAIT_FOR_READY },
        },
        spec: shared.apply((s) => bootstrapGitRepository(bootstrap(s)).spec),
      },
      {
        ...k8sOpts,
        dependsOn: [this.release, ...(gitSecret ? [gitSecret] : [])],
        customTimeouts: readyTimeouts(settings.readyTimeout),
      },
    );
    this.bootstrapKustomization = new k8s.apiextensions.CustomResource(
      `${name}-kustomization`,
      {
        apiVersion: KUSTOMIZATION_API,
        kind: "Kustomization",
        metadata: {
          name: BOOTSTRAP_NAME,
          namespace: this.namespace,
          annotations: {
            [WAIT_FOR_ANNOTATION]: WAIT_FOR_READY,
            [REPOSITORY_ANNOTATION]: shared.fluxRepo.name,
          },
        },
        spec: shared.apply((s) => bootstrapKustomization(bootstrap(s)).spec),
      },
      // Substitution reads cluster-info: it must exist before the first apply.
      {
        ...k8sOpts,
        dependsOn: [this.release, gitRepository, clusterInfo],
        customTimeouts: readyTimeouts(settings.readyTimeout),
      },
    );

    this.registerOutputs({ namespace: this.namespace, roleArns: this.roleArns });
  }

  /** An IRSA role for one controller's service account, with its inline policy. */
  private irsaRole(
    name: string,
    args: FluxArgs,
    controller: keyof typeof FLUX_SERVICE_ACCOUNTS,
    shared: pulumi.Output<SharedOutputs>,
    policy: (t: FluxIamTargets) => PolicyDocument,
  ): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const serviceAccount = FLUX_SERVICE_ACCOUNTS[controller];
    const role = new aws.iam.Role(
      `${name}-${serviceAccount}`,
      {
        name: `${args.namePrefix}-flux-${serviceAccount}`,
        description: `Flux ${serviceAccount} in ${args.environment} (IRSA ${FLUX_NAMESPACE}/${serviceAccount})`,
        assumeRolePolicy: irsaTrustPolicyJson(args.oidcProvider, {
          namespace: FLUX_NAMESPACE,
          name: serviceAccount,
        }),
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-${serviceAccount}`,
      {
        name: `flux-${serviceAccount}`,
        role: role.id,
        policy: shared.apply((s) => JSON.stringify(policy(iamTargets(s)))),
      },
      { parent: this },
    );
    return { role, policy: rolePolicy };
  }
}
