/**
 * ReceiverToken (each environment stack): the token of the environment's Flux Receivers. Pulumi
 * generates it (a Pulumi secret in the stack's state) and writes it to the cluster as Secret
 * `flux-system/flux-receiver-token` (key `token`, what a Receiver's `secretRef` reads:
 * fluxcd/notification-controller `docs/spec/v1/receivers.md`) and, where the relay runs, to the
 * SSM SecureString the relay reads. It is never in git. The Secret always exists, so the
 * Receivers of the GitOps content are Ready whether or not the relay calls them.
 * A new token is `pulumi up --replace` of the password (the Receivers' paths change with it).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { RECEIVER_TOKEN_SECRET } from "./names";

export interface ReceiverTokenArgs {
  /** Environment name (the parameter's description). */
  readonly environment: string;
  /** Namespace of Flux (`flux-system`), where the Receivers read the Secret. */
  readonly namespace: pulumi.Input<string>;
  /** Provider of the environment's cluster (the Secret). */
  readonly kubernetesProvider: k8s.Provider;
  /** SSM parameter for the relay (`relayNames(prefix).tokenParameter`); none without the relay. */
  readonly parameterName?: string;
}

/** 64 letters and digits, about 380 bits (HMAC-SHA256 wants a key of at least 256). */
export const RECEIVER_TOKEN_LENGTH = 64;

export class ReceiverToken extends pulumi.ComponentResource {
  /** The SSM parameter's name, when the relay runs. */
  public readonly parameterName: pulumi.Output<string> | undefined;

  constructor(name: string, args: ReceiverTokenArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:receivers:ReceiverToken", name, {}, opts);
    const token = new random.RandomPassword(
      `${name}-token`,
      { length: RECEIVER_TOKEN_LENGTH, special: false },
      { parent: this },
    );
    new k8s.core.v1.Secret(
      `${name}-secret`,
      {
        metadata: { name: RECEIVER_TOKEN_SECRET, namespace: args.namespace },
        type: "Opaque",
        stringData: { token: token.result },
      },
      { parent: this, provider: args.kubernetesProvider },
    );
    this.parameterName =
      args.parameterName === undefined
        ? undefined
        : new aws.ssm.Parameter(
            `${name}-token`,
            {
              name: args.parameterName,
              description: `Flux Receiver token of environment ${args.environment} (the EventBridge relay signs with it)`,
              type: "SecureString",
              tier: "Standard",
              value: token.result,
            },
            { parent: this },
          ).name;
    this.registerOutputs({ parameterName: this.parameterName });
  }
}
