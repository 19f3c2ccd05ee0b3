/** VpcDrain's delete against a mocked EC2 API (aws-sdk-client-mock). */
import * as assert from "node:assert/strict";
import { mockClient } from "aws-sdk-client-mock";
import {
  DeleteNetworkInterfaceCommand,
  DeleteSecurityGroupCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type NetworkInterface,
} from "@aws-sdk/client-ec2";
import { drainOnce, runVpcDrain } from "../../../components/teardown";

const ec2 = mockClient(EC2Client);
const inputs = {
  region: "us-east-1",
  profile: "",
  vpcId: "vpc-1",
  clusterName: "gitops-dev",
  controllerNodeTagKeys: [] as string[],
  timeoutSeconds: 60,
};
const NAT: NetworkInterface = {
  NetworkInterfaceId: "eni-nat",
  InterfaceType: "natGateway",
  Status: "in-use",
};
const CNI: NetworkInterface = {
  NetworkInterfaceId: "eni-cni",
  InterfaceType: "interface",
  Status: "available",
  Description: "aws-K8S-i-0abc",
  TagSet: [{ Key: "cluster.k8s.amazonaws.com/name", Value: "gitops-dev" }],
};
const ELB: NetworkInterface = {
  NetworkInterfaceId: "eni-elb",
  InterfaceType: "interface",
  Status: "in-use",
  Description: "ELB app/k8s-frontend-abc/123",
};

describe("components/teardown: VpcDrain", () => {
  beforeEach(() => {
    ec2.reset();
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  });

  it("deletes the CNI's detached interfaces and the controller's security groups; keeps NAT's", async () => {
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [NAT, CNI] });
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [{ GroupId: "sg-1", GroupName: "k8s-traffic-gitops-dev" }] });
    assert.deepEqual(await drainOnce(ec2 as unknown as EC2Client, inputs), []);
    assert.deepEqual(
      ec2.commandCalls(DeleteNetworkInterfaceCommand).map((c) => c.args[0].input),
      [{ NetworkInterfaceId: "eni-cni" }],
    );
    assert.deepEqual(
      ec2.commandCalls(DeleteSecurityGroupCommand).map((c) => c.args[0].input),
      [{ GroupId: "sg-1" }],
    );
    assert.deepEqual(ec2.commandCalls(DescribeNetworkInterfacesCommand)[0].args[0].input, {
      Filters: [{ Name: "vpc-id", Values: ["vpc-1"] }],
    });
    assert.equal(
      ec2.commandCalls(DescribeInstancesCommand).length,
      0,
      "no controller nodes to look for",
    );
  });

  it("waits for a load balancer's interface until AWS releases it", async () => {
    ec2
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [ELB] })
      .resolves({ NetworkInterfaces: [] });
    let t = 0;
    await runVpcDrain(ec2 as unknown as EC2Client, inputs, {
      now: () => t,
      sleep: (ms) => Promise.resolve(void (t += ms)),
    });
    assert.equal(t, 15_000);
  });

  it("fails at the bound listing what is left, with the commands (controller nodes included: the hook)", async () => {
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [ELB] });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ InstanceId: "i-1", State: { Name: "running" } }] }],
    });
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [{ GroupId: "sg-2", GroupName: "k8s-frontend" }] });
    ec2.on(DeleteSecurityGroupCommand).rejects(new Error("DependencyViolation"));
    let t = 0;
    await assert.rejects(
      runVpcDrain(
        ec2 as unknown as EC2Client,
        { ...inputs, controllerNodeTagKeys: ["karpenter.sh/nodepool"] },
        { now: () => t, sleep: (ms) => Promise.resolve(void (t += ms)) },
      ),
      {
        message: [
          "VPC vpc-1 of cluster gitops-dev still holds, after 60 s:",
          "  - network interface eni-elb (ELB app/k8s-frontend-abc/123, in-use): aws elbv2 delete-load-balancer --region us-east-1 --load-balancer-arn <ARN of app/k8s-frontend-abc/123>",
          "  - instance i-1 launched by a controller (running): aws ec2 terminate-instances --region us-east-1 --instance-ids i-1",
          "  - security group sg-2 (k8s-frontend) of the AWS Load Balancer Controller: aws ec2 delete-security-group --region us-east-1 --group-id sg-2",
          "Remove them (or wait for AWS to release them), then run pulumi destroy again.",
        ].join("\n"),
      },
    );
    assert.deepEqual(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.Filters?.[1], {
      Name: "tag-key",
      Values: ["karpenter.sh/nodepool"],
    });
  });
});
