/**
 * DeploymentFeedbackKey (each environment stack): the key notification-controller signs with and
 * the connector verifies with. Pulumi generates it (a Pulumi secret in this stack's state), writes
 * it to the cluster as Secret `flux-system/deployment-feedback-hmac` (key `token`, what a
 * `generic-hmac` Provider reads: fluxcd/notification-controller `docs/spec/v1beta3/providers.md`)
 * and to the SSM SecureString `<prefix><environment>` the connector reads. It is never in git.
 * SSM standard parameters cost nothing; a new key is `pulumi up --replace` of the password.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { FEEDBACK_SECRET_NAME, keyParameterName } from "./names";

export interface DeploymentFeedbackKeyArgs {
  /** Environment name: the SSM parameter is `<keyParameterPrefix><environment>`. */
  readonly environment: string;
  /** The shared stack's `deploymentFeedback.keyParameterPrefix`. */
  readonly keyParameterPrefix: pulumi.Input<string>;
  /** Namespace of Flux (`flux-system`), where the Provider reads the Secret. */
  readonly namespace: pulumi.Input<string>;
  readonly kubernetesProvider: k8s.Provider;
}

/** Characters of the key: 64 letters and digits, about 380 bits (HMAC-SHA256 wants >= 256). */
export const FEEDBACK_KEY_LENGTH = 64;

export class DeploymentFeedbackKey extends pulumi.ComponentResource {
  /** Name of the SSM parameter holding the key. */
  public readonly parameterName: pulumi.Output<string>;

  constructor(
    name: string,
    args: DeploymentFeedbackKeyArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("gitops-platform:feedback:DeploymentFeedbackKey", name, {}, opts);
    const key = new random.RandomPassword(
      `${name}-key`,
      { length: FEEDBACK_KEY_LENGTH, special: false },
      { parent: this },
    );
    const parameter = new aws.ssm.Parameter(
      `${name}-key`,
      {
        name: pulumi
          .output(args.keyParameterPrefix)
          .apply((prefix) => keyParameterName(prefix, args.environment)),
        description: `Deployment feedback HMAC key of environment ${args.environment} (Flux generic-hmac Provider)`,
        type: "SecureString",
        tier: "Standard",
        value: key.result,
      },
      { parent: this },
    );
    new k8s.core.v1.Secret(
      `${name}-secret`,
      {
        metadata: { name: FEEDBACK_SECRET_NAME, namespace: args.namespace },
        type: "Opaque",
        stringData: { token: key.result },
      },
      { parent: this, provider: args.kubernetesProvider },
    );
    this.parameterName = parameter.name;
    this.registerOutputs({ parameterName: this.parameterName });
  }
}
