/**
 * gitops-platform: composes the components of this stack's plane. Settings are loaded and
 * validated first (stacks/); no resource is declared when they are invalid.
 */
import * as aws from "@pulumi/aws";
import { Cluster } from "./components/cluster";
import { Flux } from "./components/flux";
import { Network } from "./components/network";
import { Deployments } from "./components/deployments";
import {
  DeploymentConnector,
  DeploymentFeedbackKey,
  kubeconfigCommand,
  loadBalancerAddressCommand,
} from "./components/feedback";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ImagePipeline } from "./components/delivery";
import { Registry } from "./components/delivery";
import { Repositories } from "./components/delivery";
import { loadSettings } from "./stacks/load";
import {
  deploymentsRoleArn,
  inSameAccount,
  referenceShared,
  type SharedOutputs,
} from "./stacks/shared";
import type { DeliverySettings, RuntimeSettings } from "./stacks/settings";

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

/** Repositories (seeded from gitops/), registry, one image pipeline per service; SharedOutputs. */
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
  const pipelines = settings.registry.services.map(
    (service) =>
      new ImagePipeline(
        `pipeline-${service.replace(/\//g, "-")}`,
        {
          ...settings.pipeline,
          service,
          namePrefix: settings.namePrefix,
          accountId: identity.accountId,
          source: { name: repos.seededName("app"), arn: repos.repositories.app.arn },
          image: {
            arn: registry.repositories[service].arn,
            url: registry.repositories[service].repositoryUrl,
          },
          protect: settings.protect,
        },
        opts,
      ),
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
      pipelines.map((p, i) => [settings.registry.services[i], p.pipeline.name]),
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
    },
    { providers: { aws: provider } },
  );
  return {
    deploymentRoleArns: wiring.roleArns,
    deploymentsOidcProviderArn: wiring.oidcProviderArn,
  };
}

/** An environment stack: network, cluster, Flux. */
function runtimePlane(settings: RuntimeSettings): Record<string, unknown> {
  const provider = awsProvider(settings);
  const accountId = aws.getCallerIdentityOutput({}, { provider }).accountId;
  const shared = inSameAccount(referenceShared(settings), accountId, settings);
  const network = new Network(
    settings.namePrefix,
    { ...settings.network, region: settings.region, protect: settings.protect },
    { providers: { aws: provider } },
  );
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
    },
    { providers: { aws: provider } },
  );
  const flux = new Flux(
    `${settings.namePrefix}-flux`,
    {
      environment: settings.environment,
      namePrefix: settings.namePrefix,
      settings: settings.flux,
      kubernetesProvider: cluster.provider,
      oidcProvider: { arn: cluster.oidcProviderArn, url: cluster.oidcProviderUrl },
      clusterName: cluster.clusterName,
      vpcId: network.vpcId,
      lbControllerRoleArn: cluster.lbControllerRoleArn,
      region: settings.region,
      accountId,
      shared,
      installAfter: cluster.nodeGroups,
    },
    { providers: { aws: provider } },
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

export = (): Record<string, unknown> => {
  const settings = loadSettings();
  return settings.plane === "delivery" ? deliveryPlane(settings) : runtimePlane(settings);
};
