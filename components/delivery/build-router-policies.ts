/**
 * Names and least-privilege IAM documents of the build router (functions of ARNs).
 * CodeBuild's own clone of a CodeCommit source needs `codecommit:GitPull`
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html); starting a
 * pipeline is `codepipeline:StartPipelineExecution` on the pipeline
 * (https://docs.aws.amazon.com/codepipeline/latest/userguide/permissions-reference.html); an
 * EventBridge rule starts a build with `codebuild:StartBuild` on the project
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html).
 */
import { protectedRefsDeny, type PolicyDocument } from "../aws";
import { PROTECTED_REFS } from "./protected-refs";

/** Physical names of the router's resources (`build-router` is a reserved service name). */
export function routerNames(namePrefix: string) {
  const base = `${namePrefix}-build-router`;
  return {
    /** CodeBuild project (2-255 characters). */
    project: base,
    logGroup: `/aws/codebuild/${base}`,
    /** IAM roles (at most 64 characters; the prefix is at most 20). */
    role: base,
    eventsRole: `${base}-events`,
    /** EventBridge rules (at most 64 characters). */
    updatedRule: `${base}-push`,
    createdRule: `${base}-branch`,
  };
}

export const routerPolicies = {
  /** The router build: clone app-repo, start the services' pipelines, write its own log group. */
  router(arns: { source: string; pipelines: readonly string[]; logs: string }): PolicyDocument {
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CloneSource",
          Effect: "Allow",
          Action: "codecommit:GitPull",
          Resource: arns.source,
        },
        {
          Sid: "StartPipelines",
          Effect: "Allow",
          Action: "codepipeline:StartPipelineExecution",
          Resource: [...arns.pipelines],
        },
        {
          Sid: "BuildLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [arns.logs, `${arns.logs}:log-stream:*`],
        },
        // CI never writes what an environment after the first syncs, nor its approval rules.
        ...protectedRefsDeny(PROTECTED_REFS, "Ci"),
      ],
    };
  },

  /** EventBridge: start the router build, nothing else. */
  startRouter(projectArn: string): PolicyDocument {
    return {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "codebuild:StartBuild", Resource: projectArn }],
    };
  },
};
