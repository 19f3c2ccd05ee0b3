/**
 * The simulation's world: microservices-repo seeded with the shipped GitOps content (every later
 * stage's branch cut from the seed, as the shared stack seeds them), the approval rule templates
 * of the component associated, ECR repositories per service, and helpers for what happens outside
 * the promotion: a build plus dev's image automation commit, and the connector's event for a
 * revision (its images read from the environment's overlay with the connector's own function).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { approvalRuleTemplateContent, approvalStages } from "../../components/promotion/approvals";
import { DEFAULT_PROMOTION_STAGES } from "../../components/promotion/defaults";
import { environmentBranch, type PromotionStage } from "../../components/promotion/stages";
import type { DeploymentStatus, DeploymentStatusChangeDetail } from "../../connector/src/contract";
import { kustomizationFile, kustomizationImages } from "../../connector/src/git";
import type { PromotionConfig } from "../../promotion/src/plan";
import type { PromotionPorts } from "../../promotion/src/ports";
import { filesUnder, MICROSERVICES_REPO } from "../gitops/helpers";
import { FakeCodeCommit } from "./fake-codecommit";
import { FakeEcr } from "./fake-ecr";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const REGISTRY = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
export const approverOf = (environment: string, who: string) =>
  `arn:aws:sts::${ACCOUNT}:assumed-role/${environment}-approvers/${who}`;

/** The default path, each later stage with its own approver pool. */
export const STAGES: readonly PromotionStage[] = DEFAULT_PROMOTION_STAGES.map((s, i) =>
  i === 0 ? s : { ...s, approvers: [approverOf(s.environment, "*")] },
);
export const FIRST = STAGES[0].environment;

export const CONFIG: PromotionConfig = {
  repository: "microservices-repo",
  region: REGION,
  defaultBranch: "main",
  stages: STAGES,
  ecrRegistry: REGISTRY,
};

export const branchOf = (environment: string) =>
  environmentBranch(STAGES, environment, CONFIG.defaultBranch);

/** The shipped microservices-repo content, by path. */
export function shippedFiles(): Record<string, string> {
  return Object.fromEntries(
    filesUnder(MICROSERVICES_REPO, [""]).map((f) => [
      path.relative(MICROSERVICES_REPO, f).split(path.sep).join("/"),
      fs.readFileSync(f, "utf8"),
    ]),
  );
}

/** The hold file of the first-deploy hold (issue 11A: components/delivery/promotion-hold.ts). */
export const HOLD_FILE = "promotion-hold.yaml";

/**
 * The first-deploy hold as the shared stack commits it on a later stage's branch (the same shape
 * as 11A's `holdFiles`): each service's overlay applies only a waiting ConfigMap.
 */
function hold(tree: Map<string, string>, environment: string): void {
  const services = [...tree.keys()].flatMap(
    (p) => /^base\/([^/]+)\/kustomization\.yaml$/.exec(p)?.[1] ?? [],
  );
  for (const service of services) {
    const dir = `overlays/${environment}/${service}`;
    tree.set(
      `${dir}/kustomization.yaml`,
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${HOLD_FILE}\n`,
    );
    tree.set(
      `${dir}/${HOLD_FILE}`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: promotion-hold\n  labels:\n    gitops-platform/promotion: waiting-for-first-promotion\n`,
    );
  }
}

export interface Rig {
  readonly repo: FakeCodeCommit;
  readonly ecr: FakeEcr;
  readonly logs: Record<string, unknown>[];
  readonly ports: PromotionPorts;
  readonly seed: string;
}

export function rig(): Rig {
  const repo = new FakeCodeCommit();
  const seed = repo.seed(CONFIG.defaultBranch, shippedFiles());
  for (const s of STAGES.slice(1)) {
    void repo.createBranch(branchOf(s.environment), seed);
    repo.push(branchOf(s.environment), (tree) => hold(tree, s.environment), "first-deploy hold");
  }
  for (const s of approvalStages(STAGES))
    repo.associate(JSON.stringify(approvalRuleTemplateContent(STAGES, s.environment, "main")));
  repo.calls.length = 0;
  const ecr = new FakeEcr();
  const logs: Record<string, unknown>[] = [];
  return {
    repo,
    ecr,
    logs,
    seed,
    ports: {
      repository: repo,
      registry: ecr,
      log: (e) => logs.push(e),
    },
  };
}

/** A build of `service` pushed to ECR and written by dev's image automation: commit, tag, digest. */
export function build(r: Rig, service: string, sha7: string, number: number) {
  const tag = `main-${sha7}-${number}`;
  const digest = r.ecr.push(service, tag);
  const file = `overlays/${FIRST}/${service}/kustomization.yaml`;
  const commitId = r.repo.push(
    CONFIG.defaultBranch,
    (tree) => tree.set(file, (tree.get(file) as string).replace(/newTag: \S+/, `newTag: ${tag}`)),
    `${FIRST}: update flux-system:${service}:tag to ${tag}`,
  );
  return { commitId, tag, digest };
}

let sequence = 0;

/** The connector's event for `service` at `commitId` in `environment` (images as it reads them). */
export function statusEvent(
  r: Rig,
  e: {
    environment: string;
    service: string;
    commitId: string;
    status: DeploymentStatus;
    statusSince: string;
    id?: string;
  },
): DeploymentStatusChangeDetail {
  const file = kustomizationFile(`./overlays/${e.environment}/${e.service}`);
  const text = r.repo.tree(e.commitId).get(file) ?? "";
  const branch = branchOf(e.environment);
  return {
    schemaVersion: 1,
    id: e.id ?? `event-${++sequence}`,
    environment: e.environment,
    cluster: `gitops-${e.environment}`,
    application: `Kustomization/flux-system/${e.service}`,
    revision: `${branch}@sha1:${e.commitId}`,
    commitId: e.commitId,
    repository: CONFIG.repository,
    images: kustomizationImages(text, { ECR_REGISTRY: REGISTRY }),
    status: e.status,
    reason: e.status === "succeeded" ? "ReconciliationSucceeded" : "Progressing",
    message: "",
    firstSeenAt: e.statusSince,
    statusSince: e.statusSince,
  };
}
