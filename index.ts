/**
 * gitops-platform: composes the components of this stack's plane. Settings are loaded and
 * validated first (stacks/); no resource is declared when they are invalid.
 */
import * as aws from "@pulumi/aws";
import { Karpenter, KARPENTER_NODEPOOL_TAG, NodePoolSync } from "./components/autoscaling";
import { Cluster } from "./components/cluster";
import { Flux, type FluxArgs } from "./components/flux";
import { FluxTeardown, VpcDrain } from "./components/teardown";
import { availabilityZoneNames, Network } from "./components/network";
import { Deployments } from "./components/deployments";
import { AppDomain } from "./components/domain";
import { SopsKey } from "./components/secrets";
import type { OidcProvider } from "./components/aws";
import {
  DeploymentConnector,
  DeploymentFeedbackKey,
  kubeconfigCommand,
  loadBalancerAddressCommand,
} from "./components/feedback";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { BuildRouter, ImagePipeline } from "./components/delivery";
import { Registry } from "./components/delivery";
import { imagePolicyPatterns, Repositories } from "./components/delivery";
import { imagePolicyWarnings, settingsWarnings } from "./stacks/warnings";
import { loadSettings } from "./stacks/load";
import {
  deploymentsBoundaryArn,
  deploymentsRoleArn,
  inSameAccount,
  referenceShared,
  type SharedOutputs,
} from "./stacks/shared";
import type { DeliverySettings, RuntimeSettings, Settings } from "./stacks/settings";

function awsProvider(settings: RuntimeSettings | DeliverySettings): aws.Provider {
  return new aws.Provider("aws", {
    region: settings.region as aws.Region,
    profile: settings.awsProfile,
    defaultTags: { tags: { ...settings.tags } },
  });
}

/** The shared stack: repositories, registry, image pipelines, Pulumi Deployments. */
function deliveryPlane(settings: DeliverySettings): Record<string, unknown> {
  const provider = awsProvider(settings);
  return {
    plane: settings.plane,
    ...delivery(settings, provider),
    ...deployments(settings, provider),
  };
}

/**
 * Repositories (seeded from gitops/), registry, one image pipeline per service and the build
 * router that starts them; SharedOutputs.
 */
function delivery(settings: DeliverySettings, provider: aws.Provider): Record<string, unknown> {
  const opts = { providers: { aws: provider } };
  const identity = aws.getCallerIdentityOutput({}, { provider });
  const repos = new Repositories(
    "repos",
    {
      names: settings.repositories,
      defaultBranch: settings.defaultBranch,
      region: settings.region,
      profile: settings.awsProfile,
      contentRoot: path.join(__dirname, "gitops"),
      protect: settings.protect,
    },
    opts,
  );
  const registry = new Registry(
    "registry",
    { ...settings.registry, protect: settings.protect },
    opts,
  );
  const pipelines = settings.services.map(
    (service) =>
      new ImagePipeline(
        `pipeline-${service.name}`,
        {
          ...settings.pipeline,
          service: service.name,
          context: service.folder,
          namePrefix: settings.namePrefix,
          accountId: identity.accountId,
          source: { name: repos.seededName("app"), arn: repos.repositories.app.arn },
          image: {
            arn: registry.repositories[service.name].arn,
            url: registry.repositories[service.name].repositoryUrl,
          },
          protect: settings.protect,
        },
        opts,
      ),
  );
  new BuildRouter(
    "build-router",
    {
      namePrefix: settings.namePrefix,
      accountId: identity.accountId,
      source: {
        arn: repos.repositories.app.arn,
        cloneUrlHttp: repos.repositories.app.cloneUrlHttp,
      },
      branch: settings.pipeline.branch,
      pipelines: settings.services.map((service, i) => ({
        service: service.name,
        folder: service.folder,
        name: pipelines[i].pipeline.name,
        arn: pipelines[i].pipeline.arn,
      })),
      computeType: settings.pipeline.computeType,
      buildImage: settings.pipeline.buildImage,
      logRetentionDays: settings.pipeline.logRetentionDays,
      protect: settings.protect,
    },
    opts,
  );
  const ecrRegistry = pulumi.interpolate`${identity.accountId}.dkr.ecr.${settings.region}.amazonaws.com`;
  const connector = new DeploymentConnector(
    "deployment-feedback",
    {
      namePrefix: settings.namePrefix,
      region: settings.region,
      accountId: identity.accountId,
      repositories: [repos.repositories.flux, repos.repositories.microservices].map((r) => ({
        name: r.repositoryName,
        arn: r.arn,
      })),
      ecrRegistry,
      logRetentionDays: settings.feedback.logRetentionDays,
      protect: settings.protect,
    },
    opts,
  );
  const shared: { [K in keyof SharedOutputs]: pulumi.Input<SharedOutputs[K]> } = {
    accountId: identity.accountId,
    region: settings.region,
    defaultBranch: settings.defaultBranch,
    fluxRepo: repos.ref("flux"),
    microservicesRepo: repos.ref("microservices"),
    appRepo: repos.ref("app"),
    ecrRegistry,
    ecrRepositories: registry.refs(),
    deploymentFeedback: pulumi
      .all([connector.functionUrl, connector.tableName, connector.functionName])
      .apply(([url, table, functionName]) => ({
        url,
        keyParameterPrefix: connector.keyParameterPrefix,
        table,
        functionName,
      })),
  };
  return {
    ...shared,
    imagePipelines: Object.fromEntries(
      pipelines.map((p, i) => [settings.services[i].name, p.pipeline.name]),
    ),
  };
}

/** Pulumi Deployments for every stack; nothing is declared while `deployments.enabled` is false. */
function deployments(settings: DeliverySettings, provider: aws.Provider): Record<string, unknown> {
  const d = settings.deployments;
  if (!d.enabled) return {};
  const wiring = new Deployments(
    "deployments",
    {
      organization: settings.organization,
      project: settings.project,
      region: settings.region,
      namePrefix: settings.namePrefix,
      deliveryStack: settings.stack,
      stacks: d.stacks,
      prodStacks: d.prodStacks,
      branch: d.branch,
      prodBranch: d.prodBranch,
      repoDir: d.repoDir,
      gitHost: d.gitHost,
      repository: d.repository,
      apiToken: d.apiToken,
      protect: settings.protect,
      repositories: settings.repositories,
      imageRepositories: settings.registry.services,
    },
    { providers: { aws: provider } },
  );
  return {
    deploymentRoleArns: wiring.roleArns,
    deploymentBoundaryArns: wiring.boundaryArns,
    deploymentsOidcProviderArn: wiring.oidcProviderArn,
  };
}

/** HTTPS for the applications (none without a domain): certificate and external-dns's role. */
function appDomain(
  settings: RuntimeSettings,
  oidcProvider: OidcProvider,
  provider: aws.Provider,
  permissionsBoundary: pulumi.Input<string | undefined>,
): FluxArgs["appDomain"] {
  const d = settings.appDomain;
  if (d === undefined) return undefined;
  const domain = new AppDomain(
    `${settings.namePrefix}-domain`,
    {
      ...d,
      environment: settings.environment,
      namePrefix: settings.namePrefix,
      oidcProvider,
      permissionsBoundary,
    },
    { providers: { aws: provider } },
  );
  return {
    domain: d.domain,
    certificateArn: domain.certificateArn,
    hostedZoneId: domain.hostedZoneId,
    externalDnsRoleArn: domain.externalDnsRoleArn,
  };
}

/**
 * An environment stack: network, cluster, Karpenter's AWS side, secrets key, application domain,
 * Flux, the NodePools' sync, and what tears it all down in order.
 */
async function runtimePlane(settings: RuntimeSettings): Promise<Record<string, unknown>> {
  const provider = awsProvider(settings);
  // Asked before any other resource: the account's zone names decide the subnets.
  const zoneNames = await availabilityZoneNames(
    settings.network.availabilityZones,
    settings.region,
    { provider },
  );
  const accountId = aws.getCallerIdentityOutput({}, { provider }).accountId;
  const shared = inSameAccount(referenceShared(settings), accountId, settings);
  // Every role this stack creates carries the environment's boundary (its Deployments role may
  // create no other).
  const permissionsBoundary = deploymentsBoundaryArn(shared, settings);
  const network = new Network(
    settings.namePrefix,
    {
      ...settings.network,
      region: settings.region,
      protect: settings.protect,
      karpenterDiscovery: settings.cluster.name,
      permissionsBoundary,
      availabilityZoneNames: zoneNames,
    },
    { providers: { aws: provider } },
  );
  // Deleted after the cluster (which depends on it) and before the VPC: waits until AWS releases
  // what blocks the subnets. dependsOn rather than its vpcId output: a new drain's outputs are
  // unknown at preview, and the cluster's vpcId must not look changed to existing stacks.
  const drain = new VpcDrain(`${settings.namePrefix}-vpc-drain`, {
    region: settings.region,
    profile: settings.awsProfile,
    vpcId: network.vpcId,
    clusterName: settings.cluster.name,
    // Instances Karpenter launched carry it (https://karpenter.sh/docs/reference/instance-types/
    // "Node tags"); they must be gone with their interfaces before the subnets.
    controllerNodeTagKeys: [KARPENTER_NODEPOOL_TAG],
  });
  const cluster = new Cluster(
    settings.namePrefix,
    {
      ...settings.cluster,
      clusterName: settings.cluster.name,
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      publicSubnetIds: network.publicSubnetIds,
      deploymentsRoleArn: settings.cluster.deploymentsAccess
        ? deploymentsRoleArn(shared, settings)
        : undefined,
      awsProfile: settings.awsProfile,
      protect: settings.protect,
      permissionsBoundary,
    },
    { providers: { aws: provider }, dependsOn: [drain] },
  );
  const karpenter = new Karpenter(
    `${settings.namePrefix}-karpenter`,
    {
      clusterName: settings.cluster.name,
      clusterNameOutput: cluster.clusterName,
      oidcProvider: { arn: cluster.oidcProviderArn, url: cluster.oidcProviderUrl },
      region: settings.region,
      accountId,
      clusterSecurityGroupId: cluster.clusterSecurityGroupId,
      permissionsBoundary,
    },
    { providers: { aws: provider } },
  );
  const oidcProvider = { arn: cluster.oidcProviderArn, url: cluster.oidcProviderUrl };
  const sops = new SopsKey(
    `${settings.namePrefix}-sops`,
    {
      ...settings.sops,
      environment: settings.environment,
      namePrefix: settings.namePrefix,
      accountId,
      oidcProvider,
      protect: settings.protect,
      permissionsBoundary,
    },
    { providers: { aws: provider } },
  );
  const domain = appDomain(settings, oidcProvider, provider, permissionsBoundary);
  const flux = new Flux(
    `${settings.namePrefix}-flux`,
    {
      environment: settings.environment,
      namePrefix: settings.namePrefix,
      settings: settings.flux,
      kubernetesProvider: cluster.provider,
      oidcProvider,
      clusterName: cluster.clusterName,
      vpcId: network.vpcId,
      lbControllerRoleArn: cluster.lbControllerRoleArn,
      karpenter: {
        ...settings.karpenter,
        controllerRoleArn: karpenter.controllerRoleArn,
        interruptionQueue: karpenter.queueName,
        instanceProfile: karpenter.instanceProfileName,
      },
      region: settings.region,
      accountId,
      shared,
      installAfter: cluster.nodeGroups,
      permissionsBoundary,
      kustomizeControllerRoleArn: sops.decryptRoleArn,
      appDomain: domain,
      deletedWith: cluster,
    },
    { providers: { aws: provider } },
  );
  // Deleted first: removes the applications (and their load balancers), then the controllers,
  // in Flux dependsOn order, while Flux runs. Nothing else orders it after the bootstrap objects.
  const fluxTeardown = new FluxTeardown(
    `${settings.namePrefix}-flux-teardown`,
    {
      kubeconfig: cluster.kubeconfig,
      bootstrap: { namespace: flux.namespace, name: flux.bootstrapKustomization.metadata.name },
      clusterName: cluster.clusterName,
    },
    { dependsOn: [flux.bootstrapKustomization] },
  );
  // Deleted before the teardown runs: Karpenter terminates the nodes it launched while its
  // controller (a HelmRelease of infrastructure/controllers) is still there.
  new NodePoolSync(
    `${settings.namePrefix}-nodepools`,
    {
      kubernetesProvider: cluster.provider,
      interval: settings.flux.intervals.kustomization,
      fluxSync: flux.bootstrapKustomization,
      karpenterTeardown: karpenter.teardown,
    },
    { parent: karpenter, dependsOn: [fluxTeardown] },
  );
  const feedbackKey = new DeploymentFeedbackKey(
    `${settings.namePrefix}-feedback`,
    {
      environment: settings.environment,
      keyParameterPrefix: shared.deploymentFeedback.keyParameterPrefix,
      namespace: flux.namespace,
      kubernetesProvider: cluster.provider,
    },
    { providers: { aws: provider } },
  );
  const profile = settings.awsProfile;
  return {
    plane: settings.plane,
    environment: settings.environment,
    vpcId: network.vpcId,
    clusterName: cluster.clusterName,
    kubeconfig: cluster.kubeconfig,
    oidcProviderArn: cluster.oidcProviderArn,
    lbControllerRoleArn: cluster.lbControllerRoleArn,
    fluxNamespace: flux.namespace,
    fluxRoleArns: flux.roleArns,
    karpenterRoleArn: karpenter.controllerRoleArn,
    karpenterInterruptionQueue: karpenter.queueName,
    // What `sops encrypt --kms` takes for this environment (README, "Secrets in git").
    sopsKeyArn: sops.keyArn,
    ...(domain === undefined ? {} : { certificateArn: domain.certificateArn }),
    kubeconfigCommand: cluster.clusterName.apply((name) =>
      kubeconfigCommand(settings.region, name, profile),
    ),
    applicationLoadBalancer: {
      name: flux.appsLoadBalancerName,
      addressCommand: loadBalancerAddressCommand(
        settings.region,
        flux.appsLoadBalancerName,
        profile,
      ),
    },
    deploymentFeedbackKeyParameter: feedbackKey.parameterName,
  };
}

/** Legal but risky choices, printed by pulumi preview and up (the offline plan lists them too). */
function warnAbout(settings: Settings): void {
  const found = settingsWarnings(settings, new Date());
  if (settings.plane === "delivery") {
    const policies = imagePolicyPatterns(path.join(__dirname, "gitops", "flux-repo"));
    found.push(...imagePolicyWarnings(settings.pipeline.branch, policies));
  }
  for (const w of found) void pulumi.log.warn(w.text);
}

export = (): Record<string, unknown> | Promise<Record<string, unknown>> => {
  const settings = loadSettings();
  warnAbout(settings);
  return settings.plane === "delivery" ? deliveryPlane(settings) : runtimePlane(settings);
};
