/**
 * SDK calls of the VPC drain (components/teardown/vpc-drain.ts) at destroy, on what the VPC CNI
 * and the AWS Load Balancer Controller left in the VPC. Their tags are modelled from their
 * sources: the CNI tags its interfaces `cluster.k8s.amazonaws.com/name`; the controller tags its
 * security groups `elbv2.k8s.aws/cluster` plus the chart's `defaultTags`, read here from the
 * HelmRelease in gitops/ with the cluster's substitutions (ENVIRONMENT is the stack).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { STACK_TAG } from "../../../components/aws";
import { clusterNameOf } from "./runtime";
import { arns, on, type Call, type Scope } from "./types";

const LB_CONTROLLER = path.resolve(
  __dirname,
  "../../../gitops/flux-repo/infrastructure/controllers/aws-load-balancer-controller.yaml",
);

/** The `defaultTags` of the controller's HelmRelease, substituted for one cluster. */
export function lbControllerTags(environment: string, cluster: string): Record<string, string> {
  const docs = parseAllDocuments(fs.readFileSync(LB_CONTROLLER, "utf8")).map((d) => d.toJS());
  const release = docs.find((d) => d?.kind === "HelmRelease");
  const tags = (release?.spec?.values?.defaultTags ?? {}) as Record<string, string>;
  const vars: Record<string, string> = { ENVIRONMENT: environment, CLUSTER_NAME: cluster };
  return Object.fromEntries(
    Object.entries(tags).map(([k, v]) => [
      k,
      String(v).replace(/\$\{([A-Z_]+)\}/g, (all, name: string) => vars[name] ?? all),
    ]),
  );
}

export function drainCalls(s: Scope): Call[] {
  const cluster = clusterNameOf(s);
  const a = (type: string, id: string) => arns(s).regional("ec2", `${type}/${id}`);
  const groupTags = {
    ...lbControllerTags(s.defaultTags[STACK_TAG], cluster),
    "elbv2.k8s.aws/cluster": cluster,
  };
  return [
    ...on("*", undefined, [
      [
        "delete",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeInstances",
        "ec2:DescribeSecurityGroups",
      ],
    ]),
    ...on(
      a("network-interface", "eni-0123456789abcdef0"),
      {
        "cluster.k8s.amazonaws.com/name": cluster,
      },
      [["delete", "ec2:DeleteNetworkInterface"]],
    ),
    ...on(a("security-group", "sg-0123456789abcdef0"), groupTags, [
      ["delete", "ec2:DeleteSecurityGroup"],
    ]),
  ];
}
