/**
 * Templates of a service's microservices-repo `overlays/<env>/<service>/`: the environment's
 * replicas and resources (from its profile, or the values given to add-service), the pinned image,
 * and in high-availability environments a zone spread and a PodDisruptionBudget.
 */
import { formatImageTag } from "../delivery";
import type { ServiceEnvironment, ServiceSpec } from "./spec";

/** The seeded tag: no build makes it (build numbers start at 1), so the first real build wins. */
export function placeholderTag(branch: string): string {
  return formatImageTag(branch, "0000000", 0);
}

/** The `$imagepolicy` setter marker of a service's tag (policies live in flux-system). */
export function imagePolicyMarker(service: string): string {
  return `{"$imagepolicy": "flux-system:${service}:tag"}`;
}

export function overlayKustomization(
  s: ServiceSpec,
  env: ServiceEnvironment,
  branch: string,
): string {
  const how = env.imageAutomation
    ? `# Flux image automation (flux-repo apps/${env.name}) rewrites the tag below on every new
# \`${branch}\` build; only the line with the marker comment is touched (microservices-repo README).`
    : `# The tag changes only by a promotion commit (copy the tag that passed the environment before
# this one here); there is no image automation in this environment.`;
  const pdb = env.highAvailability ? "\n  - pod-disruption-budget.yaml" : "";
  const marker = env.imageAutomation ? ` # ${imagePolicyMarker(s.name)}` : "";
  return `# ${env.name}: ${describe(env)}.
${how}
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../../base/${s.name}${pdb}
patches:
  - path: deployment-patch.yaml
  - path: horizontal-pod-autoscaler-patch.yaml
images:
  - name: ${s.name}
    newName: \${ECR_REGISTRY}/${s.name}
    newTag: ${placeholderTag(branch)}${marker}
`;
}

function describe(env: ServiceEnvironment): string {
  const replicas = `${env.minReplicas}-${env.maxReplicas} replicas`;
  return env.highAvailability
    ? `${replicas} spread over zones, a disruption budget`
    : `${replicas}, requests ${env.cpu} CPU and ${env.memory} memory`;
}

export function overlayDeploymentPatch(s: ServiceSpec, env: ServiceEnvironment): string {
  const spread = env.highAvailability
    ? `
      # One replica per zone where possible, so losing an Availability Zone keeps the service up.
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app.kubernetes.io/name: ${s.name}`
    : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${s.name}
spec:
  template:
    spec:${spread}
      containers:
        - name: ${s.name}
          resources:
            requests:
              cpu: ${env.cpu}
              memory: ${env.memory}
            limits:
              memory: ${env.memoryLimit}
`;
}

export function overlayAutoscalerPatch(s: ServiceSpec, env: ServiceEnvironment): string {
  return `# ${env.name}: at least ${env.minReplicas} replica${env.minReplicas === 1 ? "" : "s"}, at most ${env.maxReplicas}.
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${s.name}
spec:
  minReplicas: ${env.minReplicas}
  maxReplicas: ${env.maxReplicas}
`;
}

export function overlayDisruptionBudget(s: ServiceSpec): string {
  return `# Node drains and upgrades evict at most one replica at a time.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${s.name}
  labels:
    app.kubernetes.io/name: ${s.name}
spec:
  maxUnavailable: 1
  # A running but unready pod (e.g. an unhealthy ALB target) must not block node drains.
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      app.kubernetes.io/name: ${s.name}
`;
}
