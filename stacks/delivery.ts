/**
 * Delivery (`shared` stack) settings: repositories, registry, image pipeline, Pulumi Deployments.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CommonSettings, DeliverySettings } from "./settings";
import { deliveryProfile } from "./profiles";
import { Problems, Reader } from "./problems";
import * as rules from "./rules";
import { prodStacksProblems } from "./contradictions";
import { PROFILES } from "./settings";
import { readServices } from "./services";
import { readPromotion } from "./promotion";

/** CodeBuild compute types for Linux containers (CodeBuild "Build environment compute types"). */
export const BUILD_COMPUTE_TYPES = [
  "BUILD_GENERAL1_SMALL",
  "BUILD_GENERAL1_MEDIUM",
  "BUILD_GENERAL1_LARGE",
  "BUILD_GENERAL1_XLARGE",
  "BUILD_GENERAL1_2XLARGE",
] as const;

export function resolveDelivery(
  common: CommonSettings & { profile: "shared" },
  read: Reader,
  problems: Problems,
  apiToken: pulumi.Output<string> | undefined,
): DeliverySettings {
  const p = deliveryProfile;
  const repositories = {
    flux: read.string("fluxRepoName", p.fluxRepoName),
    microservices: read.string("microservicesRepoName", p.microservicesRepoName),
    app: read.string("appRepoName", p.appRepoName),
  };
  const repoKeys = {
    flux: "fluxRepoName",
    microservices: "microservicesRepoName",
    app: "appRepoName",
  } as const;
  for (const [k, name] of Object.entries(repositories) as [keyof typeof repoKeys, string][]) {
    const r = rules.codeCommitRepoName(name);
    if (r) problems.add(repoKeys[k], name, r, "Choose another name.");
  }
  if (new Set(Object.values(repositories)).size !== 3) {
    problems.add(
      "fluxRepoName",
      repositories,
      "the three repositories need distinct names",
      "Rename one of them.",
    );
  }
  const defaultBranch = read.string("defaultBranch", p.defaultBranch);
  const badBranch = rules.branchName(defaultBranch);
  if (badBranch)
    problems.add("defaultBranch", defaultBranch, badBranch, "Use a name such as main.");

  const services = readServices(read, problems);
  const untaggedExpiryDays = read.integer("ecrUntaggedExpiryDays", p.ecrUntaggedExpiryDays);
  if (untaggedExpiryDays < 1)
    problems.add("ecrUntaggedExpiryDays", untaggedExpiryDays, "must be at least 1", "Use 7.");
  const keep = read.integer("ecrKeepImagesPerBranch", p.ecrKeepImagesPerBranch);
  if (keep < 1 || keep > 1000)
    problems.add("ecrKeepImagesPerBranch", keep, "must be 1 to 1000", "Use 30.");
  const branches = read.stringArray("ecrBranches", p.ecrBranches);
  for (const b of branches) {
    const r = rules.branchName(b);
    if (r) problems.add("ecrBranches", b, r, "List branch names such as main.");
  }
  const pullAccountIds = read.stringArray("ecrPullAccountIds", p.ecrPullAccountIds);
  for (const a of pullAccountIds) {
    const r = rules.accountId(a);
    if (r) problems.add("ecrPullAccountIds", a, r, "List 12-digit account IDs as quoted strings.");
  }

  const computeType = read.string("buildComputeType", p.buildComputeType);
  if (!(BUILD_COMPUTE_TYPES as readonly string[]).includes(computeType)) {
    problems.add(
      "buildComputeType",
      computeType,
      "unknown CodeBuild compute type",
      `Use ${BUILD_COMPUTE_TYPES.join(", ")}.`,
    );
  }
  const buildLogRetentionDays = read.integer("buildLogRetentionDays", p.buildLogRetentionDays);
  const badRetention = rules.logRetention(buildLogRetentionDays);
  if (badRetention)
    problems.add("buildLogRetentionDays", buildLogRetentionDays, badRetention, "Pick one of them.");
  const artifactExpiryDays = read.integer("artifactExpiryDays", p.artifactExpiryDays);
  if (artifactExpiryDays < 1)
    problems.add("artifactExpiryDays", artifactExpiryDays, "must be at least 1", "Use 30.");
  const pipelineBranch = read.string("pipelineBranch", p.pipelineBranch);
  const badPipelineBranch = rules.branchName(pipelineBranch);
  if (badPipelineBranch)
    problems.add("pipelineBranch", pipelineBranch, badPipelineBranch, "Use a name such as main.");

  if (!branches.includes(pipelineBranch)) {
    const [key, value] = read.has("pipelineBranch")
      ? (["pipelineBranch", pipelineBranch] as const)
      : (["ecrBranches", branches] as const);
    problems.add(
      key,
      value,
      `images are built from branch '${pipelineBranch}', but the ECR lifecycle keeps the newest images of ${branches.join(", ") || "no branch"} only: its images would never expire`,
      `Add '${pipelineBranch}' to gitops-platform:ecrBranches (and change the dev ImagePolicy in flux-repo/apps/dev to imagePolicyFilter('${pipelineBranch}')).`,
    );
  }

  const deployments = readDeployments(read, problems, apiToken);
  const feedbackLogDays = read.integer("feedbackLogDays", p.feedbackLogDays);
  const badFeedbackRetention = rules.logRetention(feedbackLogDays);
  if (badFeedbackRetention) {
    problems.add("feedbackLogDays", feedbackLogDays, badFeedbackRetention, "Pick one of them.");
  }

  return {
    ...common,
    plane: "delivery",
    repositories,
    defaultBranch,
    services,
    registry: {
      services: services.map((s) => s.name),
      untaggedExpiryDays,
      keepImagesPerBranch: keep,
      branches,
      pullAccountIds,
      forceDelete: read.boolean("ecrForceDelete", p.ecrForceDelete),
    },
    pipeline: {
      computeType,
      buildImage: read.string("buildImage", p.buildImage),
      logRetentionDays: buildLogRetentionDays,
      artifactExpiryDays,
      branch: pipelineBranch,
    },
    deployments,
    feedback: { logRetentionDays: feedbackLogDays },
    promotion: readPromotion(read, problems, defaultBranch),
  };
}

function readDeployments(
  read: Reader,
  problems: Problems,
  apiToken: pulumi.Output<string> | undefined,
): DeliverySettings["deployments"] {
  const d = deliveryProfile.deployments;
  const raw = read.object("deployments");
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw))) {
    problems.add("deployments", raw, "expected a map", "See README, Settings, deployments.");
    return { ...d, apiToken };
  }
  const given = (raw ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(given)) {
    if (!(k in d))
      problems.add(
        `deployments.${k}`,
        given[k],
        "unknown field",
        `Use ${Object.keys(d).join(", ")}.`,
      );
  }
  const merged = { ...d, ...given };
  if (typeof merged.enabled !== "boolean") {
    problems.add("deployments.enabled", merged.enabled, "expected true or false", "Fix the value.");
  }
  if (merged.gitHost !== "github" && merged.gitHost !== "codecommit") {
    problems.add(
      "deployments.gitHost",
      merged.gitHost,
      "unknown git host",
      "Use github or codecommit.",
    );
  }
  if (merged.enabled) {
    if (!merged.repository) {
      problems.add(
        "deployments.repository",
        merged.repository,
        "Deployments are enabled but no repository is named",
        "Set owner/repo (GitHub) or the CodeCommit repository that holds this program.",
      );
    } else if (merged.gitHost === "github" && !/^[\w.-]+\/[\w.-]+$/.test(merged.repository)) {
      problems.add(
        "deployments.repository",
        merged.repository,
        "a GitHub repository is owner/name",
        "Fix the name.",
      );
    } else if (merged.gitHost === "codecommit") {
      const r = rules.codeCommitRepoName(merged.repository);
      if (r) problems.add("deployments.repository", merged.repository, r, "Fix the name.");
    }
    if (merged.gitHost === "codecommit" && !apiToken) {
      problems.add(
        "deploymentsApiToken",
        undefined,
        "the CodeCommit host needs a Pulumi access token to call the Deployments REST API",
        "Run: pulumi config set --secret deploymentsApiToken <token> -s shared.",
      );
    }
  }
  for (const k of ["branch", "prodBranch"] as const) {
    const r = typeof merged[k] === "string" ? rules.branchName(merged[k]) : "expected a string";
    if (r) problems.add(`deployments.${k}`, merged[k], r, "Use a branch name.");
  }
  if (merged.prodBranch === merged.branch) {
    problems.add(
      "deployments.prodBranch",
      merged.prodBranch,
      "prod must deploy from its own branch, not the branch every push lands on",
      "Use a branch such as production; promote by merging into it.",
    );
  }
  if (
    !Array.isArray(merged.stacks) ||
    merged.stacks.some((s) => typeof s !== "string" || !/^[\w.-]+$/.test(s))
  ) {
    problems.add(
      "deployments.stacks",
      merged.stacks,
      "expected a list of stack names",
      "Such as [shared, dev, staging, prod].",
    );
  }
  if (
    !Array.isArray(merged.prodStacks) ||
    merged.prodStacks.some((s) => !Array.isArray(merged.stacks) || !merged.stacks.includes(s))
  ) {
    problems.add(
      "deployments.prodStacks",
      merged.prodStacks,
      "every prod stack must be one of deployments.stacks",
      "List stacks such as [prod] that are also in deployments.stacks.",
    );
  }
  if (merged.enabled && Array.isArray(merged.stacks) && Array.isArray(merged.prodStacks)) {
    const profiles = new Set<string>(PROFILES);
    for (const { stack } of prodStacksProblems(merged.stacks, merged.prodStacks, (s) =>
      profiles.has(s) ? s : undefined,
    )) {
      problems.add(
        "deployments.prodStacks",
        merged.prodStacks,
        `stack '${stack}' deploys from deployments.branch '${merged.branch}': every push there would reach prod`,
        `List it: prodStacks: [${[...(merged.prodStacks as string[]), stack].join(", ")}] (it then deploys from '${merged.prodBranch}' only).`,
      );
    }
  }
  if (
    typeof merged.repoDir !== "string" ||
    merged.repoDir.startsWith("/") ||
    merged.repoDir.includes("..")
  ) {
    problems.add(
      "deployments.repoDir",
      merged.repoDir,
      "expected a relative folder",
      "Use '' for the repository root.",
    );
  }
  return { ...merged, gitHost: merged.gitHost, apiToken };
}
