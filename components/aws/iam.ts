/**
 * IAM policy document types and the trust policy of an AWS service role, shared by the
 * components whose roles an AWS service assumes (CodeBuild, CodePipeline, EventBridge, VPC Flow
 * Logs). Trust of roles assumed through OIDC lives in `irsa.ts` (EKS) and `components/deployments/policy.ts`.
 */

/** One statement (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html). */
export type PolicyStatement = {
  Sid?: string;
  Effect: "Allow" | "Deny";
  /** A principal map, or `*` (anyone; resource policies only). */
  Principal?: Record<string, string | string[]> | "*";
  NotAction?: string | string[];
  Action?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

export type PolicyDocument = {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
};

/** An Allow statement (the condition only when given). */
export function allow(
  Sid: string,
  Action: readonly string[] | string,
  Resource: string | string[],
  Condition?: PolicyStatement["Condition"],
): PolicyStatement {
  return {
    Sid,
    Effect: "Allow",
    Action: typeof Action === "string" ? Action : [...Action],
    Resource,
    ...(Condition && { Condition }),
  };
}

/**
 * Trust of a role that `service` (e.g. `codebuild.amazonaws.com`) assumes on behalf of this
 * account only: `aws:SourceAccount` guards against the confused deputy (CodeBuild, CodePipeline,
 * EventBridge and VPC Flow Logs set it:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/cross-service-confused-deputy-prevention.html);
 * `sourceArnLike`, where the service also sets `aws:SourceArn`, narrows it to the caller's resources.
 */
export function serviceTrustPolicy(
  service: string,
  accountId: string,
  sourceArnLike?: string,
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ...(sourceArnLike !== undefined && { ArnLike: { "aws:SourceArn": sourceArnLike } }),
        },
      },
    ],
  };
}
