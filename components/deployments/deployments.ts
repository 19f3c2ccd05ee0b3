/**
 * Pulumi Deployments for every stack of this program: a push to the deployment branch runs
 * `pulumi up` in Pulumi Cloud, which signs in to AWS through OIDC (no AWS key anywhere).
 * GitHub-hosted programs use the native push trigger; a CodeCommit-hosted program, which that
 * trigger does not support, gets an EventBridge rule per stack that calls the Deployments REST API.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as service from "@pulumi/pulumiservice";
import { DeploymentsCodeCommit, type AwsContext } from "./codecommit";
import {
  PULUMI_OIDC_URL,
  branchRef,
  deploymentPaths,
  oidcAudience,
  preRunCommands,
} from "./policy";
import { SESSION_DURATION, createStackRole, type StackRoleContext } from "./stack-roles";

/** Where this program's own repository lives: GitHub (native push trigger) or CodeCommit. */
export type GitHost = "github" | "codecommit";

export interface DeploymentsArgs {
  /** Pulumi organization owning the stacks; its lowercase form is the OIDC audience. */
  readonly organization: string;
  /** Pulumi project name (`gitops-platform`). */
  readonly project: string;
  /** AWS region of the stacks and of the CodeCommit repository. */
  readonly region: string;
  /** Prefix of physical names (`gitops-shared`). */
  readonly namePrefix: string;
  /** The stack declaring this component: its role gets delivery permissions, the others runtime. */
  readonly deliveryStack: string;
  /** Stacks Deployments runs, e.g. `[shared, dev, staging, prod]`. */
  readonly stacks: readonly string[];
  /** Stacks deployed from `prodBranch`; their role refuses `destroy`. */
  readonly prodStacks: readonly string[];
  /** Branch every other stack deploys from (`main`). */
  readonly branch: string;
  /** Branch prod stacks deploy from (`production`): promotion is a merge into it. */
  readonly prodBranch: string;
  /** Folder of the program inside the repository; `''` is the root. */
  readonly repoDir: string;
  /** Where the program's repository lives. */
  readonly gitHost: GitHost;
  /** `owner/name` on GitHub, or the CodeCommit repository name. */
  readonly repository: string;
  /**
   * Pulumi access token (a secret) with write access to every stack. A push-triggered deployment
   * only gets a token for its own stack (https://www.pulumi.com/docs/deployments/operations/permissions/),
   * too little for the delivery stack, which manages the others' deployment settings: the token
   * becomes its `PULUMI_ACCESS_TOKEN`. Without it, assign the delivery stack's deployments an
   * organization role in Pulumi Cloud instead. Required on CodeCommit: EventBridge calls the
   * REST API with it.
   */
  readonly apiToken?: pulumi.Input<string>;
  /**
   * ARN of an existing IAM OIDC provider for `https://api.pulumi.com/oidc`. AWS allows one
   * provider per URL and account: if another program made it, pass its ARN (after adding this
   * org to its audiences), or adopt it with `pulumi import
   * aws:iam/openIdConnectProvider:OpenIdConnectProvider deployments-oidc <arn>`. Default: create it.
   */
  readonly oidcProviderArn?: pulumi.Input<string>;
  /** Protect the OIDC provider (every deployment depends on it). Default false. */
  readonly protect?: boolean;
  /**
   * Names of the CodeCommit repositories the delivery stack creates: the delivery role may manage
   * them; environments may pull `flux` and `microservices` and push `microservices` (image
   * automation), nothing else in CodeCommit (boundary.ts).
   */
  readonly repositories: {
    readonly flux: string;
    readonly microservices: string;
    readonly app: string;
  };
  /** Names of the ECR repositories the delivery stack creates (one per service). */
  readonly imageRepositories: readonly string[];
  /**
   * Name prefix (`gitops-platform:namePrefix`) of each environment stack that sets its own;
   * default `gitops-<stack>`. An environment's boundary lets it create IAM roles, policies and
   * instance profiles only under its prefix (fences.ts), so a wrong entry fails its `up`.
   */
  readonly environmentNamePrefixes?: Readonly<Record<string, string>>;
}

/**
 * `vcs.provider` values that pulumiservice 1.3.0 understands (`provider/pkg/resources/deployment_settings.go`);
 * an unknown value is dropped silently, so the constant is typed.
 */
type VcsProvider = "github" | "gitlab" | "bitbucket" | "azure_devops" | "custom";
const GITHUB: VcsProvider = "github";
type Ctx = pulumi.Output<AwsContext>;
interface GitSource {
  readonly url: string;
  readonly auth: { username: pulumi.Output<string>; password: pulumi.Output<string> };
}

export class Deployments extends pulumi.ComponentResource {
  /** Deployments role ARN per stack. */
  public readonly roleArns: pulumi.Output<Record<string, string>>;
  /**
   * Permissions boundary ARN per environment stack: every role an environment creates carries
   * its own (environment stacks read it from the shared stack's outputs).
   */
  public readonly boundaryArns: pulumi.Output<Record<string, string>>;
  public readonly oidcProviderArn: pulumi.Output<string>;

  constructor(name: string, args: DeploymentsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:deployments:Deployments", name, {}, opts);
    if (args.gitHost === "codecommit" && args.apiToken === undefined) {
      throw new Error(`${name}: the CodeCommit host needs apiToken for the Deployments REST API`);
    }
    const account = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    const ctx = pulumi.all([partition.partition, account.accountId]).apply(([p, a]) => ({
      partition: p,
      accountId: a,
    }));

    this.oidcProviderArn = pulumi.output(
      args.oidcProviderArn ?? this.createOidcProvider(name, args),
    );
    const git =
      args.gitHost === "codecommit" ? this.createCodeCommitSource(name, args, ctx) : undefined;
    const roleContext: StackRoleContext = {
      ...args,
      context: pulumi.all([ctx, this.oidcProviderArn]).apply(([c, oidcProviderArn]) => ({
        ...c,
        oidcProviderArn,
      })),
    };
    const roles: Record<string, pulumi.Output<string>> = {};
    const boundaries: Record<string, pulumi.Output<string>> = {};
    for (const stack of args.stacks) {
      const prod = args.prodStacks.includes(stack);
      const { role, boundary } = createStackRole(this, name, roleContext, stack, prod);
      roles[stack] = role.arn;
      if (boundary) boundaries[stack] = boundary.arn;
      this.createSettings(name, args, stack, prod, role, git);
    }
    this.roleArns = pulumi.output(roles);
    this.boundaryArns = pulumi.output(boundaries);
    this.registerOutputs({
      roleArns: this.roleArns,
      boundaryArns: this.boundaryArns,
      oidcProviderArn: this.oidcProviderArn,
    });
  }

  /** A stack's deployment settings: source, trigger, OIDC role, runner environment. */
  private createSettings(
    name: string,
    args: DeploymentsArgs,
    stack: string,
    prod: boolean,
    role: aws.iam.Role,
    git: GitSource | undefined,
  ): void {
    const repoDir = args.repoDir === "" ? undefined : args.repoDir;
    new service.DeploymentSettings(
      `${name}-${stack}`,
      {
        organization: args.organization,
        project: args.project,
        stack,
        sourceContext: {
          git: {
            branch: branchRef(prod ? args.prodBranch : args.branch),
            repoDir,
            ...(git && { repoUrl: git.url, gitAuth: { basicAuth: git.auth } }),
          },
        },
        vcs:
          args.gitHost === "github"
            ? {
                provider: GITHUB,
                repository: args.repository,
                deployCommits: true,
                // A preview runs the pull request's program: off, and no role trusts a preview
                // token (policy.ts, allowedOperations). README, Pulumi Deployments.
                previewPullRequests: false,
                pullRequestTemplate: false,
                paths: deploymentPaths(stack, args.stacks, args.repoDir),
              }
            : undefined,
        operationContext: {
          oidc: {
            aws: {
              roleARN: role.arn,
              sessionName: `pulumi-deploy-${stack}`,
              duration: SESSION_DURATION.text,
            },
          },
          preRunCommands: preRunCommands(args.repoDir),
          environmentVariables: {
            ...(stack === args.deliveryStack && args.apiToken !== undefined
              ? { PULUMI_ACCESS_TOKEN: pulumi.secret(args.apiToken) }
              : {}),
            AWS_REGION: args.region,
            // CI type-checks with `tsc --noEmit`; checking again in every deployment only
            // slows it (@pulumi/nodejs cmd/run: the CLI type-checks unless this is set).
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
          },
          options: { skipInstallDependencies: true, skipIntermediateDeployments: true },
        },
      },
      { parent: this },
    );
  }

  /**
   * The Git credential Deployments clones with and the push triggers the native trigger cannot
   * give a CodeCommit repository. Its name is this component's, so that its children keep the
   * logical names they had when declared here; they carry an alias to this parent.
   */
  private createCodeCommitSource(name: string, args: DeploymentsArgs, ctx: Ctx): GitSource {
    const codecommit = new DeploymentsCodeCommit(
      name,
      {
        organization: args.organization,
        project: args.project,
        region: args.region,
        namePrefix: args.namePrefix,
        repository: args.repository,
        branches: Object.fromEntries(
          args.stacks.map((s) => [s, args.prodStacks.includes(s) ? args.prodBranch : args.branch]),
        ),
        apiToken: args.apiToken!,
        context: ctx,
      },
      { parent: this },
    );
    return {
      url: codecommit.cloneUrl,
      auth: { username: codecommit.gitUsername, password: codecommit.gitPassword },
    };
  }

  private createOidcProvider(name: string, args: DeploymentsArgs): pulumi.Output<string> {
    return new aws.iam.OpenIdConnectProvider(
      `${name}-oidc`,
      { url: PULUMI_OIDC_URL, clientIdLists: [oidcAudience(args.organization)] },
      { parent: this, protect: args.protect ?? false },
    ).arn;
  }
}
