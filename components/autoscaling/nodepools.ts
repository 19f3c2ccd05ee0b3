/**
 * The Flux Kustomization of Karpenter's NodePools and EC2NodeClass
 * (gitops/flux-repo/infrastructure/nodepools), owned by Pulumi rather than by clusters/<env>,
 * for the order of teardown: nodes Karpenter launched must be gone before its controller, its
 * IAM and the VPC go.
 *
 * On `pulumi destroy` this object is deleted first: it depends on the bootstrap Kustomization
 * (which would prune the Karpenter controller with everything else) and on the AWS resources
 * the controller needs (`Karpenter.teardown`). `deletionPolicy: WaitForTermination` makes
 * kustomize-controller delete the NodePools and EC2NodeClass and wait until they are gone
 * (fluxcd/kustomize-controller `docs/spec/v1/kustomizations.md`, "Deletion policy"); Karpenter's
 * finalizers hold them until every NodeClaim's instance is terminated. Only then does Pulumi go
 * on to the bootstrap Kustomization, the Flux release, the IAM roles, the cluster and the VPC.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BOOTSTRAP_NAME, CLUSTER_INFO_NAME, FLUX_NAMESPACE, KUSTOMIZATION_API } from "../flux";

export const NODEPOOLS_KUSTOMIZATION = "infrastructure-nodepools";
export const NODEPOOLS_PATH = "./infrastructure/nodepools";
/** How long deletion waits for Karpenter to drain and terminate its nodes. */
export const NODEPOOLS_DELETE_TIMEOUT = "15m";

/** The Kustomization object (pure, so the tests validate it against the Flux schema). */
export function nodePoolsKustomization(interval: string) {
  return {
    apiVersion: KUSTOMIZATION_API,
    kind: "Kustomization",
    metadata: { name: NODEPOOLS_KUSTOMIZATION, namespace: FLUX_NAMESPACE },
    spec: {
      // The NodePool and EC2NodeClass CRDs come with the Karpenter chart.
      dependsOn: [{ name: "infrastructure-controllers" }],
      interval,
      retryInterval: "1m",
      timeout: NODEPOOLS_DELETE_TIMEOUT,
      sourceRef: { kind: "GitRepository", name: BOOTSTRAP_NAME },
      path: NODEPOOLS_PATH,
      prune: true,
      wait: true,
      deletionPolicy: "WaitForTermination",
      postBuild: { substituteFrom: [{ kind: "ConfigMap", name: CLUSTER_INFO_NAME }] },
    },
  };
}

export interface NodePoolSyncArgs {
  readonly kubernetesProvider: k8s.Provider;
  /** Kustomization interval (settings.flux.intervals.kustomization). */
  readonly interval: string;
  /** The bootstrap Kustomization (Flux.sync). */
  readonly fluxSync: pulumi.Resource;
  /** What the Karpenter controller needs until its nodes are gone (Karpenter.teardown). */
  readonly karpenterTeardown: readonly pulumi.Resource[];
}

export class NodePoolSync extends pulumi.ComponentResource {
  constructor(name: string, args: NodePoolSyncArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:autoscaling:NodePoolSync", name, {}, opts);
    const { apiVersion, kind, metadata, spec } = nodePoolsKustomization(args.interval);
    new k8s.apiextensions.CustomResource(
      `${name}-kustomization`,
      { apiVersion, kind, metadata, spec },
      {
        parent: this,
        provider: args.kubernetesProvider,
        // Destroy order, not data: this goes first (see the file comment).
        dependsOn: [args.fluxSync, ...args.karpenterTeardown],
        // Karpenter drains (terminationGracePeriod) and terminates before the object goes.
        customTimeouts: { delete: "20m" },
      },
    );
    this.registerOutputs({});
  }
}
