/**
 * Cluster access through EKS access entries (no aws-auth ConfigMap): the principals given
 * cluster-admin. https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
 */
import * as eks from "@pulumi/eks";
import type * as pulumi from "@pulumi/pulumi";

/** EKS access policy equivalent to `cluster-admin`. https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html */
export const CLUSTER_ADMIN_POLICY_ARN =
  "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** Access entries giving each principal cluster-admin, keyed by a name stable under reordering. */
export function adminAccessEntries(
  principalArns: readonly string[],
): Record<string, eks.types.input.AccessEntryArgs> {
  const entries: Record<string, eks.types.input.AccessEntryArgs> = {};
  for (const arn of principalArns) {
    // arn:aws:iam::<account>:role/<path/>name -> <account>-role-<path->name
    const key = arn
      .replace(/^arn:[^:]+:iam::/, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    entries[key] = clusterAdminEntry(arn);
  }
  return entries;
}

/** One access entry giving `principalArn` the cluster-admin access policy on the whole cluster. */
export function clusterAdminEntry(
  principalArn: pulumi.Input<string>,
): eks.types.input.AccessEntryArgs {
  return {
    principalArn,
    type: eks.AccessEntryType.Standard,
    accessPolicies: {
      "cluster-admin": { policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: "cluster" } },
    },
  };
}
