/**
 * Templates of a service's flux-repo objects: its Flux Kustomization (apps/base) and, where the
 * environment runs image automation, its ImageRepository and ImagePolicy (apps/<env>). The one
 * ImageUpdateAutomation of the environment (apps/<env>/image-update-automation.yaml, path
 * ./overlays/<env>) writes the tags of every service.
 */
import { imagePolicyFilter } from "../delivery";
import type { ServiceSpec } from "./spec";

/**
 * The service's Flux Kustomization: its overlay of the cluster's environment. `${ENVIRONMENT}` in
 * `path` is substituted by the `apps` Kustomization that applies this file (clusters/<env>/apps.yaml
 * substitutes from cluster-info), so one file serves every environment.
 */
export function fluxKustomization(s: ServiceSpec): string {
  return `# Applies the service's overlay of this cluster's environment into namespace ${s.name}. It
# substitutes variables (e.g. ECR_REGISTRY in the image name) from the same ConfigMap, and its
# own \`interval\` (settings.flux.intervals.kustomization) comes from cluster-info too.
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${s.name}
  namespace: flux-system
  annotations:
    # Deployment feedback reads the images of a revision here (the same folder as spec.path).
    event.toolkit.fluxcd.io/path: ./overlays/\${ENVIRONMENT}/${s.name}
spec:
  interval: \${KUSTOMIZATION_INTERVAL}
  retryInterval: 1m
  timeout: 5m
  sourceRef:
    kind: GitRepository
    name: microservices-repo
  path: ./overlays/\${ENVIRONMENT}/${s.name}
  targetNamespace: ${s.name}
  prune: true
  # Ready only when the Deployment has rolled out and its pods pass the readiness probe.
  wait: true
  postBuild:
    substituteFrom:
      - kind: ConfigMap
        name: cluster-info
`;
}

/** ImageRepository + ImagePolicy of the service, for an environment with image automation. */
export function imagePolicy(s: ServiceSpec, branch: string): string {
  const filter = imagePolicyFilter(branch);
  return `# Image automation: scans ECR for ${s.name} tags; Flux >= 2.7 logs in with \`provider: aws\` and
# the image-reflector-controller's IRSA role. The environment's ImageUpdateAutomation writes the
# chosen tag into the overlay (the line marked flux-system:${s.name}:tag).
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata:
  name: ${s.name}
  namespace: flux-system
spec:
  image: \${ECR_REGISTRY}/${s.name}
  interval: \${IMAGE_SCAN_INTERVAL}
  provider: aws
---
# Newest build of branch \`${branch}\`: tags are <branch>-<sha7>-<build number>
# (components/delivery/image-tag.ts, imagePolicyFilter); the anchored pattern keeps other
# branches out, and numerical order on the build number picks the newest. It lives in
# flux-system, the automation's namespace (an ImageUpdateAutomation only applies its own).
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata:
  name: ${s.name}
  namespace: flux-system
spec:
  imageRepositoryRef:
    name: ${s.name}
  filterTags:
    pattern: '${filter.pattern}'
    extract: '${filter.extract}'
  policy:
    numerical:
      order: asc
`;
}
