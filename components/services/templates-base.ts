/**
 * Templates of a service's microservices-repo `base/<service>/`: what every environment runs. The
 * shape is the sample front-end's (restricted Pod Security, non-root, read-only root filesystem,
 * probes on the health path, a preStop pause that lets endpoints and the ALB drain). Values come
 * from a validated `ServiceSpec`, so they need no YAML quoting beyond what is written here.
 */
import type { ServiceSpec } from "./spec";

export function baseKustomization(s: ServiceSpec): string {
  const ingress = s.expose === "alb" ? "\n  - ingress.yaml" : "";
  return `# The service \`${s.name}\` as every environment runs it; overlays/<env>/${s.name} add the differences
# and pin the image. Built by the Flux Kustomization \`${s.name}\` (flux-repo apps/base/${s.name}.yaml),
# which also substitutes \${VARIABLES} from ConfigMap flux-system/cluster-info.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${s.name}
labels:
  - includeSelectors: false
    pairs:
      app.kubernetes.io/part-of: gitops-platform
# No Namespace here: the platform creates it (flux-repo apps/base/${s.name}.yaml), and this content
# is applied by a service account that may act inside the namespace only.
resources:
  - deployment.yaml
  - service.yaml${ingress}
  - horizontal-pod-autoscaler.yaml
`;
}

export function baseDeployment(s: ServiceSpec): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${s.name}
  labels:
    app.kubernetes.io/name: ${s.name}
spec:
  # No \`replicas\`: the HorizontalPodAutoscaler owns it (horizontal-pod-autoscaler.yaml).
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${s.name}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${s.name}
    spec:
      automountServiceAccountToken: false
      securityContext:
        # Explicit numeric IDs: runAsNonRoot cannot verify a named USER (e.g. \`node\`) in the image.
        runAsNonRoot: true
        runAsUser: 1000
        runAsGroup: 1000
        seccompProfile:
          type: RuntimeDefault
      # Room for the preStop pause below plus the server's own shutdown.
      terminationGracePeriodSeconds: 45
      containers:
        - name: ${s.name}
          # Replaced by the overlay's \`images:\` entry (registry and tag).
          image: ${s.name}
          ports:
            - name: http
              containerPort: ${s.port}
              protocol: TCP
          env:
            - name: PORT
              value: "${s.port}"
          readinessProbe:
            httpGet:
              path: ${s.healthPath}
              port: http
            periodSeconds: 5
            failureThreshold: 3
          livenessProbe:
            httpGet:
              path: ${s.healthPath}
              port: http
            initialDelaySeconds: 10
            periodSeconds: 10
            failureThreshold: 3
          lifecycle:
            # Endpoints (kube-proxy on every node, and an ALB's targets) keep sending requests to
            # a terminating pod for a few seconds; keep serving until they have stopped
            # (aws-load-balancer-controller #1064, #2106).
            preStop:
              sleep:
                seconds: 20
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 128Mi
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            # The root filesystem is read-only; the runtime may still write temporary files.
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
`;
}

/**
 * Scales the service on CPU against its requests, from the Metrics Server (an EKS add-on); each
 * overlay patches the range. https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 */
export function baseAutoscaler(s: ServiceSpec): string {
  return `# Scales ${s.name} on CPU against its requests (the Deployment's resources.requests.cpu), from
# the Kubernetes Metrics Server. The HPA owns the replica count: no manifest here sets Deployment
# \`replicas\`, or every Flux reconciliation would reset it. Each overlay patches the range.
# https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${s.name}
  labels:
    app.kubernetes.io/name: ${s.name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${s.name}
  minReplicas: 1
  maxReplicas: 3
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
  behavior:
    # Scale down slowly (the default 5-minute window), never below what the last 5 minutes needed.
    scaleDown:
      stabilizationWindowSeconds: 300
`;
}

export function baseService(s: ServiceSpec): string {
  const reach =
    s.expose === "alb"
      ? "# Reached through the Ingress (ALB, IP targets) and, inside the cluster,"
      : "# Internal only (no Ingress): reached inside the cluster";
  return `${reach} as
# http://${s.name}.${s.name}.svc.cluster.local (port 80).
apiVersion: v1
kind: Service
metadata:
  name: ${s.name}
  labels:
    app.kubernetes.io/name: ${s.name}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${s.name}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
`;
}

/**
 * The Ingress of an `alb` service on the cluster's shared ALB (IngressClass `alb`, one IngressGroup).
 * Its path is `/<name>`: the AWS Load Balancer Controller orders a group's rules by
 * `group.order` (default 0), and the sample front-end's catch-all `/` takes order 1000 so that
 * it is matched last.
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 */
export function baseIngress(s: ServiceSpec): string {
  return `# Part of the cluster's one internet-facing Application Load Balancer (IngressClass \`alb\`, made
# by the AWS Load Balancer Controller in flux-repo infrastructure/), on the path /${s.name}.
# Annotations: https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${s.name}
  labels:
    app.kubernetes.io/name: ${s.name}
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing
    # \`ip\`: the ALB sends traffic straight to pod IPs (VPC CNI), so the Service stays ClusterIP.
    alb.ingress.kubernetes.io/target-type: ip
    alb.ingress.kubernetes.io/healthcheck-path: ${s.healthPath}
    alb.ingress.kubernetes.io/success-codes: "200"
    # Drain in-flight requests for 30 s (default 300 s) before a target leaves; pods wait in preStop.
    alb.ingress.kubernetes.io/target-group-attributes: deregistration_delay.timeout_seconds=30
spec:
  ingressClassName: alb
  rules:
    - http:
        paths:
          - path: /${s.name}
            pathType: Prefix
            backend:
              service:
                name: ${s.name}
                port:
                  name: http
`;
}
