/**
 * VpcDrain: at `pulumi destroy`, after the cluster and its nodes and before the VPC, waits until
 * AWS holds nothing in the VPC that would make deleting its subnets fail (DependencyViolation):
 * load balancer and EKS network interfaces still being released, instances still terminating,
 * instances a controller launched (the hook for Karpenter: `controllerNodeTagKeys`). It deletes
 * what only this cluster could have left behind: detached network interfaces of the VPC CNI
 * (tagged `cluster.k8s.amazonaws.com/name`) and the AWS Load Balancer Controller's security
 * groups (tagged `elbv2.k8s.aws/cluster`). Bounded; on timeout it lists what is left and the
 * commands that remove it. Create and update do nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { TeardownClock } from "./flux-teardown";

export interface VpcDrainInputs {
  readonly region: string;
  /** Named AWS profile for the SDK client ('' = the default credential chain). */
  readonly profile: string;
  readonly vpcId: string;
  readonly clusterName: string;
  /** Tag keys of instances a controller launched in the VPC (e.g. `karpenter.sh/nodepool`). */
  readonly controllerNodeTagKeys: readonly string[];
  readonly timeoutSeconds: number;
}

/** What still blocks the VPC, each with the command that removes it. */
export interface Blocker {
  readonly what: string;
  readonly fix: string;
}

/**
 * Network interface types the VPC's own resources hold; they go with the VPC (awsx). Values of
 * the EC2 API's `NetworkInterfaceType` (note `natGateway`, not snake case).
 */
const VPC_OWNED_INTERFACES = ["natGateway", "vpc_endpoint", "gateway_load_balancer_endpoint"];

/** One look at the VPC: deletes what this cluster left, returns what still blocks. */
export async function drainOnce(client: EC2Client, inputs: VpcDrainInputs): Promise<Blocker[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@aws-sdk/client-ec2") as typeof import("@aws-sdk/client-ec2");
  const vpc = [{ Name: "vpc-id", Values: [inputs.vpcId] }];
  const r = `--region ${inputs.region}`;
  const blockers: Blocker[] = [];
  const enis =
    (await client.send(new sdk.DescribeNetworkInterfacesCommand({ Filters: vpc })))
      .NetworkInterfaces ?? [];
  for (const eni of enis) {
    if (VPC_OWNED_INTERFACES.includes(eni.InterfaceType ?? "")) continue;
    const ours = (eni.TagSet ?? []).some(
      (t) => t.Key === "cluster.k8s.amazonaws.com/name" && t.Value === inputs.clusterName,
    );
    if (eni.Status === "available" && ours) {
      try {
        await client.send(
          new sdk.DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterfaceId }),
        );
        continue;
      } catch {
        // Still being detached: next round.
      }
    }
    blockers.push({
      what: `network interface ${eni.NetworkInterfaceId} (${eni.Description || eni.InterfaceType || "interface"}, ${eni.Status})`,
      fix: eni.Description?.startsWith("ELB ")
        ? `aws elbv2 delete-load-balancer ${r} --load-balancer-arn <ARN of ${eni.Description.slice(4)}>`
        : `aws ec2 delete-network-interface ${r} --network-interface-id ${eni.NetworkInterfaceId}`,
    });
  }
  if (inputs.controllerNodeTagKeys.length > 0) {
    const out = await client.send(
      new sdk.DescribeInstancesCommand({
        Filters: [
          ...vpc,
          { Name: "tag-key", Values: [...inputs.controllerNodeTagKeys] },
          {
            Name: "instance-state-name",
            Values: ["pending", "running", "stopping", "stopped", "shutting-down"],
          },
        ],
      }),
    );
    for (const i of (out.Reservations ?? []).flatMap((x) => x.Instances ?? [])) {
      blockers.push({
        what: `instance ${i.InstanceId} launched by a controller (${i.State?.Name})`,
        fix: `aws ec2 terminate-instances ${r} --instance-ids ${i.InstanceId}`,
      });
    }
  }
  const groups = await client.send(
    new sdk.DescribeSecurityGroupsCommand({
      Filters: [...vpc, { Name: "tag:elbv2.k8s.aws/cluster", Values: [inputs.clusterName] }],
    }),
  );
  for (const g of groups.SecurityGroups ?? []) {
    try {
      await client.send(new sdk.DeleteSecurityGroupCommand({ GroupId: g.GroupId }));
    } catch {
      blockers.push({
        what: `security group ${g.GroupId} (${g.GroupName}) of the AWS Load Balancer Controller`,
        fix: `aws ec2 delete-security-group ${r} --group-id ${g.GroupId}`,
      });
    }
  }
  return blockers;
}

/** Repeats `drainOnce` every 15 s until nothing blocks, or fails at the deadline with the list. */
export async function runVpcDrain(
  client: EC2Client,
  inputs: VpcDrainInputs,
  clock: TeardownClock,
): Promise<void> {
  const deadline = clock.now() + inputs.timeoutSeconds * 1000;
  for (;;) {
    const blockers = await drainOnce(client, inputs);
    if (blockers.length === 0) return;
    if (clock.now() >= deadline) {
      throw new Error(
        `VPC ${inputs.vpcId} of cluster ${inputs.clusterName} still holds, after ${inputs.timeoutSeconds} s:\n` +
          blockers.map((b) => `  - ${b.what}: ${b.fix}`).join("\n") +
          `\nRemove them (or wait for AWS to release them), then run pulumi destroy again.`,
      );
    }
    await clock.sleep(15_000);
  }
}

export const vpcDrainProvider: pulumi.dynamic.ResourceProvider<VpcDrainInputs, VpcDrainInputs> = {
  create(inputs) {
    return Promise.resolve({ id: `${inputs.vpcId}/drain`, outs: inputs });
  },
  diff(_id, olds, news) {
    return Promise.resolve({
      changes: JSON.stringify(olds) !== JSON.stringify(news),
      replaces: olds.vpcId === news.vpcId ? [] : ["vpcId"],
      deleteBeforeReplace: false,
    });
  },
  update(_id, _olds, news) {
    return Promise.resolve({ outs: news });
  },
  async delete(_id, olds) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require("@aws-sdk/client-ec2") as typeof import("@aws-sdk/client-ec2");
    const client = new sdk.EC2Client({
      region: olds.region,
      ...(olds.profile ? { profile: olds.profile } : {}),
    });
    await runVpcDrain(client, olds, {
      now: () => Date.now(),
      sleep: (ms) => new Promise((res) => setTimeout(res, ms)),
    });
  },
};

export interface VpcDrainArgs {
  readonly region: string;
  /** Named AWS profile (`aws:profile`) for the SDK client. Default: the environment's credentials. */
  readonly profile?: string;
  readonly vpcId: pulumi.Input<string>;
  readonly clusterName: string;
  /** Hook for controller-launched nodes (see `CONTROLLER_NODE_RULES`). Default: none. */
  readonly controllerNodeTagKeys?: readonly string[];
  /** Bound of the wait, in seconds. Default 900: AWS releases ELB interfaces within minutes. */
  readonly timeoutSeconds?: number;
}

/**
 * Type `pulumi-nodejs:dynamic/teardown:VpcDrain`. What lives in the VPC depends on it (input or
 * `dependsOn`), so the engine deletes that first, then the drain, then the VPC.
 */
export class VpcDrain extends pulumi.dynamic.Resource {
  declare public readonly vpcId: pulumi.Output<string>;

  constructor(name: string, args: VpcDrainArgs, opts?: pulumi.CustomResourceOptions) {
    const props: { [K in keyof VpcDrainInputs]: pulumi.Input<VpcDrainInputs[K]> } = {
      region: args.region,
      profile: args.profile ?? "",
      vpcId: args.vpcId,
      clusterName: args.clusterName,
      controllerNodeTagKeys: [...(args.controllerNodeTagKeys ?? [])],
      timeoutSeconds: args.timeoutSeconds ?? 900,
    };
    super(vpcDrainProvider, name, props, opts, "teardown", "VpcDrain");
  }
}
