/**
 * Explicit `dependsOn` edges of this program that are known, documented needs: no input carries
 * them, yet removing them breaks the first deploy. The cold-up estimate marks such an edge
 * justified instead of flagging it. Keyed by the dependent's and the dependency's types; each
 * reason names where the program explains it.
 */
import type { GraphNode } from "./critical-path";

const JUSTIFIED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "kubernetes:helm.sh/v3:Release": {
    "eks:index:ManagedNodeGroup":
      "the Flux chart install needs nodes: Helm waits for the controllers' pods and the " +
      "pre-install check Job (components/flux/flux.ts, installAfter)",
    "aws:iam/rolePolicy:RolePolicy":
      "controllers must not start before their IRSA role may act (components/flux/flux.ts)",
  },
  "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository": {
    "kubernetes:helm.sh/v3:Release":
      "the kind exists once the chart has installed the Flux CRDs (components/flux/flux.ts)",
    "kubernetes:core/v1:Secret":
      "a missing credential fails the first fetch, retried only after spec.interval " +
      "(components/flux/flux.ts)",
  },
  "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization": {
    "kubernetes:helm.sh/v3:Release":
      "the kind exists once the chart has installed the Flux CRDs (components/flux/flux.ts)",
    "kubernetes:core/v1:ConfigMap":
      "postBuild.substituteFrom reads cluster-info: missing, the first apply fails until the " +
      "next interval (components/flux/flux.ts)",
    "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization":
      "the NodePools' sync is deleted first on destroy, while Flux and Karpenter still run to " +
      "terminate the nodes it launched (components/autoscaling/nodepools.ts)",
  },
  "pulumi-nodejs:dynamic/teardown:FluxTeardown": {
    "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization":
      "on destroy it runs before the bootstrap Kustomization goes, layer by layer " +
      "(components/teardown/flux-teardown.ts)",
  },
  "gitops-platform:autoscaling:NodePoolSync": {
    "pulumi-nodejs:dynamic/teardown:FluxTeardown":
      "on destroy the NodePools go before the teardown removes Karpenter's controller (index.ts)",
  },
  "eks:index:Cluster": {
    "aws:cloudwatch/logGroup:LogGroup":
      "otherwise EKS creates the control-plane log group itself, without retention " +
      "(components/cluster/cluster.ts)",
  },
  "eks:index:ManagedNodeGroup": {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
      "nodes that boot before the node role has its policies cannot join " +
      "(components/cluster/node-groups.ts)",
    "aws:eks/addon:Addon":
      "aws-node pods created before the vpc-cni add-on gives their service account the CNI's " +
      "role run without it: no pod network (components/cluster/cluster.ts)",
  },
  "aws:ec2/flowLog:FlowLog": {
    "aws:iam/rolePolicy:RolePolicy":
      "delivery fails (DeliverLogsPermissionDenied) until the role may write " +
      "(components/network/network.ts)",
  },
  "aws:codepipeline/pipeline:Pipeline": {
    "aws:iam/rolePolicy:RolePolicy":
      "the first execution starts at creation and needs both roles' policies " +
      "(components/delivery/pipeline.ts)",
  },
  "aws:s3/bucketPolicy:BucketPolicy": {
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":
      "S3 may abort concurrent changes to one bucket, OperationAborted " +
      "(components/delivery/pipeline.ts)",
  },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    "aws:s3/bucketVersioning:BucketVersioning":
      "noncurrent-version rules act once versioning is on (components/delivery/pipeline.ts)",
  },
  "aws:iam/serviceSpecificCredential:ServiceSpecificCredential": {
    "aws:iam/userPolicy:UserPolicy":
      "the credential must not reach Flux before its user may pull " +
      "(components/flux/git-credential.ts)",
  },
};

/** The documented reason for the explicit edge `from` -> `to`, if it is one of the known needs. */
export function justifyDependsOn(from: GraphNode, to: GraphNode): string | undefined {
  return JUSTIFIED[from.type]?.[to.type];
}
