/**
 * The calls of the data sources (invokes) the program makes: each `pulumi up`, preview and
 * refresh makes them with the deployment's credentials. A token not listed here is unknown to the
 * coverage test (harness/mocks.ts `mockCall` lists every token the program may call).
 */
import { on, type Call, type Scope } from "./types";

export const DATA_SOURCE_CALLS: Readonly<
  Record<string, (inputs: Record<string, unknown>, s: Scope) => Call[]>
> = {
  // Needs no permission (and no policy can deny it); listed so that the map is complete.
  "aws:index/getCallerIdentity:getCallerIdentity": () =>
    on("*", undefined, [["read", "sts:GetCallerIdentity"]]),
  // Answered from the provider's configuration: no AWS call.
  "aws:index/getRegion:getRegion": () => [],
  "aws:index/getPartition:getPartition": () => [],
  "aws:index/getAvailabilityZones:getAvailabilityZones": () =>
    on("*", undefined, [["read", "ec2:DescribeAvailabilityZones"]]),
  // The AWS provider lists the zones to find it by name, then reads it and its tags.
  "aws:route53/getZone:getZone": (_inputs, s) => [
    ...on("*", undefined, [["read", "route53:ListHostedZones"]]),
    ...on(`arn:${s.partition}:route53:::hostedzone/Z0123456789`, undefined, [
      ["read", "route53:GetHostedZone", "route53:ListTagsForResource"],
    ]),
  ],
};
