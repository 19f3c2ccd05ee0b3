/**
 * The CodeBuild buildspec of an image pipeline, rendered by a pure function: compute the image tag
 * (`image-tag.ts`, one definition shared with the Flux ImagePolicy), log in to ECR, build, push.
 * Buildspec reference: https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html
 */
import { stringify } from "yaml";
import { imageTagShell } from "./image-tag";

/** Variables the CodeBuild project sets (the buildspec reads them; CodeBuild sets its own). */
export const BUILD_VARIABLES = {
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>` */
  repositoryUri: "IMAGE_REPOSITORY_URI",
  /** Branch of the source revision; the pipeline's Build action passes the source's BranchName. */
  sourceBranch: "SOURCE_BRANCH",
} as const;

export interface BuildspecOptions {
  /** Docker build context inside the source (app-repo), e.g. `front-end`. */
  readonly context: string;
  /** Dockerfile path inside the source. Default `<context>/Dockerfile`. */
  readonly dockerfile?: string;
}

/** Single-quotes a value for bash. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The commands that set IMAGE_TAG, failing first when an input variable is missing. */
export function tagCommands(): string[] {
  return [
    `: "\${${BUILD_VARIABLES.sourceBranch}:?${BUILD_VARIABLES.sourceBranch} is not set}"`,
    ': "${CODEBUILD_RESOLVED_SOURCE_VERSION:?CODEBUILD_RESOLVED_SOURCE_VERSION is not set}"',
    ...imageTagShell().split("\n"),
    'echo "Image tag: $IMAGE_TAG"',
  ];
}

/**
 * Buildspec 0.2 in bash. Variables persist across commands and phases in 0.2, so the tag computed
 * in `pre_build` is used by `build`; build and push share the `build` phase because `post_build`
 * runs even after a failed build. `IMAGE_TAG` is exported for the pipeline's execution view.
 */
export function renderBuildspec(options: BuildspecOptions): string {
  const uri = `"$${BUILD_VARIABLES.repositoryUri}`;
  const dockerfile = options.dockerfile ?? `${options.context}/Dockerfile`;
  const spec = {
    version: 0.2,
    env: { shell: "bash", "exported-variables": ["IMAGE_TAG"] },
    phases: {
      pre_build: {
        commands: [
          ...tagCommands(),
          `REGISTRY="\${${BUILD_VARIABLES.repositoryUri}%%/*}"`,
          'aws ecr get-login-password --region "$AWS_DEFAULT_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
        ],
      },
      build: {
        commands: [
          [
            "docker build --pull",
            `--file ${quote(dockerfile)}`,
            `--tag ${uri}:$IMAGE_TAG"`,
            '--build-arg "APP_VERSION=$IMAGE_TAG"',
            '--label "org.opencontainers.image.revision=$CODEBUILD_RESOLVED_SOURCE_VERSION"',
            quote(options.context),
          ].join(" "),
          `docker push ${uri}:$IMAGE_TAG"`,
        ],
      },
    },
  };
  return stringify(spec, { lineWidth: 0 });
}
