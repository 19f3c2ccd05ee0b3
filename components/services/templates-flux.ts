/**
 * Templates of a service's flux-repo objects: its Flux Kustomization (apps/base) and, where the
 * environment runs image automation, its ImageRepository and ImagePolicy (apps/<env>). The one
 * ImageUpdateAutomation of the environment (apps/<env>/image-update-automation.yaml, path
 * ./overlays/<env>) writes the tags of every service.
 */
import { imagePolicyFilter } from "../delivery";
import type { ServiceSpec } from "./spec";

/** The service account a service's Flux Kustomization applies as (in flux-system). */
export function reconcilerServiceAccount(service: string): string {
  return `${service}-reconciler`;
}

/**
 * What the platform gives a service: its Namespace (Pod Security "restricted", and the ALB
 * readiness gate for an exposed one), a service account in flux-system that is admin of that
 * namespace only (a RoleBinding to the built-in ClusterRole `admin`: namespaced, so it grants
 * nothing cluster-wide nor in flux-system), and the Flux Kustomization that applies the service's
 * overlay of the cluster's environment as that account (`serviceAccountName`: kustomize-controller
 * impersonates it, fluxcd/kustomize-controller docs/spec/v1/kustomizations.md "Role-based access
 * control"). A commit to microservices-repo can then change the service's namespace and nothing
 * else: no cluster-scoped object, nothing in flux-system. `${ENVIRONMENT}` in `path` is
 * substituted by the `apps` Kustomization that applies this file (clusters/<env>/apps.yaml
 * substitutes from cluster-info), so one file serves every environment.
 */
export function fluxKustomization(s: ServiceSpec): string {
  const gate =
    s.expose === "alb"
      ? `
    # The AWS Load Balancer Controller adds a readiness gate to pods here: a pod counts as Ready
    # only once its ALB target is healthy, so a rolling update never drains the old pods early.
    # https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/pod_readiness_gate/
    elbv2.k8s.aws/pod-readiness-gate-inject: enabled`
      : "";
  const sa = reconcilerServiceAccount(s.name);
  return `# The namespace of ${s.name}, made by the platform: microservices-repo content may not create
# namespaces (its service account is admin of this one only).
apiVersion: v1
kind: Namespace
metadata:
  name: ${s.name}
  labels:
    # Pod Security Admission: the service's pods meet the "restricted" profile, so enforce it.
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: restricted${gate}
---
# Who applies ${s.name}'s overlay: kustomize-controller impersonates this account (it must live in
# the Kustomization's namespace), which may do nothing outside namespace ${s.name}.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${sa}
  namespace: flux-system
automountServiceAccountToken: false
---
# Namespaced: the built-in ClusterRole \`admin\` bound here grants its rules in ${s.name} only
# (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding).
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${sa}
  namespace: ${s.name}
subjects:
  - kind: ServiceAccount
    name: ${sa}
    namespace: flux-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
---
# Applies the service's overlay of this cluster's environment into namespace ${s.name}, as
# ${sa}. It substitutes variables (e.g. ECR_REGISTRY in the image name) from the same ConfigMap,
# and its own \`interval\` (settings.flux.intervals.kustomization) comes from cluster-info too.
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
  serviceAccountName: ${sa}
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
