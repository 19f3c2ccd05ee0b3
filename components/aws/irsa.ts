/**
 * IAM roles for service accounts (IRSA): the trust policy that lets exactly one Kubernetes service
 * account assume a role through the cluster's OIDC provider. Every IRSA role in the project uses it.
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "./iam";

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Trust policy for `(namespace, serviceAccount)`. `issuer` is the OIDC issuer without `https://`
 * (`oidc.eks.<region>.amazonaws.com/id/<ID>`); both `:sub` and `:aud` are matched exactly
 * (StringEquals), so no other service account, and no token meant for another audience, can assume it.
 */
export function irsaTrustPolicy(
  oidcProviderArn: string,
  issuer: string,
  serviceAccount: ServiceAccountRef,
): PolicyDocument {
  const host = issuer.replace(/^https:\/\//, "");
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${host}:sub`]: `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`,
            [`${host}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  };
}

/** The OIDC provider of a cluster, as components receive it. */
export interface OidcProvider {
  readonly arn: pulumi.Input<string>;
  /** Issuer URL, with or without `https://`. */
  readonly url: pulumi.Input<string>;
}

/** `irsaTrustPolicy` as a JSON string Output, for `aws.iam.Role.assumeRolePolicy`. */
export function irsaTrustPolicyJson(
  oidc: OidcProvider,
  serviceAccount: ServiceAccountRef,
): pulumi.Output<string> {
  return pulumi
    .all([oidc.arn, oidc.url])
    .apply(([arn, url]) => JSON.stringify(irsaTrustPolicy(arn, url, serviceAccount)));
}
