/**
 * What makes `pulumi up` of an environment tell the truth about Flux, and the metadata that lets
 * deployment feedback attribute Flux's events. Pure values; flux.ts applies them.
 *
 * Waiting: @pulumi/kubernetes treats a custom resource as ready once created, unless told
 * otherwise. `pulumi.com/waitFor: condition=Ready` makes it wait for `status.conditions[Ready]`
 * = True at the current generation (pulumi/pulumi-kubernetes `provider/pkg/await/condition/
 * kubectl.go` `checkCondition`, commit 94977969; CHANGELOG 4.18.0, "experimental"). The wait's
 * length is the resource's `customTimeouts` (else the `pulumi.com/timeoutSeconds` annotation, else
 * 10 minutes: `provider/pkg/await/await.go` `Creation`, `metadata.TimeoutDuration`). While it
 * waits, the provider prints the object's Kubernetes Warning events (`watchers.go`), which is
 * where Flux puts its own message (a CodeCommit 403 from a broken IAM role, a missing path), and
 * a timeout fails the `up`. `pulumi preview` never waits: a preview ends at the server-side dry
 * run (`Creation`: `if c.Preview { return outputs, nil }`).
 */

export const WAIT_FOR_ANNOTATION = "pulumi.com/waitFor";
export const WAIT_FOR_READY = "condition=Ready";

/**
 * Annotation naming the CodeCommit repository of the commits a Kustomization applies. Flux copies
 * `event.toolkit.fluxcd.io/*` annotations of the object into its events (fluxcd/pkg
 * `runtime/events/recorder.go`, commit e2cfd1a2) and notification-controller strips the prefix:
 * the connector reads `repository`.
 */
export const REPOSITORY_ANNOTATION = "event.toolkit.fluxcd.io/repository";
/** The Kustomization's `spec.path`, so the connector can read the images of that revision. */
export const PATH_ANNOTATION = "event.toolkit.fluxcd.io/path";

/** `customTimeouts` for a bootstrap object: `readyTimeout` (a Go duration) to create or update. */
export function readyTimeouts(readyTimeout: string): { create: string; update: string } {
  return { create: readyTimeout, update: readyTimeout };
}

/**
 * The ALB of ingress group `apps`. ALB names: at most 32 characters, letters, digits and hyphens,
 * not starting or ending with a hyphen, not starting with `internal-`
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html).
 * A name prefix is 3 to 20 of `[a-z0-9-]` and ends with a letter or digit (stacks/rules.ts).
 */
export function appsLoadBalancerName(namePrefix: string): string {
  const name = `${namePrefix}-apps`;
  if (!/^(?!internal-)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(name)) {
    throw new Error(`appsLoadBalancerName: ${JSON.stringify(name)} is not a valid ALB name.`);
  }
  return name;
}
