/**
 * The first-deploy hold: what a later stage's branch (`env/<environment>`) holds before its first
 * promotion. Created from the default branch's head, the branch differs in one thing: each service's
 * `overlays/<environment>/<service>/kustomization.yaml` applies only a ConfigMap saying the
 * service waits for its first promotion. The service's Flux Kustomization is then Ready with no
 * workload (nothing pulls a placeholder tag into ImagePullBackOff), and the first promotion pull
 * request lifts the hold by writing the overlay as it is on the default branch, with the promoted
 * image pinned, and deleting `promotion-hold.yaml` (components/promotion, README "Promotion").
 */

/** The hold's ConfigMap, in the service's namespace (the Kustomization's targetNamespace). */
export const HOLD_CONFIGMAP = "promotion-hold";
/** The hold's file, beside the overlay's kustomization.yaml; the first promotion deletes it. */
export const HOLD_FILE = "promotion-hold.yaml";
/** The ConfigMap's label and its value while the service waits: `npm run status` looks for it. */
export const HOLD_LABEL = "gitops-platform/promotion";
export const HOLD_WAITING = "waiting-for-first-promotion";

/** One file of the hold commit: path in microservices-repo, UTF-8 text. */
export interface HoldFile {
  readonly path: string;
  readonly content: string;
}

/** The hold commit's files for `environment`: two per service. */
export function holdFiles(environment: string, services: readonly string[]): HoldFile[] {
  return services.flatMap((service) => {
    const dir = `overlays/${environment}/${service}`;
    return [
      {
        path: `${dir}/kustomization.yaml`,
        content: `# ${environment}: held until the first promotion. This branch (the one ${environment} syncs) was
# created from the seed with nothing to run, so that ${service} is not started from a placeholder
# tag that no build produced. The first promotion pull request replaces this file with the
# overlay as it stands on the default branch, the promoted image pinned by tag and digest, and
# deletes ${HOLD_FILE}.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ${HOLD_FILE}
`,
      },
      {
        path: `${dir}/${HOLD_FILE}`,
        content: `# Tells \`kubectl get configmap -A -l ${HOLD_LABEL}\` (and npm run status) that ${service} waits for
# its first promotion into ${environment}. Removed by that promotion.
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${HOLD_CONFIGMAP}
  labels:
    ${HOLD_LABEL}: ${HOLD_WAITING}
data:
  environment: ${environment}
  service: ${service}
  state: waiting for first promotion
`,
      },
    ];
  });
}
