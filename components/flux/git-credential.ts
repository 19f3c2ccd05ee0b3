/**
 * The `https-credential` Git auth mode: an IAM user with a CodeCommit HTTPS Git credential
 * (https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-gc.html), kept only as a
 * Pulumi secret and in Secret `flux-system/codecommit-https` (`username`/`password`, what
 * source-controller reads for basic auth). AWS allows two such credentials per user and service.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CODECOMMIT_SECRET_NAME } from "./bootstrap";
import { codeCommitUserPolicy, type FluxIamTargets } from "./iam";

export interface GitCredentialInput {
  /** Prefix of the IAM user's name (`<namePrefix>-flux-codecommit`). */
  readonly namePrefix: string;
  /** Whether the credential may push (the environment runs image automation). */
  readonly allowPush: boolean;
  readonly targets: pulumi.Input<FluxIamTargets>;
  /** Namespace of the Secret (flux-system, once it exists). */
  readonly namespace: pulumi.Input<string>;
  readonly kubernetesProvider: k8s.Provider;
  /** Permissions boundary of the user (FluxArgs.permissionsBoundary). */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
}

/** The user, its policy and credential, and the Secret Flux reads; children of `parent`. */
export function codeCommitCredentialSecret(
  parent: pulumi.Resource,
  name: string,
  input: GitCredentialInput,
): k8s.core.v1.Secret {
  const user = new aws.iam.User(
    `${name}-codecommit`,
    { name: `${input.namePrefix}-flux-codecommit`, permissionsBoundary: input.permissionsBoundary },
    { parent },
  );
  const userPolicy = new aws.iam.UserPolicy(
    `${name}-codecommit`,
    {
      name: "flux-codecommit",
      user: user.name,
      policy: pulumi
        .output(input.targets)
        .apply((t) => JSON.stringify(codeCommitUserPolicy(t, input.allowPush))),
    },
    { parent },
  );
  const credential = new aws.iam.ServiceSpecificCredential(
    `${name}-codecommit`,
    { serviceName: "codecommit.amazonaws.com", userName: user.name },
    { parent, dependsOn: [userPolicy] },
  );
  return new k8s.core.v1.Secret(
    `${name}-codecommit-https`,
    {
      metadata: { name: CODECOMMIT_SECRET_NAME, namespace: input.namespace },
      type: "Opaque",
      stringData: {
        username: credential.serviceUserName,
        password: pulumi.secret(credential.servicePassword),
      },
    },
    { parent, provider: input.kubernetesProvider },
  );
}
