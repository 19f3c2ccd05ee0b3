/**
 * The EKS cluster's service role, declared here instead of by pulumi-eks so that it can carry the
 * environment's permissions boundary: pulumi-eks 4.3.0 creates it without one
 * (pulumi/pulumi-eks `nodejs/eks/servicerole.ts` at v4.3.0), and an environment's Deployments role
 * may create no role without its boundary. The role and its policy attachment keep the logical
 * identity pulumi-eks gave them through aliases, so a stack that already has them adopts them in
 * place: same physical name and ARN, so the cluster (whose role cannot change) is not replaced.
 */
import * as aws from "@pulumi/aws";
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../aws";

/** The managed policy EKS clusters need (https://docs.aws.amazon.com/eks/latest/userguide/cluster-iam-role.html). */
export const CLUSTER_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy";

/** Description pulumi-eks gives the role (kept, so that adoption changes nothing but the boundary). */
export const CLUSTER_ROLE_DESCRIPTION = "Allows EKS to manage clusters on your behalf.";

/**
 * The trust pulumi-eks 4.3.0 writes (`cluster.ts`, `createCore`: service `eks.amazonaws.com`,
 * `sts:AssumeRole` and `sts:TagSession`, the latter for EKS Auto Mode), key order included.
 */
export function clusterTrustPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Effect: "Allow",
        Principal: { Service: ["eks.amazonaws.com"] },
      },
    ],
  };
}

/**
 * The URN of a child of the resource `parentUrn`, as the engine builds it: the parent's type
 * chain, `$`, the child's type (the rule of `pulumi.createUrn` in @pulumi/pulumi `resource.ts`).
 */
export function childUrn(parentUrn: string, type: string, name: string): string {
  return `${parentUrn.substring(0, parentUrn.lastIndexOf("::"))}$${type}::${name}`;
}

/**
 * URNs the role and its attachment had as children of pulumi-eks's `ServiceRole` component
 * `<eks name>-eksRole` under the `eks:index:Cluster` named `eksName` (child of `parentUrn`):
 * the role `<eks name>-eksRole-role`, the attachment `<eks name>-eksRole-<sha1(policy)[0..8]>`.
 */
export function pulumiEksRoleUrns(
  parentUrn: string,
  eksName: string,
): { role: string; attachment: string } {
  const cluster = childUrn(parentUrn, "eks:index:Cluster", eksName);
  const serviceRole = childUrn(cluster, "eks:index:ServiceRole", `${eksName}-eksRole`);
  const hash = crypto.createHash("sha1").update(CLUSTER_POLICY_ARN).digest("hex").substring(0, 8);
  return {
    role: childUrn(serviceRole, "aws:iam/role:Role", `${eksName}-eksRole-role`),
    attachment: childUrn(
      serviceRole,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      `${eksName}-eksRole-${hash}`,
    ),
  };
}

/** The role and its attachment, children of `parent` (the Cluster component). */
export function createClusterRole(
  parent: pulumi.Resource,
  name: string,
  eksName: string,
  permissionsBoundary: pulumi.Input<string | undefined> | undefined,
): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } {
  const urns = parent.urn.apply((u) => pulumiEksRoleUrns(u, eksName));
  const role = new aws.iam.Role(
    `${name}-cluster`,
    {
      description: CLUSTER_ROLE_DESCRIPTION,
      assumeRolePolicy: JSON.stringify(clusterTrustPolicy()),
      permissionsBoundary,
    },
    { parent, aliases: [urns.role] },
  );
  const attachment = new aws.iam.RolePolicyAttachment(
    `${name}-cluster`,
    { role: role.name, policyArn: CLUSTER_POLICY_ARN },
    { parent, aliases: [urns.attachment] },
  );
  return { role, attachment };
}
