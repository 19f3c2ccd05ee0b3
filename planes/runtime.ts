/**
 * An environment stack (runtime plane): network, cluster, Karpenter's AWS side, the secrets key,
 * the applications' domain, Flux and its deployment-feedback key, the NodePools' sync, and what
 * tears it all down in order.
 */
import * as aws from "@pulumi/aws";
import { Karpenter, KARPENTER_NODEPOOL_TAG, NodePoolSync } from "../components/autoscaling";
import { Cluster } from "../components/cluster";
import { appsLoadBalancerName, Flux, type FluxArgs } from "../components/flux";
import { FluxTeardown, VpcDrain } from "../components/teardown";
import { availabilityZoneNames, Network } from "../components/network";
import { AppDomain } from "../components/domain";
import { SopsKey } from "../components/secrets";
import type { OidcProvider } from "../components/aws";
import {
  DeploymentFeedbackKey,
  kubeconfigCommand,
  loadBalancerAddressCommand,
} from "../components/feedback";
import * as pulumi from "@pulumi/pulumi";
import {
  deploymentsBoundaryArn,
  deploymentsRoleArn,
  inSameAccount,
  promotionPlace,
  referenceShared,
} from "../stacks/shared";
import type { RuntimeSettings } from "../stacks/settings";

import { awsProvider } from "./provider";
import { receiverRelay, receiverToken } from "./receivers";

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
export async function runtimePlane(settings: RuntimeSettings): Promise<Record<string, unknown>> {
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
      tags: settings.tags,
      appsLoadBalancerName: appsLoadBalancerName(settings.namePrefix),
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
  const relay = receiverRelay(settings, network, shared, accountId, permissionsBoundary, provider);
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
      appsBranch: promotionPlace(shared, settings).branch,
      installAfter: cluster.nodeGroups,
      permissionsBoundary,
      kustomizeControllerRoleArn: sops.decryptRoleArn,
      appDomain: domain,
      deletedWith: cluster,
      receivers: relay && {
        targetGroupArn: relay.targetGroupArn,
        loadBalancerSecurityGroupId: relay.loadBalancerSecurityGroupId,
      },
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
  receiverToken(settings, flux.namespace, cluster.provider, provider);
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
    ...(relay === undefined ? {} : { receiverRelayFunction: relay.functionName }),
  };
}
