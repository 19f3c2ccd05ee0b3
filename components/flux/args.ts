/** The Flux component's arguments (flux.ts), with their documented defaults. */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { OidcProvider } from "../aws";
import type { SharedOutputs } from "../delivery";
import type { KarpenterClusterInfo } from "./bootstrap";
import type { FluxOptions } from "./options";
import type { ReceiverClusterInfo } from "./receivers-info";

export interface FluxArgs {
  /** Environment name; Flux applies `./clusters/<environment>` of flux-repo. */
  readonly environment: string;
  /**
   * Prefix of the AWS names (`<namePrefix>-flux-source-controller`, ...). IAM role and user names
   * allow 64 characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
   */
  readonly namePrefix: string;
  /**
   * Chart version, Git auth mode, legacy ECR auto-login, image automation and intervals
   * (`settings.flux`; defaults per environment in stacks/profiles.ts). The intervals and the image
   * automation switch also reach the GitOps content through cluster-info. No AWS cost besides IAM
   * (free); the controllers request 100m CPU / 64Mi memory each (chart defaults).
   */
  readonly settings: FluxOptions;
  /** Provider of the target cluster; every Kubernetes object here is created through it. */
  readonly kubernetesProvider: k8s.Provider;
  /** The cluster's IAM OIDC provider, for the controllers' IRSA trust policies. */
  readonly oidcProvider: OidcProvider;
  /** EKS cluster name (`CLUSTER_NAME` in cluster-info). */
  readonly clusterName: pulumi.Input<string>;
  /** VPC of the cluster (`VPC_ID` in cluster-info, for the AWS Load Balancer Controller). */
  readonly vpcId: pulumi.Input<string>;
  /** IRSA role of the AWS Load Balancer Controller (`LB_CONTROLLER_ROLE_ARN` in cluster-info). */
  readonly lbControllerRoleArn: pulumi.Input<string>;
  /** Karpenter's role, queue and instance profile, and the NodePool settings (`KARPENTER_*`). */
  readonly karpenter: KarpenterClusterInfo<pulumi.Input<string>>;
  /** AWS region of the cluster (`AWS_REGION`). */
  readonly region: pulumi.Input<string>;
  /** AWS account ID of the cluster (`AWS_ACCOUNT_ID`). */
  readonly accountId: pulumi.Input<string>;
  /** The shared stack's outputs (`referenceShared(settings)`): repositories, registry, branch. */
  readonly shared: pulumi.Input<SharedOutputs>;
  /** The microservices-repo branch of this environment's promotion stage (`APPS_BRANCH`). */
  readonly appsBranch: pulumi.Input<string>;
  /**
   * Resources the chart install waits for: the cluster's node groups. The install needs nodes (the
   * pre-install check Job and the controllers' pods), and no data dependency orders it after them.
   * Default: none.
   */
  readonly installAfter?: readonly pulumi.Resource[];
  /**
   * Permissions boundary of the controllers' IRSA roles and of the Git user (the environment's,
   * when Pulumi Deployments runs the stack: components/deployments/boundary.ts). Default: none.
   */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
  /**
   * IRSA role of kustomize-controller for SOPS decryption with AWS KMS (components/secrets).
   * Default: none (the controller then decrypts nothing from KMS).
   */
  readonly kustomizeControllerRoleArn?: pulumi.Input<string>;
  /**
   * The applications' domain (components/domain), written to cluster-info: the GitOps content
   * then serves HTTPS and runs external-dns. Default: none (plain HTTP, external-dns suspended).
   */
  readonly appDomain?: {
    readonly domain: string;
    readonly certificateArn: pulumi.Input<string>;
    readonly hostedZoneId: pulumi.Input<string>;
    readonly externalDnsRoleArn: pulumi.Input<string>;
  };
  /**
   * The resource whose deletion takes the whole cluster with it (the Cluster component): the
   * `flux-system` Namespace is then not deleted on its own (`deletedWith`), which would wait
   * Terminating on whatever finalizer is left. Default: none (the Namespace is deleted).
   */
  readonly deletedWith?: pulumi.Resource;
  /** The receiver relay's target group and security group (cluster-info). Default: no relay. */
  readonly receivers?: ReceiverClusterInfo<pulumi.Input<string>>;
}
