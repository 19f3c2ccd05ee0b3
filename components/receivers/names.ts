/**
 * Names the receivers' parts agree on: the Receiver objects of the GitOps content
 * (gitops/flux-repo/infrastructure/receivers, apps/dev/image-receiver.yaml), the Secret Pulumi
 * writes their token to, and the AWS names of the relay. AWS limits: Lambda function and IAM role
 * 64 characters, load balancer and target group 32 (letters, digits, '-', not starting with
 * `internal-`), EventBridge rule 64 (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html,
 * API_CreateTargetGroup.html, https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html).
 * A name prefix is at most 20 characters (stacks/rules.ts), so each fits.
 */

/** Secret (namespace flux-system) with the Receivers' token as `token` (Receiver `secretRef`). */
export const RECEIVER_TOKEN_SECRET = "flux-receiver-token";

/** The Receivers of the GitOps content, by what they reconcile. */
export const RECEIVERS = {
  /** GitRepository flux-system (flux-repo, the bootstrap source). */
  fluxRepo: "flux-repo",
  /** GitRepository microservices-repo. */
  microservicesRepo: "microservices-repo",
  /** Every ImageRepository labelled `IMAGE_RECEIVER_LABEL` (apps/dev). */
  images: "images",
} as const;

/** Label the image Receiver selects ImageRepositories by (name `*` needs `matchLabels`). */
export const IMAGE_RECEIVER_LABEL = { key: "gitops-platform/receiver", value: "images" } as const;

/** The chart's Service in front of notification-controller's webhook server (80 -> 9292). */
export const WEBHOOK_SERVICE = { name: "webhook-receiver", port: 80, targetPort: 9292 } as const;

export interface RelayNames {
  readonly function: string;
  readonly role: string;
  readonly logGroup: string;
  readonly tokenParameter: string;
  readonly loadBalancer: string;
  readonly targetGroup: string;
  /** EventBridge rule per trigger. */
  readonly rule: (trigger: string) => string;
}

export function relayNames(namePrefix: string): RelayNames {
  const fn = `${namePrefix}-flux-relay`;
  const lb = `${namePrefix}-flux-hooks`;
  if (!/^(?!internal-)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(lb)) {
    throw new Error(`relayNames: ${JSON.stringify(lb)} is not a valid load balancer name.`);
  }
  return {
    function: fn,
    role: fn,
    logGroup: `/aws/lambda/${fn}`,
    tokenParameter: `/${namePrefix}/flux-receivers/token`,
    loadBalancer: lb,
    targetGroup: lb,
    rule: (trigger) => `${fn}-${trigger}`,
  };
}
