/**
 * The bridge between Pulumi and the GitOps content: ConfigMap `flux-system/cluster-info`, whose keys
 * Flux Kustomizations substitute (`postBuild.substituteFrom`) into `${VARIABLES}` of the static
 * files in gitops/flux-repo. This list is the contract: the Flux component writes every key, and the
 * GitOps tests check that every variable used in gitops/ is one of them. Values that come from
 * settings (the Flux intervals, the image automation switch) are here too, so the content in git
 * follows a stack's settings instead of repeating per-environment numbers.
 */

export const CLUSTER_INFO_NAME = "cluster-info";
export const CLUSTER_INFO_NAMESPACE = "flux-system";

export const CLUSTER_INFO_KEYS = {
  ENVIRONMENT: "Environment name (the stack): dev, staging, prod.",
  AWS_ACCOUNT_ID: "AWS account ID of the cluster.",
  AWS_REGION: "AWS region of the cluster.",
  CLUSTER_NAME: "EKS cluster name.",
  VPC_ID: "VPC of the cluster (AWS Load Balancer Controller `vpcId`).",
  ECR_REGISTRY: "ECR registry host: <account>.dkr.ecr.<region>.amazonaws.com.",
  FLUX_REPO_URL: "HTTPS clone URL of flux-repo.",
  MICROSERVICES_REPO_URL: "HTTPS clone URL of microservices-repo.",
  GIT_BRANCH: "Branch of flux-repo Flux syncs (the shared stack's default branch).",
  APPS_BRANCH:
    "Branch of microservices-repo this environment syncs: its stage of the promotion path " +
    "(the default branch for the first stage, whose image automation checks it out and pushes " +
    "to it; env/<environment> for later stages, changed by approved pull requests only).",
  LB_CONTROLLER_ROLE_ARN: "IRSA role ARN of the AWS Load Balancer Controller.",
  SOURCE_INTERVAL:
    "GitRepository polling interval, Go duration (settings.flux.intervals.source, e.g. 1m).",
  KUSTOMIZATION_INTERVAL:
    "Kustomization re-apply interval, Go duration (settings.flux.intervals.kustomization).",
  IMAGE_SCAN_INTERVAL:
    "ImageRepository registry scan interval, Go duration (settings.flux.intervals.imageScan).",
  IMAGE_AUTOMATION_INTERVAL:
    "ImageUpdateAutomation run interval, Go duration (settings.flux.intervals.imageAutomation).",
  KARPENTER_ROLE_ARN: "IRSA role ARN of the Karpenter controller (kube-system/karpenter).",
  KARPENTER_INTERRUPTION_QUEUE: "SQS queue of Karpenter's interruption events (chart settings).",
  KARPENTER_INSTANCE_PROFILE: "Instance profile of the nodes Karpenter launches (EC2NodeClass).",
  KARPENTER_CAPACITY_TYPE: "spot or on-demand: the NodePool's capacity type (settings.karpenter).",
  KARPENTER_CPU_LIMIT:
    "NodePool limits.cpu, vCPU (settings.karpenter.cpuLimit); a number after substitution.",
  KARPENTER_MEMORY_LIMIT: "NodePool limits.memory, e.g. 32Gi (settings.karpenter.memoryLimitGiB).",
  FLUX_REPO_NAME:
    "CodeCommit name of flux-repo: the `event.toolkit.fluxcd.io/repository` annotation of the " +
    "Kustomizations it sources, so deployment feedback knows where their commits are.",
  MICROSERVICES_REPO_NAME: "CodeCommit name of microservices-repo (the same annotation).",
  DEPLOYMENT_FEEDBACK_ADDRESS:
    "URL the `deployment-feedback` Provider posts this environment's Flux events to: the " +
    "shared stack's connector URL plus /v1/environments/<environment>/events.",
  APPS_LOAD_BALANCER_NAME:
    "Name of the ALB the AWS Load Balancer Controller creates for ingress group `apps` " +
    "(IngressClassParams `loadBalancerName`), so the stack can say where the application answers.",
  IMAGE_AUTOMATION_SUSPEND:
    '"true" or "false": the negation of settings.flux.imageAutomation. Written unquoted as ' +
    "`suspend: ${IMAGE_AUTOMATION_SUSPEND}`, it becomes a YAML boolean after substitution.",
  INGRESS_MODE:
    '"https" when the stack has a domain (settings.appDomain), else "http": the kustomize ' +
    "component `components/ingress-${INGRESS_MODE}` of microservices-repo the applications use.",
  APPS_DOMAIN: "DNS domain of the applications (`<app>.${APPS_DOMAIN}`); empty without a domain.",
  CERTIFICATE_ARN:
    "ARN of the validated ACM certificate for `*.${APPS_DOMAIN}` (the ALB's HTTPS listener); empty without a domain.",
  HOSTED_ZONE_ID: "Route 53 hosted zone external-dns writes to; empty without a domain.",
  EXTERNAL_DNS_ROLE_ARN: "IRSA role ARN of external-dns; empty without a domain.",
  EXTERNAL_DNS_SUSPEND:
    '"true" without a domain, else "false": suspends the infrastructure-dns Kustomization ' +
    "(external-dns), like IMAGE_AUTOMATION_SUSPEND a YAML boolean after substitution.",
  RECEIVERS_SUSPEND:
    '"true" without the receiver relay (settings.flux.receivers), else "false": suspends the ' +
    "infrastructure-receivers Kustomization, a YAML boolean after substitution.",
  RECEIVER_TARGET_GROUP_ARN:
    "Target group of the relay's internal load balancer that the TargetGroupBinding registers " +
    "notification-controller's webhook pods in; empty without the relay.",
  RECEIVER_SECURITY_GROUP_ID:
    "Security group of that load balancer: the pods admit the webhook port from it; empty without the relay.",
} as const;

export type ClusterInfoKey = keyof typeof CLUSTER_INFO_KEYS;
export type ClusterInfo<T = string> = Record<ClusterInfoKey, T>;
