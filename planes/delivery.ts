/**
 * The shared stack (delivery plane): repositories seeded from gitops/, the registry, one image
 * pipeline per service and the build router, the deployment-feedback connector, and Pulumi
 * Deployments for every stack.
 */
import * as aws from "@pulumi/aws";
import { Deployments } from "../components/deployments";
import { DeploymentConnector } from "../components/feedback";
import { DEFAULT_PROMOTION_STAGES, Promotion } from "../components/promotion";
import * as pulumi from "@pulumi/pulumi";
import { BuildRouter, ImagePipeline } from "../components/delivery";
import { Registry } from "../components/delivery";
import { Repositories } from "../components/delivery";
import { type SharedOutputs } from "../stacks/shared";
import type { DeliverySettings } from "../stacks/settings";

import { awsProvider } from "./provider";

/** The shared stack: repositories, registry, image pipelines, Pulumi Deployments. */
export function deliveryPlane(
  settings: DeliverySettings,
  gitopsRoot: string,
): Record<string, unknown> {
  const provider = awsProvider(settings);
  return {
    plane: settings.plane,
    ...delivery(settings, provider, gitopsRoot),
    ...deployments(settings, provider),
  };
}

/**
 * Repositories (seeded from gitops/), registry, one image pipeline per service and the build
 * router that starts them; SharedOutputs.
 */
function delivery(
  settings: DeliverySettings,
  provider: aws.Provider,
  gitopsRoot: string,
): Record<string, unknown> {
  const opts = { providers: { aws: provider } };
  const identity = aws.getCallerIdentityOutput({}, { provider });
  const repos = new Repositories(
    "repos",
    {
      names: settings.repositories,
      defaultBranch: settings.defaultBranch,
      region: settings.region,
      profile: settings.awsProfile,
      contentRoot: gitopsRoot,
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
  const promotion = new Promotion(
    "promotion",
    {
      namePrefix: settings.namePrefix,
      region: settings.region,
      accountId: identity.accountId,
      // promotion stages: from settings once issue-11a lands
      stages: DEFAULT_PROMOTION_STAGES,
      defaultBranch: settings.defaultBranch,
      repository: {
        name: repos.repositories.microservices.repositoryName,
        arn: repos.repositories.microservices.arn,
      },
      imageRepositoryArns: Object.values(registry.repositories).map((r) => r.arn),
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
    promotionApproverPolicyArns: promotion.approverPolicyArns,
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
