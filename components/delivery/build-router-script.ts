/**
 * The build router's pure parts: which pipelines a push to app-repo starts. CodeCommit push events
 * carry the old and new commit but no file list
 * (https://docs.aws.amazon.com/codecommit/latest/userguide/monitoring-events.html), and CodePipeline
 * V2 trigger filters on file paths exist only for CodeStarSourceConnection sources
 * (https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineTriggerDeclaration.html),
 * so a small CodeBuild project clones app-repo, lists the files the push changed
 * (`git diff --name-only <old> <new>`) and starts the pipeline of each service whose folder they
 * touch, at the pushed commit (StartPipelineExecution `sourceRevisions`, a V2 feature:
 * https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-trigger-source-overrides.html).
 */
import { stringify } from "yaml";

/** One service the router can start. */
export interface RoutedService {
  readonly service: string;
  /** Its folder in app-repo (validated: no spaces, no `..`). */
  readonly folder: string;
  /** Its pipeline's name. */
  readonly pipeline: string;
}

/** Variables the EventBridge targets pass to the router build. */
export const ROUTER_VARIABLES = {
  /** The branch's commit before the push; unset for a push that created the branch. */
  before: "PUSH_BEFORE_COMMIT",
} as const;

/** The pipelines' Source action name (the source revision override names it). */
export const SOURCE_ACTION = "Source";

/**
 * Bash that starts the pipelines of the services the push changed. It compares the pushed commit
 * (`CODEBUILD_RESOLVED_SOURCE_VERSION`) with `PUSH_BEFORE_COMMIT`; without that commit (a new
 * branch, or one rewritten so that the old commit is gone) it starts every pipeline. Renames count
 * on both sides (`--no-renames`): moving a file out of a folder changes that folder too. The
 * request token makes a repeated event (EventBridge delivers at least once) start one execution.
 */
export function routerScript(services: readonly RoutedService[]): string {
  const table = services.map((s) => `${s.service} ${s.folder} ${s.pipeline}`).join("\n");
  return `set -euo pipefail
after="$CODEBUILD_RESOLVED_SOURCE_VERSION"
before="\${${ROUTER_VARIABLES.before}:-}"
all=false
if [ -n "$before" ] && git cat-file -e "$before^{commit}" 2>/dev/null; then
  changed="$(git diff --no-renames --name-only "$before" "$after")"
else
  echo "No earlier commit to compare with (a new branch, or rewritten history): every service is built."
  changed=""
  all=true
fi
started=0
while read -r service folder pipeline <&3; do
  hit=$all
  while IFS= read -r file; do
    case "$file" in "$folder"/*) hit=true ;; esac
  done <<< "$changed"
  if [ "$hit" = true ]; then
    echo "$service: $folder/ changed; starting $pipeline at $after"
    aws codepipeline start-pipeline-execution --name "$pipeline" \\
      --source-revisions "actionName=${SOURCE_ACTION},revisionType=COMMIT_ID,revisionValue=$after" \\
      --client-request-token "$after-$service" </dev/null >/dev/null
    started=$((started + 1))
  else
    echo "$service: nothing changed in $folder/"
  fi
done 3<<'SERVICES'
${table}
SERVICES
echo "Started $started of ${services.length} pipelines."`;
}

/** The router's buildspec (0.2, bash): the script as one command. */
export function renderRouterBuildspec(services: readonly RoutedService[]): string {
  return stringify(
    {
      version: 0.2,
      env: { shell: "bash" },
      phases: { build: { commands: [routerScript(services)] } },
    },
    { lineWidth: 0 },
  );
}

/** An EventBridge target's input transformer (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html). */
export interface InputTransformer {
  readonly inputPaths: Record<string, string>;
  readonly inputTemplate: string;
}

/**
 * What each push event passes to StartBuild (a CodeBuild target's input is the StartBuild request):
 * the pushed commit as the source version, and for an update the commit before it. A created
 * branch's event has no `oldCommitId`, so it has its own rule and template (how an input path that
 * is absent from the event would render is not documented).
 */
export function routerInputs(): { updated: InputTransformer; created: InputTransformer } {
  return {
    updated: {
      inputPaths: { after: "$.detail.commitId", before: "$.detail.oldCommitId" },
      inputTemplate: JSON.stringify({
        sourceVersion: "<after>",
        environmentVariablesOverride: [
          { name: ROUTER_VARIABLES.before, value: "<before>", type: "PLAINTEXT" },
        ],
      }),
    },
    created: {
      inputPaths: { after: "$.detail.commitId" },
      inputTemplate: JSON.stringify({ sourceVersion: "<after>" }),
    },
  };
}
