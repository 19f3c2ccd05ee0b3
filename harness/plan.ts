/**
 * The offline plan: a recorded run printed as a resource tree (indented by parent) with a few key
 * properties per type, totals by type, and the stack outputs; or written as JSON. Both end with
 * the estimate of a cold `pulumi up` (cold-up.ts).
 */
import type { RecordedResource, StackRun } from "./run";
import { coldUpSection, estimateColdUp } from "./cold-up";
import { estimateLatency, latencySection } from "./latency";
import { HOURS_PER_MONTH, PRICE_REGION, type CostEstimate } from "../components/cost";
import type { Settings } from "../stacks/settings";
import { settingsWarnings } from "../stacks/warnings";

/**
 * The plan's warnings: the settings' warnings judged at `date`, then what the program printed at
 * run time besides those (deploy-time findings such as gitops/ edits the seed will not apply).
 * The program judges support windows at its own clock; those copies are replaced by `date`'s.
 */
export function planWarnings(run: StackRun, settings: Settings, date: Date): string[] {
  const judgedAtRun = new Set(settingsWarnings(settings, new Date()).map((w) => w.text));
  const own = run.warnings.filter((w) => !judgedAtRun.has(w));
  return [...new Set([...settingsWarnings(settings, date).map((w) => w.text), ...own])];
}

/** Input paths worth showing per resource type (the first ones found are printed). */
const KEY_PROPERTIES: Record<string, readonly string[]> = {
  "pulumi:pulumi:StackReference": ["name"],
  "pulumi:providers:aws": ["region"],
  "pulumi:providers:kubernetes": ["enableServerSideApply"],
  "awsx:ec2:Vpc": ["cidrBlock", "numberOfAvailabilityZones", "natGateways.strategy"],
  "eks:index:Cluster": [
    "name",
    "version",
    "authenticationMode",
    "endpointPublicAccess",
    "enabledClusterLogTypes",
  ],
  "eks:index:ManagedNodeGroup": ["nodeGroupName", "capacityType", "instanceTypes", "scalingConfig"],
  "aws:iam/role:Role": ["name"],
  "aws:eks/addon:Addon": ["addonName", "addonVersion"],
  "aws:iam/policy:Policy": ["name"],
  "aws:kms/key:Key": ["description", "enableKeyRotation"],
  "aws:ec2/flowLog:FlowLog": ["trafficType", "logDestinationType", "maxAggregationInterval"],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["policyArn"],
  "aws:ecr/repository:Repository": [
    "name",
    "imageTagMutability",
    "imageScanningConfiguration.scanOnPush",
  ],
  "aws:codecommit/repository:Repository": ["repositoryName", "defaultBranch"],
  "aws:codebuild/project:Project": [
    "name",
    "environment.computeType",
    "environment.privilegedMode",
  ],
  "aws:codepipeline/pipeline:Pipeline": ["name", "pipelineType"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "retentionInDays"],
  "aws:s3/bucket:Bucket": ["bucket"],
  "aws:s3/bucketV2:BucketV2": ["bucket"],
  "kubernetes:helm.sh/v3:Release": ["chart", "version", "namespace"],
  "kubernetes:core/v1:ConfigMap": ["metadata.namespace", "metadata.name"],
  "kubernetes:core/v1:Namespace": ["metadata.name"],
  "kubernetes:source.toolkit.fluxcd.io/v1:GitRepository": [
    "metadata.name",
    "spec.url",
    "spec.ref.branch",
    "spec.provider",
    "spec.secretRef.name",
    "spec.interval",
  ],
  "kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization": [
    "metadata.name",
    "spec.path",
    "spec.interval",
    "spec.prune",
  ],
  "kubernetes:core/v1:Secret": ["metadata.namespace", "metadata.name", "type"],
  "aws:iam/userPolicy:UserPolicy": ["user"],
  "pulumiservice:index:DeploymentSettings": ["stack", "sourceContext.git.branch"],
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ["url", "clientIdLists"],
  "aws:iam/user:User": ["name"],
  "aws:iam/serviceSpecificCredential:ServiceSpecificCredential": ["serviceName"],
  "aws:cloudwatch/eventConnection:EventConnection": ["name", "authorizationType"],
  "aws:cloudwatch/eventApiDestination:EventApiDestination": ["httpMethod", "invocationEndpoint"],
  "pulumi-nodejs:dynamic/codecommit:RepositorySeed": [
    "repositoryName",
    "branch",
    "fileCount",
    "source",
  ],
  "pulumi-nodejs:dynamic/codecommit:EnvironmentBranch": ["repositoryName", "branch"],
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": ["repository"],
  "aws:ecr/repositoryPolicy:RepositoryPolicy": ["repository"],
  "aws:s3/bucketVersioning:BucketVersioning": ["versioningConfiguration.status"],
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": [
    "rules",
  ],
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": [
    "blockPublicAcls",
    "blockPublicPolicy",
    "restrictPublicBuckets",
  ],
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": ["rules"],
  "aws:cloudwatch/eventRule:EventRule": ["name"],
  "aws:cloudwatch/eventTarget:EventTarget": ["rule"],
  "aws:iam/rolePolicy:RolePolicy": ["role"],
  "aws:s3/bucketPolicy:BucketPolicy": ["bucket"],
  "aws:dynamodb/table:Table": ["name", "billingMode", "pointInTimeRecovery.enabled"],
  "aws:lambda/function:Function": ["name", "runtime", "architectures", "memorySize"],
  "aws:lambda/functionUrl:FunctionUrl": ["authorizationType"],
  "aws:lambda/permission:Permission": [
    "action",
    "principal",
    "functionUrlAuthType",
    "invokedViaFunctionUrl",
  ],
  "aws:ssm/parameter:Parameter": ["name", "type"],
  "random:index/randomPassword:RandomPassword": ["length"],
};

function at(obj: any, path: string): unknown {
  return path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function short(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function keyProperties(r: RecordedResource): string {
  const paths =
    KEY_PROPERTIES[r.type] ??
    (r.type.startsWith("kubernetes:") ? ["metadata.namespace", "metadata.name"] : []);
  const parts = paths
    .map((p) => [p.split(".").pop()!, at(r.inputs, p)] as const)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${short(v)}`);
  if (r.protect) parts.push("protect");
  return parts.join(" ");
}

const money = (n: number): string => `$${n.toFixed(2)}`.padStart(10);
/** A unit price with its sub-cent digits when it has any ($60.736), else to the cent ($73.00). */
const unit = (n: number): string => (Number.isInteger(n * 100) ? `$${n.toFixed(2)}` : `$${n}`);

/** The cost section: one row per line item (monthly, item, quantity × unit, note), then the total. */
function costSection(cost: CostEstimate): string[] {
  const lines = ["", `Estimated fixed monthly cost (${PRICE_REGION} list prices, before usage):`];
  for (const l of cost.lines) {
    const fixed = l.quantity > 0 && l.unitUsd > 0 ? `: ${l.quantity} × ${unit(l.unitUsd)}` : "";
    lines.push(`  ${money(l.monthlyUsd)}  ${l.item}${fixed} — ${l.note}`);
  }
  lines.push(`  ${money(cost.totalMonthlyUsd)}  Total fixed, ${HOURS_PER_MONTH} hours a month`);
  if (cost.spotOnDemandCeilingUsd > 0)
    lines.push(
      `  Spot nodes are not in the total: at most ${money(cost.spotOnDemandCeilingUsd).trim()} more at On-Demand prices.`,
    );
  if (cost.autoscalingCeilingUsd > 0)
    lines.push(
      `  Karpenter nodes are not in the total: at most ${money(cost.autoscalingCeilingUsd).trim()} more within the NodePool limits.`,
    );
  if (cost.region !== PRICE_REGION)
    lines.push(`  The stack runs in ${cost.region}: its prices differ from ${PRICE_REGION}'s.`);
  const eks = cost.lines.some((l) => l.item.startsWith("EKS control plane"));
  lines.push(
    `  Usage items are $0 here, not free.${eks ? ` EKS support judged on ${cost.date}.` : ""}`,
  );
  return lines;
}

export function formatPlan(
  run: StackRun,
  cost?: CostEstimate,
  warnings: readonly string[] = run.warnings,
): string {
  const children = new Map<string | undefined, RecordedResource[]>();
  for (const r of run.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const lines = [
    `Offline plan of stack '${run.stack}': the real program, run in-process with mocked providers.`,
    "Nothing was sent to AWS or Kubernetes; IDs, ARNs and URLs below are mock values.",
    "",
  ];
  const visit = (r: RecordedResource, depth: number) => {
    const props = keyProperties(r);
    const mark = r.read ? "=" : "+";
    lines.push(`${"  ".repeat(depth)}${mark} ${r.type} ${r.name}${props ? `  (${props})` : ""}`);
    for (const c of children.get(r.urn) ?? []) visit(c, depth + 1);
  };
  for (const root of children.get(undefined) ?? []) visit(root, 0);

  const totals = new Map<string, number>();
  for (const r of run.resources) totals.set(r.type, (totals.get(r.type) ?? 0) + 1);
  const reads = run.resources.filter((r) => r.read).length;
  lines.push(
    "",
    `Resources: ${run.resources.length - reads} to create` +
      (reads ? `, ${reads} to read (=)` : ""),
  );
  for (const [type, n] of [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(n).padStart(4)}  ${type}`);
  }
  if (cost) lines.push(...costSection(cost));
  lines.push("", "Outputs:");
  for (const [k, v] of Object.entries(run.outputs)) lines.push(`  ${k}: ${short(v)}`);
  if (warnings.length > 0) {
    lines.push("", `Warnings (${warnings.length}):`);
    for (const w of warnings) lines.push(`  ! ${w}`);
  }
  lines.push(...latencySection(estimateLatency(run)));
  lines.push(...coldUpSection(estimateColdUp(run)));
  return lines.join("\n");
}

/**
 * The plan as data, for scripts: every resource with its full inputs (secrets masked), whether it
 * is read rather than managed, `protect`, its provider and dependencies (all, and per input);
 * the stack outputs in full; the cost estimate when given; the cold `pulumi up` estimate.
 */
export function planJson(
  run: StackRun,
  cost?: CostEstimate,
  warnings: readonly string[] = run.warnings,
): object {
  const latency = estimateLatency(run);
  return {
    stack: run.stack,
    resources: run.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent ?? null,
      read: r.read,
      protect: r.protect,
      provider: r.provider ?? null,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      inputs: r.inputs,
      secretInputs: r.secretInputs,
    })),
    outputs: run.outputs,
    secretOutputs: run.secretOutputs,
    ...(cost ? { cost } : {}),
    coldUp: estimateColdUp(run),
    ...(latency ? { latency } : {}),
    warnings,
  };
}
