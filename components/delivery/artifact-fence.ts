/**
 * The artifact bucket's policy: TLS only (pipeline-policies.ts), and no principal of the platform
 * but the pipeline's own roles and the shared stack's deployer may touch it. Between the Source
 * and Build actions the bucket holds the source zip CodeBuild builds the image from: whoever can
 * write it decides what runs in every environment, prod included.
 *
 * "Principals of the platform" are those that carry the stack tag (`aws:PrincipalTag`: every
 * role of every stack carries its stack's tag, and an environment can neither create an untagged
 * role nor remove the tag, components/deployments/boundary.ts) or live at the Deployments path
 * (the Deployments roles of every stack). Other principals of the account (administrators, the
 * identity that runs the shared stack's first `pulumi up`) keep what their own policies give,
 * so a deny cannot lock them out of the bucket.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
 */
import { STACK_TAG, type PolicyDocument, type PolicyStatement } from "../aws";
import { pipelinePolicies } from "./pipeline-policies";

export interface ArtifactPrincipals {
  readonly bucketArn: string;
  /** Role ARNs that keep access: the pipeline's role, its build role, the shared deployer. */
  readonly allowed: readonly string[];
  /** Path of the Deployments roles (`/pulumi-deployments/`). */
  readonly deploymentsPath: string;
}

export function artifactBucketPolicy(p: ArtifactPrincipals): PolicyDocument {
  const partition = p.bucketArn.split(":")[1];
  const fence = (Sid: string, who: Record<string, Record<string, string>>): PolicyStatement => ({
    Sid,
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [p.bucketArn, `${p.bucketArn}/*`],
    Condition: { ArnNotEquals: { "aws:PrincipalArn": [...p.allowed] }, ...who },
  });
  return {
    Version: "2012-10-17",
    Statement: [
      ...pipelinePolicies.tlsOnly(p.bucketArn).Statement,
      fence("StackRolesOnlyThePipeline", { Null: { [`aws:PrincipalTag/${STACK_TAG}`]: "false" } }),
      fence("DeploymentsRolesOnlyTheDeployer", {
        ArnLike: { "aws:PrincipalArn": `arn:${partition}:iam::*:role${p.deploymentsPath}*` },
      }),
    ],
  };
}
