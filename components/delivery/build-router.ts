/**
 * BuildRouter: one small CodeBuild project that every push to app-repo's pipeline branch starts
 * (two EventBridge rules: branch updated, branch created). It clones app-repo, diffs the push, and
 * starts only the image pipelines of the services whose folder changed (build-router-script.ts).
 * One router per stack, whatever the number of services: a push costs one short build plus the
 * builds it needs, instead of one pipeline run per service.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { codeCommitPushPattern, serviceTrustPolicy } from "../aws";
import { renderRouterBuildspec, routerInputs, type InputTransformer } from "./build-router-script";
import { routerNames, routerPolicies } from "./build-router-policies";

export interface BuildRouterArgs {
  /** Prefix of physical names, e.g. `gitops-shared`. */
  readonly namePrefix: string;
  /** Account of the router: its roles trust only calls made on its behalf (aws:SourceAccount). */
  readonly accountId: pulumi.Input<string>;
  /** The app-repo CodeCommit repository (ARN for the rules and the clone right, HTTPS clone URL). */
  readonly source: {
    readonly arn: pulumi.Input<string>;
    readonly cloneUrlHttp: pulumi.Input<string>;
  };
  /** Branch whose pushes are routed (the pipelines' branch), e.g. `main`. */
  readonly branch: string;
  /** The services' pipelines, by service, with the folder whose changes start each. */
  readonly pipelines: readonly {
    readonly service: string;
    readonly folder: string;
    readonly name: pulumi.Input<string>;
    readonly arn: pulumi.Input<string>;
  }[];
  /**
   * CodeBuild compute type of the router (the pipelines' one). A routing run takes well under a
   * minute of `BUILD_GENERAL1_SMALL`, about $0.005 (https://aws.amazon.com/codebuild/pricing/).
   */
  readonly computeType: string;
  /** CodeBuild image (git and the AWS CLI v2 included), e.g. `aws/codebuild/amazonlinux-x86_64-standard:5.0`. */
  readonly buildImage: string;
  /** Retention of the router's log group, in days (a CloudWatch Logs allowed value). */
  readonly logRetentionDays: number;
  /** Protect the log group from `pulumi destroy`. */
  readonly protect: boolean;
}

export class BuildRouter extends pulumi.ComponentResource {
  public readonly project: aws.codebuild.Project;
  public readonly rules: readonly aws.cloudwatch.EventRule[];

  constructor(name: string, args: BuildRouterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:delivery:BuildRouter", name, {}, opts);
    const names = routerNames(args.namePrefix);
    const parent = { parent: this };
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: names.logGroup, retentionInDays: args.logRetentionDays },
      { parent: this, protect: args.protect },
    );
    const role = this.role(name, names.role, "codebuild.amazonaws.com", args.accountId);
    new aws.iam.RolePolicy(
      name,
      {
        role: role.name,
        policy: pulumi
          .all([args.source.arn, pulumi.all(args.pipelines.map((p) => p.arn)), logGroup.arn])
          .apply(([source, pipelines, logs]) =>
            JSON.stringify(routerPolicies.router({ source, pipelines, logs })),
          ),
      },
      parent,
    );
    // The buildspec names the pipelines, so the project (and the rules' targets) come after them:
    // the seed's own push, made before, starts nothing twice (each pipeline's first run builds it).
    const buildspec = pulumi.all(args.pipelines.map((p) => p.name)).apply((pipelineNames) =>
      renderRouterBuildspec(
        args.pipelines.map((p, i) => ({
          service: p.service,
          folder: p.folder,
          pipeline: pipelineNames[i],
        })),
      ),
    );
    this.project = new aws.codebuild.Project(
      name,
      {
        name: names.project,
        description: `Starts the image pipelines of the services a push to ${args.branch} changed.`,
        serviceRole: role.arn,
        buildTimeout: 10,
        artifacts: { type: "NO_ARTIFACTS" },
        // A full clone (depth 0): the diff needs the commit before the push.
        source: {
          type: "CODECOMMIT",
          location: args.source.cloneUrlHttp,
          gitCloneDepth: 0,
          buildspec,
        },
        // Started by hand, it routes the branch head without a previous commit: every service.
        sourceVersion: args.branch,
        environment: {
          type: "LINUX_CONTAINER",
          computeType: args.computeType,
          image: args.buildImage,
          imagePullCredentialsType: "CODEBUILD",
        },
        logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name } },
      },
      parent,
    );

    const eventsRole = this.role(
      `${name}-events`,
      names.eventsRole,
      "events.amazonaws.com",
      args.accountId,
    );
    new aws.iam.RolePolicy(
      `${name}-events`,
      {
        role: eventsRole.name,
        policy: this.project.arn.apply((p) => JSON.stringify(routerPolicies.startRouter(p))),
      },
      parent,
    );
    const inputs = routerInputs();
    this.rules = (
      [
        ["push", names.updatedRule, "referenceUpdated", inputs.updated],
        ["branch", names.createdRule, "referenceCreated", inputs.created],
      ] as const
    ).map(([suffix, ruleName, event, input]) =>
      this.rule(`${name}-${suffix}`, ruleName, event, input, args, eventsRole),
    );
    this.registerOutputs({ project: this.project, rules: this.rules });
  }

  private rule(
    name: string,
    ruleName: string,
    event: "referenceUpdated" | "referenceCreated",
    input: InputTransformer,
    args: BuildRouterArgs,
    eventsRole: aws.iam.Role,
  ): aws.cloudwatch.EventRule {
    const rule = new aws.cloudwatch.EventRule(
      name,
      {
        name: ruleName,
        description: `Routes ${event} of ${args.branch} in app-repo to the build router.`,
        eventPattern: pulumi
          .output(args.source.arn)
          .apply((arn) => JSON.stringify(codeCommitPushPattern(arn, args.branch, [event]))),
      },
      { parent: this },
    );
    new aws.cloudwatch.EventTarget(
      name,
      {
        rule: rule.name,
        arn: this.project.arn,
        roleArn: eventsRole.arn,
        inputTransformer: input,
      },
      { parent: this },
    );
    return rule;
  }

  private role(name: string, roleName: string, service: string, accountId: pulumi.Input<string>) {
    return new aws.iam.Role(
      name,
      {
        name: roleName,
        assumeRolePolicy: pulumi
          .output(accountId)
          .apply((a) => JSON.stringify(serviceTrustPolicy(service, a))),
      },
      { parent: this },
    );
  }
}
