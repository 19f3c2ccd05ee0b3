/**
 * Fences of the delivery (shared) stack's Deployments role beyond its action lists
 * (delivery-policy.ts): it attaches no managed policy but the environments' own Deployments
 * policies (never AdministratorAccess or another AWS managed policy), sets no permissions
 * boundary but the environments' boundaries, and never removes one.
 *
 * What they cannot do: this role manages its own role and inline policy (the shared stack
 * declares them), so whoever controls its deployments can rewrite it. The roles it creates for
 * the pipelines, the build router and the connector carry no boundary for that reason: a
 * boundary its own author may rewrite fences nothing; their inline policies are least privilege
 * (tested on their own). Its real controls stay its trust policy and who may push to its branch.
 */
import type { PolicyStatement } from "../aws";
import { DEPLOYMENT_ROLE_PATH, stackRoleNames } from "./policy";

export interface DeliveryFenceScope {
  readonly partition: string;
  readonly accountId: string;
  /** Prefix of the delivery stack's physical names (`gitops-shared`). */
  readonly namePrefix: string;
}

export function deliveryFences(scope: DeliveryFenceScope): PolicyStatement[] {
  const policy = (name: string) =>
    `arn:${scope.partition}:iam::${scope.accountId}:policy${DEPLOYMENT_ROLE_PATH}${name}`;
  const names = stackRoleNames(scope.namePrefix, "*");
  return [
    {
      Sid: "AttachOnlyEnvironmentDeploymentsPolicies",
      Effect: "Deny",
      Action: "iam:AttachRolePolicy",
      Resource: "*",
      Condition: { ArnNotLike: { "iam:PolicyARN": policy(names.policy("*")) } },
    },
    {
      Sid: "OnlyEnvironmentBoundaries",
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
      Resource: "*",
      Condition: {
        Null: { "iam:PermissionsBoundary": "false" },
        ArnNotLike: { "iam:PermissionsBoundary": policy(names.boundary) },
      },
    },
    {
      Sid: "KeepEnvironmentBoundaries",
      Effect: "Deny",
      Action: "iam:DeleteRolePermissionsBoundary",
      Resource: "*",
    },
  ];
}
