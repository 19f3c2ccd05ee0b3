/**
 * gitops-platform: composes the components of this stack's plane. Settings are loaded and
 * validated first (stacks/); no resource is declared when they are invalid.
 */
import * as aws from "@pulumi/aws";
import { Cluster } from "./components/cluster";
import { Flux } from "./components/flux";
import { Network } from "./components/network";
import { Deployments } from "./components/deployments";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { BuildRouter, ImagePipeline } from "./components/delivery";
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
  const shared: { [K in keyof SharedOutputs]: pulumi.Input<SharedOutputs[K]> } = {
    accountId: identity.accountId,
    region: settings.region,
    defaultBranch: settings.defaultBranch,
    fluxRepo: repos.ref("flux"),
    microservicesRepo: repos.ref("microservices"),
    appRepo: repos.ref("app"),
    ecrRegistry: pulumi.interpolate`${identity.accountId}.dkr.ecr.${settings.region}.amazonaws.com`,
    ecrRepositories: registry.refs(),
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
  };
}

export = (): Record<string, unknown> => {
  const settings = loadSettings();
  return settings.plane === "delivery" ? deliveryPlane(settings) : runtimePlane(settings);
};
