/**
 * gitops-platform: composes the components of this stack's plane. Settings are loaded and
 * validated first (stacks/); no resource is declared when they are invalid.
 */
import * as aws from "@pulumi/aws";
import { Cluster } from "./components/cluster";
import { Flux } from "./components/flux";
import { Deployments } from "./components/deployments";
import { Network } from "./components/network";
import { loadSettings } from "./stacks/load";
import { referenceShared } from "./stacks/shared";
import type { DeliverySettings, RuntimeSettings } from "./stacks/settings";

function awsProvider(settings: RuntimeSettings | DeliverySettings): aws.Provider {
  return new aws.Provider("aws", {
    region: settings.region as aws.Region,
    defaultTags: { tags: { ...settings.tags } },
  });
}

/** The shared stack: repositories, registry, image pipelines, Pulumi Deployments. */
function deliveryPlane(settings: DeliverySettings): Record<string, unknown> {
  const provider = awsProvider(settings);
  return { plane: settings.plane, ...deployments(settings, provider) };
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
      accountId: aws.getCallerIdentityOutput({}, { provider }).accountId,
      shared: referenceShared(settings),
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
