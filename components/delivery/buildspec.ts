/**
 * The CodeBuild buildspec of an image pipeline, rendered by a pure function: compute the image tag
 * (`image-tag.ts`, one definition shared with the Flux ImagePolicy), log in to ECR, build, push.
 * Buildspec reference: https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html
 *
 * Layer reuse: every build starts on a fresh host, so without a cache each layer is rebuilt. The
 * build reads BuildKit's inline cache from the repository's `CACHE_TAG` image (`--cache-from`,
 * `BUILDKIT_INLINE_CACHE=1`: Docker docs "Cache storage backends", inline) and moves that tag to
 * the image it built. Steps whose inputs did not change (the base image, a dependency install
 * before the first changed file) come from the registry instead of running again. The inline cache
 * works with Docker's default builder (no BuildKit container to pull) and stores no extra layers:
 * the tag points at the release image itself. CodeBuild's LOCAL_DOCKER_LAYER_CACHE is not used:
 * it lives on one build host, "best effort" (AWS DevOps Blog, "Reduce Docker image build time on
 * AWS CodeBuild using Amazon ECR as a remote cache", 2024). A first build, or a missing cache
 * image, only logs a warning and builds everything.
 */
import { stringify } from "yaml";
import { imageTagShell } from "./image-tag";

/**
 * The one mutable tag of a service repository: the newest build, read as the layer cache of the
 * next. The repositories exempt exactly this tag from immutability (registry.ts), and the relay's
 * ECR rule ignores its pushes (components/receivers/patterns.ts).
 */
export const CACHE_TAG = "buildcache";

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
    env: {
      shell: "bash",
      // BuildKit, which reads and writes the inline cache (the default builder since Docker 23).
      variables: { DOCKER_BUILDKIT: "1" },
      "exported-variables": ["IMAGE_TAG"],
    },
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
            `--cache-from ${uri}:${CACHE_TAG}"`,
            "--build-arg BUILDKIT_INLINE_CACHE=1",
            `--file ${quote(dockerfile)}`,
            `--tag ${uri}:$IMAGE_TAG"`,
            '--build-arg "APP_VERSION=$IMAGE_TAG"',
            '--label "org.opencontainers.image.revision=$CODEBUILD_RESOLVED_SOURCE_VERSION"',
            quote(options.context),
          ].join(" "),
          `docker push ${uri}:$IMAGE_TAG"`,
          // After the release tag: a failed push leaves the previous cache in place.
          `docker tag ${uri}:$IMAGE_TAG" ${uri}:${CACHE_TAG}"`,
          `docker push ${uri}:${CACHE_TAG}"`,
        ],
      },
    },
  };
  return stringify(spec, { lineWidth: 0 });
}
