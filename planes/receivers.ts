/**
 * The environment's Flux Receivers (components/receivers): the relay's AWS side before Flux (its
 * target group and security group go into cluster-info), the token Secret after Flux's namespace.
 */
import type * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SharedOutputs } from "../components/delivery";
import { ReceiverRelay, ReceiverToken, relayNames, syncedBranches } from "../components/receivers";
import { FLUX_NAMESPACE } from "../components/flux";
import type { RuntimeSettings } from "../stacks/settings";
import { promotionPlace } from "../stacks/shared";

/** The relay, where `settings.flux.receivers` is on. */
export function receiverRelay(
  settings: RuntimeSettings,
  network: {
    readonly vpcId: pulumi.Input<string>;
    readonly privateSubnetIds: pulumi.Input<string[]>;
  },
  shared: pulumi.Output<SharedOutputs>,
  accountId: pulumi.Input<string>,
  permissionsBoundary: pulumi.Input<string | undefined>,
  provider: aws.Provider,
): ReceiverRelay | undefined {
  if (!settings.flux.receivers) return undefined;
  const branches = pulumi
    .all([shared, promotionPlace(shared, settings)])
    .apply(([s, place]) => syncedBranches(s, place.branch));
  return new ReceiverRelay(
    `${settings.namePrefix}-receivers`,
    {
      environment: settings.environment,
      namePrefix: settings.namePrefix,
      region: settings.region,
      accountId,
      vpcId: network.vpcId,
      clusterName: settings.cluster.name,
      vpcCidr: settings.network.cidr,
      privateSubnetIds: network.privateSubnetIds,
      namespace: FLUX_NAMESPACE,
      // ECR pushes matter only where image automation turns them into commits.
      imageRepositoryNames: settings.flux.imageAutomation
        ? shared.apply((s) => Object.values(s.ecrRepositories).map((r) => r.name))
        : undefined,
      fluxRepo: {
        name: shared.fluxRepo.name,
        arn: shared.fluxRepo.arn,
        branch: branches.fluxRepo,
      },
      microservicesRepo: {
        name: shared.microservicesRepo.name,
        arn: shared.microservicesRepo.arn,
        branch: branches.microservicesRepo,
      },
      logRetentionDays: settings.cluster.logRetentionDays,
      protect: settings.protect,
      permissionsBoundary,
    },
    { providers: { aws: provider } },
  );
}

/** The Receivers' token: the Secret always (the Receivers stay Ready), SSM with the relay. */
export function receiverToken(
  settings: RuntimeSettings,
  namespace: pulumi.Input<string>,
  kubernetesProvider: k8s.Provider,
  provider: aws.Provider,
): ReceiverToken {
  return new ReceiverToken(
    `${settings.namePrefix}-receiver-token`,
    {
      environment: settings.environment,
      namespace,
      kubernetesProvider,
      parameterName: settings.flux.receivers
        ? relayNames(settings.namePrefix).tokenParameter
        : undefined,
    },
    { providers: { aws: provider } },
  );
}
