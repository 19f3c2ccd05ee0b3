/**
 * Secrets in git for one environment (SOPS with AWS KMS): a symmetric KMS key and its alias, whose
 * policy (key-policy.ts) lets the named people encrypt and only this environment's
 * kustomize-controller decrypt, and the IRSA role that controller runs as. Flux decrypts
 * SOPS-encrypted Secrets of every Kustomization with `spec.decryption.provider: sops` through that
 * role ("controller-level workload identity": fluxcd/kustomize-controller
 * `docs/spec/v1/kustomizations.md`, Decryption; https://fluxcd.io/flux/integrations/aws/).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicyJson, type OidcProvider, type ServiceAccountRef } from "../aws";
import { sopsKeyPolicy } from "./key-policy";

/** kustomize-controller's service account as the flux2 chart names it (`templates/kustomize-controller-sa.yaml`). */
export const KUSTOMIZE_CONTROLLER_SERVICE_ACCOUNT: ServiceAccountRef = {
  namespace: "flux-system",
  name: "kustomize-controller",
};

export interface SopsKeyArgs {
  /** Environment name, in descriptions. */
  readonly environment: string;
  /**
   * Prefix of the physical names: role `<namePrefix>-flux-kustomize-controller` (IAM: 64
   * characters at most) and alias `alias/<namePrefix>-sops`.
   */
  readonly namePrefix: string;
  /**
   * IAM role or user ARNs that may encrypt secrets for this environment (`kms:Encrypt`,
   * `kms:DescribeKey`); none of them may decrypt. Each must exist: KMS refuses a policy that
   * names an unknown principal. Default: none (add them when someone needs to write a secret).
   */
  readonly encryptPrincipalArns: readonly string[];
  /** AWS account of the key (its administrators manage it through IAM). */
  readonly accountId: pulumi.Input<string>;
  /** The cluster's IAM OIDC provider, for the kustomize-controller role's trust. */
  readonly oidcProvider: OidcProvider;
  /**
   * Protect the key from `pulumi destroy` (secrets in git are unreadable without it). A KMS key
   * costs $1/month, plus $1 after each of its first two yearly rotations
   * (https://aws.amazon.com/kms/pricing/); deletion waits 30 days.
   */
  readonly protect: boolean;
  /**
   * Permissions boundary of the role (the environment's, when Pulumi Deployments runs the stack:
   * components/deployments/boundary.ts). Default: none.
   */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
}

export class SopsKey extends pulumi.ComponentResource {
  /** ARN of the key. */
  public readonly keyArn: pulumi.Output<string>;
  /** ARN of `alias/<namePrefix>-sops`: what `.sops.yaml` and `sops --kms` name. */
  public readonly aliasArn: pulumi.Output<string>;
  /** The IRSA role of kustomize-controller (annotated on its service account by the Flux chart). */
  public readonly decryptRoleArn: pulumi.Output<string>;

  constructor(name: string, args: SopsKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:secrets:SopsKey", name, {}, opts);
    const role = new aws.iam.Role(
      `${name}-kustomize-controller`,
      {
        name: `${args.namePrefix}-flux-kustomize-controller`,
        description: `Flux kustomize-controller in ${args.environment}: decrypts SOPS secrets (IRSA ${KUSTOMIZE_CONTROLLER_SERVICE_ACCOUNT.namespace}/${KUSTOMIZE_CONTROLLER_SERVICE_ACCOUNT.name})`,
        assumeRolePolicy: irsaTrustPolicyJson(
          args.oidcProvider,
          KUSTOMIZE_CONTROLLER_SERVICE_ACCOUNT,
        ),
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    // No identity policy: the key policy grants the role Decrypt by its ARN, and nothing else.
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `SOPS secrets in git for ${args.environment} (only Flux decrypts)`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi.all([args.accountId, role.arn]).apply(([accountId, decryptRoleArn]) =>
          JSON.stringify(
            sopsKeyPolicy({
              accountId,
              decryptRoleArn,
              encryptPrincipalArns: args.encryptPrincipalArns,
            }),
          ),
        ),
      },
      { parent: this, protect: args.protect },
    );
    const alias = new aws.kms.Alias(
      `${name}-alias`,
      { name: `alias/${args.namePrefix}-sops`, targetKeyId: key.keyId },
      { parent: this },
    );
    this.keyArn = key.arn;
    this.aliasArn = alias.arn;
    this.decryptRoleArn = role.arn;
    this.registerOutputs({
      keyArn: this.keyArn,
      aliasArn: this.aliasArn,
      decryptRoleArn: this.decryptRoleArn,
    });
  }
}
