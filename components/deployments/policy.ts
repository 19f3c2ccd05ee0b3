/**
 * Pure facts and documents for Pulumi Deployments on AWS: the OIDC trust of each stack's role,
 * the GitHub path filters, the CodeCommit clone and trigger documents and the Deployments REST
 * call. The permissions are in environment-policy.ts, boundary.ts and delivery-policy.ts;
 * `deployments.ts` only declares resources.
 */
import { serviceTrustPolicy, type PolicyDocument } from "../aws";

/** Issuer of Deployments OIDC tokens (https://www.pulumi.com/docs/deployments/guides/oidc/). */
export const PULUMI_OIDC_URL = "https://api.pulumi.com/oidc";
/**
 * The provider's URL without `https://`: its IAM ARN is `oidc-provider/<this>` and its condition
 * keys are `<this>:aud` and `<this>:sub`.
 */
export const PULUMI_OIDC_HOST = "api.pulumi.com/oidc";
const OIDC_KEY = PULUMI_OIDC_HOST;
export const PULUMI_API_URL = "https://api.pulumi.com";

/** The `operation` claim of a Deployments token (docs: "one of preview, update, refresh, or destroy"). */
export const DEPLOYMENT_OPERATIONS = ["preview", "update", "refresh", "destroy"] as const;
export type DeploymentOperation = (typeof DEPLOYMENT_OPERATIONS)[number];

/** IAM path of every Deployments role, so a boundary can fence them off as a group. */
export const DEPLOYMENT_ROLE_PATH = "/pulumi-deployments/";

/** Physical names of a stack's role and, for an environment, of its boundary and policies. */
export function stackRoleNames(namePrefix: string, stack: string) {
  return {
    role: `${namePrefix}-deploy-${stack}`,
    boundary: `${namePrefix}-boundary-${stack}`,
    policy: (part: string) => `${namePrefix}-deploy-${stack}-${part}`,
  };
}

export interface StackId {
  readonly organization: string;
  readonly project: string;
  readonly stack: string;
}

/** The token's `aud`: the organization name in lowercase, compared case-sensitively by IAM. */
export function oidcAudience(organization: string): string {
  return organization.toLowerCase();
}

/** The token's `sub` for one operation on one stack. */
export function oidcSubject(id: StackId, operation: DeploymentOperation): string {
  return `pulumi:deploy:org:${id.organization}:project:${id.project}:stack:${id.stack}:operation:${operation}:scope:write`;
}

/**
 * Operations a stack's role accepts. Never `preview`: a pull-request preview runs the pull
 * request's program, and the runner hands that program the raw OIDC token too
 * (`PULUMI_OIDC_TOKEN`), so a role that trusted previews would let any pull request act with it.
 * A preview token cannot become AWS credentials at all (README, Pulumi Deployments). Prod stacks
 * also refuse `destroy` (a mistake there is costly).
 */
export function allowedOperations(prod: boolean): DeploymentOperation[] {
  return DEPLOYMENT_OPERATIONS.filter((op) => op !== "preview" && !(prod && op === "destroy"));
}

/**
 * Trust policy of a stack's Deployments role. `StringEquals` on both claims with the exact list of
 * subjects (one per allowed operation), not `StringLike` with `operation:*`: no wildcard can match
 * another stack, project or scope, and removing `destroy` from the list really refuses it.
 */
export function deploymentTrustPolicy(
  providerArn: string,
  id: StackId,
  operations: readonly DeploymentOperation[],
): PolicyDocument {
  if (operations.length === 0) throw new Error(`stack '${id.stack}': no operation allowed`);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${OIDC_KEY}:aud`]: oidcAudience(id.organization),
            [`${OIDC_KEY}:sub`]: operations.map((op) => oidcSubject(id, op)),
          },
        },
      },
    ],
  };
}

/** Files whose change can alter every stack (relative to the program's folder). */
export const SHARED_CODE_PATHS = [
  "Pulumi.yaml",
  "index.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "components/**",
  "stacks/**",
  "gitops/**",
] as const;

function inRepo(repoDir: string, path: string): string {
  const dir = repoDir.replace(/^\.?\/+|\/+$/g, "");
  return dir === "" || dir === "." ? path : `${dir}/${path}`;
}

/**
 * GitHub push-to-deploy path filters of `stack` (paths are relative to the repository root; `!`
 * excludes and an exclude always wins: https://www.pulumi.com/docs/deployments/concepts/settings/path-filtering/).
 * Shared code deploys every stack; `Pulumi.<stack>.yaml` deploys only its stack, and the other
 * stacks' files are excluded outright, so a future broad include cannot pull them in.
 */
export function deploymentPaths(
  stack: string,
  allStacks: readonly string[],
  repoDir: string,
): string[] {
  return [
    ...SHARED_CODE_PATHS.map((p) => inRepo(repoDir, p)),
    inRepo(repoDir, `Pulumi.${stack}.yaml`),
    ...allStacks.filter((s) => s !== stack).map((s) => `!${inRepo(repoDir, `Pulumi.${s}.yaml`)}`),
  ];
}

/**
 * Commands run before each operation: `npm ci` installs exactly the lock file (the runner's own
 * install is skipped). Each line runs in its own shell; whether that shell starts at the
 * repository root or in `repoDir` is not documented, so the line moves into `repoDir` only when
 * the lock file is not already there.
 */
export function preRunCommands(repoDir: string): string[] {
  const dir = inRepo(repoDir, "");
  if (dir === "") return ["npm ci"];
  return [`if [ ! -f package-lock.json ]; then cd '${dir.replace(/\/$/, "")}'; fi && npm ci`];
}

/** Git ref Deployments checks out (the provider examples use the full ref). */
export function branchRef(branch: string): string {
  return `refs/heads/${branch}`;
}

/** HTTPS clone URL of a CodeCommit repository (what Deployments clones with a Git credential). */
export function codeCommitCloneUrl(region: string, repository: string): string {
  return `https://git-codecommit.${region}.amazonaws.com/v1/repos/${repository}`;
}

/** Policy of the IAM user whose Git credential Deployments clones with: pull this repository only. */
export function gitPullPolicy(repositoryArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "codecommit:GitPull", Resource: repositoryArn }],
  };
}

/**
 * Trust of the role EventBridge uses to call the API destination: this account's rules only
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html).
 */
export function eventsTrustPolicy(accountId: string): PolicyDocument {
  return serviceTrustPolicy("events.amazonaws.com", accountId);
}

/** What that role may do: invoke this one API destination. */
export function invokeApiDestinationPolicy(destinationArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "events:InvokeApiDestination", Resource: destinationArn },
    ],
  };
}

/** Deployments REST API "Create Deployment" URL of one stack. */
export function deploymentUrl(id: StackId): string {
  const part = encodeURIComponent;
  return `${PULUMI_API_URL}/api/stacks/${part(id.organization)}/${part(id.project)}/${part(id.stack)}/deployments`;
}

/**
 * The same URL with the stack as an EventBridge path parameter (`*`), so one API destination
 * serves every stack; each target fills it through `httpParameters.pathParameterValues`.
 */
export function deploymentUrlTemplate(organization: string, project: string): string {
  // encodeURIComponent leaves `*` as it is.
  return deploymentUrl({ organization, project, stack: "*" });
}

/**
 * Body of the REST call: run `pulumi up` with the stack's own deployment settings (source, OIDC,
 * pre-run commands). `inheritSettings` defaults to true on the `/api/stacks` routes; it is sent
 * anyway so the request does not depend on that default.
 */
export function deploymentRequestBody(): { operation: DeploymentOperation; inheritSettings: true } {
  return { operation: "update", inheritSettings: true };
}

/** The REST API's auth header: `Authorization: token <access token>`. */
export const API_AUTH_HEADER = "Authorization";
export function apiAuthValue(token: string): string {
  return `token ${token}`;
}
