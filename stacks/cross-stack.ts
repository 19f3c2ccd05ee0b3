/**
 * Problems between the stacks of the project that only show when several stack files are seen
 * together (the offline plan and the project test see them all; one stack's run sees only
 * itself). Stacks with the same `aws:profile` are taken to deploy to the same AWS account.
 */
import { environmentNamePrefix } from "../components/deployments";
import { NAMESPACE } from "./problems";
import { prodStacksProblems } from "./contradictions";
import type { Settings } from "./settings";

const account = (s: Settings) => s.awsProfile ?? "(default credentials)";

/** Each problem names the stacks, the key, the value and the fix. */
export function crossStackProblems(all: readonly Settings[]): string[] {
  const problems: string[] = [];
  const clash = (
    key: string,
    scope: (s: Settings) => string,
    value: (s: Settings) => string | undefined,
    why: string,
    alreadySaid: (a: Settings, b: Settings) => boolean = () => false,
  ) => {
    const seen = new Map<string, Settings>();
    for (const s of all) {
      const v = value(s);
      if (v === undefined) continue;
      const at = `${scope(s)}|${v}`;
      const first = seen.get(at);
      if (first && !alreadySaid(first, s)) {
        problems.push(
          `${NAMESPACE}:${key} = ${JSON.stringify(v)} in both Pulumi.${first.stack}.yaml and Pulumi.${s.stack}.yaml: ${why}. Give one of them another ${key}.`,
        );
      } else if (!first) seen.set(at, s);
    }
  };
  clash(
    "namePrefix",
    account,
    (s) => s.namePrefix,
    "IAM role, user and bucket names would collide in the account",
  );
  clash(
    "clusterName",
    (s) => `${account(s)}|${s.region}`,
    (s) => (s.plane === "runtime" ? s.cluster.name : undefined),
    "EKS cluster names are unique per account and region",
    // The cluster name defaults to the name prefix: a shared prefix was reported already.
    (a, b) => a.namePrefix === b.namePrefix,
  );
  for (const role of ["flux", "microservices", "app"] as const) {
    clash(
      `${role}RepoName`,
      (s) => `${account(s)}|${s.region}`,
      (s) => (s.plane === "delivery" ? s.repositories[role] : undefined),
      "CodeCommit repository names are unique per account and region",
    );
  }
  clash(
    "deployments",
    account,
    (s) => (s.plane === "delivery" && s.deployments.enabled ? "enabled" : undefined),
    "both would create the IAM OIDC provider of https://api.pulumi.com/oidc, of which an account has one",
  );
  const profiles = new Map(all.map((s) => [s.stack, s.profile as string]));
  for (const s of all) {
    if (s.plane !== "delivery" || !s.deployments.enabled) continue;
    for (const { stack } of prodStacksProblems(
      s.deployments.stacks,
      s.deployments.prodStacks,
      (x) => profiles.get(x),
    )) {
      problems.push(
        `${NAMESPACE}:deployments.prodStacks = ${JSON.stringify(s.deployments.prodStacks)} in Pulumi.${s.stack}.yaml: stack '${stack}' is built from profile prod (Pulumi.${stack}.yaml) but would deploy on every push to '${s.deployments.branch}'. Add it to prodStacks.`,
      );
    }
  }
  problems.push(...promotionStageProblems(all));
  problems.push(...deployedNamePrefixProblems(all));
  return problems;
}

/**
 * Every environment stack must be a stage of its shared stack's promotion path, else its Flux has
 * no branch to sync (its `pulumi up` stops with the same fix, later and one stack at a time).
 */
function promotionStageProblems(all: readonly Settings[]): string[] {
  const problems: string[] = [];
  for (const d of all) {
    if (d.plane !== "delivery") continue;
    const stages = d.promotion.map((p) => p.environment);
    for (const r of all) {
      if (r.plane !== "runtime" || !r.shared.stackName.endsWith(`/${d.stack}`)) continue;
      if (!stages.includes(r.environment)) {
        problems.push(
          `${NAMESPACE}:promotion = ${JSON.stringify(stages)} in Pulumi.${d.stack}.yaml: environment '${r.environment}' (Pulumi.${r.stack}.yaml) is not a stage, so its Flux would have no branch of microservices-repo to sync. Add ${r.environment} to gitops-platform:promotion in Pulumi.${d.stack}.yaml.`,
        );
      }
    }
  }
  return problems;
}

/**
 * An environment that Pulumi Deployments deploys may create IAM names only under the prefix its
 * boundary expects (components/deployments/fences.ts): the default one.
 */
function deployedNamePrefixProblems(all: readonly Settings[]): string[] {
  return all.flatMap((d) =>
    d.plane !== "delivery" || !d.deployments.enabled
      ? []
      : all
          .filter((e) => e.plane === "runtime" && d.deployments.stacks.includes(e.stack))
          .flatMap((e) => {
            const expected = environmentNamePrefix(e.stack);
            const where = `Pulumi Deployments deploys stack '${e.stack}' (deployments.stacks in Pulumi.${d.stack}.yaml)`;
            return [
              ...(e.namePrefix === expected
                ? []
                : [
                    `${NAMESPACE}:namePrefix = ${JSON.stringify(e.namePrefix)} in Pulumi.${e.stack}.yaml: ${where}, and its permissions boundary lets it create IAM roles, policies and instance profiles named ${expected}-* only. Remove namePrefix from Pulumi.${e.stack}.yaml.`,
                  ]),
              ...(e.plane !== "runtime" || e.namePrefix !== expected || e.cluster.name === expected
                ? []
                : [
                    `${NAMESPACE}:clusterName = ${JSON.stringify(e.cluster.name)} in Pulumi.${e.stack}.yaml: ${where}, and its role may tag only the security group EKS creates for the cluster named ${expected}. Remove clusterName from Pulumi.${e.stack}.yaml.`,
                  ]),
            ];
          }),
  );
}
