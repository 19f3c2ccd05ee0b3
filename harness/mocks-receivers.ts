/**
 * Mock outputs of the receiver relay's load balancer (components/receivers): the ARNs and the
 * DNS name in the shapes the AWS provider returns (an internal NLB's name starts `internal-`:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html).
 */
import { hex, MOCK_ACCOUNT } from "./mock-ids";

type State = { name: string; inputs: Record<string, any>; ctx: { readonly region: string } };

const lbArn = (s: State, kind: string) =>
  `arn:aws:elasticloadbalancing:${s.ctx.region}:${MOCK_ACCOUNT}:${kind}/${String(s.inputs.name ?? s.name)}/${hex(s.name, 16)}`;

export const RECEIVER_OUTPUTS: Record<string, (s: State) => Record<string, unknown>> = {
  "aws:lb/loadBalancer:LoadBalancer": (s) => ({
    arn: lbArn(
      s,
      s.inputs.loadBalancerType === "network" ? "loadbalancer/net" : "loadbalancer/app",
    ),
    dnsName: `${s.inputs.internal ? "internal-" : ""}${String(s.inputs.name ?? s.name)}-${hex(s.name, 16)}.elb.${s.ctx.region}.amazonaws.com`,
    zoneId: "Z26RNL4JYFTOTI",
  }),
  "aws:lb/targetGroup:TargetGroup": (s) => ({
    arn: lbArn(s, "targetgroup"),
  }),
  "aws:lb/listener:Listener": (s) => ({
    arn: `${lbArn(s, "listener/net")}/${hex(`${s.name}-listener`, 16)}`,
  }),
};
