/**
 * Shared helpers of the GitOps content tests: find and parse the YAML under gitops/, run
 * `kubectl kustomize`, emulate Flux's post-build substitution, and load the typed models.
 */
import { ENVIRONMENT_BRANCH_PREFIX } from "../../components/promotion";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import type { ClusterInfo } from "../../components/flux/cluster-info";
import { PROJECT_DIR } from "../../harness/config";
import { environmentProfile } from "../../harness/services";
import { folders, gitopsEnvironments } from "../../components/services/layout";
import { runtimeProfile } from "../../stacks/profiles";
import type { RuntimeProfile } from "../../stacks/settings";

export { findKubectl, kustomizeBuildAll } from "./kustomize";
import { kustomizeBuildAll } from "./kustomize";

export const GITOPS_DIR = path.resolve(__dirname, "../../gitops");
export const FLUX_REPO = path.join(GITOPS_DIR, "flux-repo");
export const MICROSERVICES_REPO = path.join(GITOPS_DIR, "microservices-repo");

/**
 * The environments of the GitOps content: the folders of flux-repo/clusters (derived, so an
 * environment a user adds is tested like the shipped ones).
 */
export const ENVIRONMENTS: readonly string[] = fs
  .readdirSync(path.join(FLUX_REPO, "clusters"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
export type Environment = string;

/**
 * The profile an environment is built from, as the program resolves it: the `profile` of its
 * stack file when the project has one, else its name (the shipped environments are named after
 * their profiles).
 */
export function profileOf(environment: string): RuntimeProfile {
  return environmentProfile(environment, PROJECT_DIR);
}

/**
 * The services of the GitOps content (folders of microservices-repo/base), derived: a service a
 * user adds (npm run add-service) is tested like the shipped ones.
 */
export const SERVICES: readonly string[] = folders(path.join(MICROSERVICES_REPO, "base"));

/** `base`, else `base-2`, `base-3`...: a service name the GitOps content does not have yet. */
export function unusedServiceName(base: string): string {
  let name = base;
  for (let i = 2; SERVICES.includes(name); i++) name = `${base}-${i}`;
  return name;
}

/** The environments whose apps/<env> runs Flux image automation (dev). */
export const AUTOMATION_ENVIRONMENTS: readonly string[] = gitopsEnvironments(GITOPS_DIR)
  .filter((e) => e.imageAutomation)
  .map((e) => e.name);

/**
 * Realistic cluster-info values (what the Flux component writes into ConfigMap
 * flux-system/cluster-info) to substitute into the content, as Flux does. The Flux values are the
 * environment profile's defaults (stacks/profiles.ts), as `clusterInfoData` writes them. `ingress`
 * picks the keys of a stack with a domain (https) or without (http); by default the profile's
 * choice: https where the profile requires HTTPS.
 */
export function sampleClusterInfo(
  environment: Environment,
  ingress: "http" | "https" = runtimeProfile(profileOf(environment)).httpsRequired
    ? "https"
    : "http",
): ClusterInfo {
  const profile = runtimeProfile(profileOf(environment));
  // The intervals clusterInfoData writes: the polling fallback where receivers are on.
  const intervals = profile.fluxReceivers ? profile.fluxFallbackIntervals : profile.fluxIntervals;
  const account = "012345678901";
  const region = "eu-west-1";
  const codecommit = `https://git-codecommit.${region}.amazonaws.com/v1/repos`;
  return {
    ENVIRONMENT: environment,
    AWS_ACCOUNT_ID: account,
    AWS_REGION: region,
    CLUSTER_NAME: `gitops-platform-${environment}`,
    VPC_ID: "vpc-0a1b2c3d4e5f60718",
    ECR_REGISTRY: `${account}.dkr.ecr.${region}.amazonaws.com`,
    FLUX_REPO_URL: `${codecommit}/flux-repo`,
    MICROSERVICES_REPO_URL: `${codecommit}/microservices-repo`,
    GIT_BRANCH: "main",
    // The first stage (the environment whose image automation writes git) syncs the default branch.
    APPS_BRANCH: AUTOMATION_ENVIRONMENTS.includes(environment)
      ? "main"
      : `${ENVIRONMENT_BRANCH_PREFIX}${environment}`,
    LB_CONTROLLER_ROLE_ARN: `arn:aws:iam::${account}:role/gitops-platform-${environment}-aws-lbc`,
    FLUX_REPO_NAME: "flux-repo",
    MICROSERVICES_REPO_NAME: "microservices-repo",
    DEPLOYMENT_FEEDBACK_ADDRESS: `https://${"a".repeat(32)}.lambda-url.${region}.on.aws/v1/environments/${environment}/events`,
    APPS_LOAD_BALANCER_NAME: `gitops-${environment}-apps`,
    SOURCE_INTERVAL: intervals.source,
    KUSTOMIZATION_INTERVAL: intervals.kustomization,
    IMAGE_SCAN_INTERVAL: intervals.imageScan,
    IMAGE_AUTOMATION_INTERVAL: intervals.imageAutomation,
    RECEIVERS_SUSPEND: String(!profile.fluxReceivers),
    RECEIVER_TARGET_GROUP_ARN: profile.fluxReceivers
      ? `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/gitops-${environment}-flux-hooks/0a1b2c3d4e5f6071`
      : "",
    RECEIVER_SECURITY_GROUP_ID: profile.fluxReceivers ? "sg-0a1b2c3d4e5f60718" : "",
    IMAGE_AUTOMATION_SUSPEND: String(!profile.fluxImageAutomation),
    KARPENTER_ROLE_ARN: `arn:aws:iam::${account}:role/gitops-platform-${environment}-karpenter`,
    KARPENTER_INTERRUPTION_QUEUE: `gitops-platform-${environment}-karpenter`,
    KARPENTER_INSTANCE_PROFILE: `gitops-platform-${environment}-karpenter-node-0a1b2c3`,
    KARPENTER_CAPACITY_TYPE: profile.karpenter.capacityType,
    KARPENTER_CPU_LIMIT: String(profile.karpenter.cpuLimit),
    KARPENTER_MEMORY_LIMIT: `${profile.karpenter.memoryLimitGiB}Gi`,
    ...(ingress === "https"
      ? {
          INGRESS_MODE: "https",
          APPS_DOMAIN: `${environment}.example.com`,
          CERTIFICATE_ARN: `arn:aws:acm:${region}:${account}:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
          HOSTED_ZONE_ID: "Z0123456789ABCDEFGHIJ",
          EXTERNAL_DNS_ROLE_ARN: `arn:aws:iam::${account}:role/gitops-platform-${environment}-external-dns`,
          EXTERNAL_DNS_SUSPEND: "false",
        }
      : {
          INGRESS_MODE: "http",
          APPS_DOMAIN: "",
          CERTIFICATE_ARN: "",
          HOSTED_ZONE_ID: "",
          EXTERNAL_DNS_ROLE_ARN: "",
          EXTERNAL_DNS_SUSPEND: "true",
        }),
  };
}

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
};

/** Every file under `dir` (recursively) whose name ends with one of `extensions`, sorted. */
export function filesUnder(dir: string, extensions: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== ".git") {
        out.push(...filesUnder(full, extensions));
      }
    } else if (extensions.some((ext) => entry.name.endsWith(ext))) {
      out.push(full);
    }
  }
  return out.sort();
}

/**
 * Parses every document of a YAML stream; throws with the file name and the parser's errors.
 * `version: "1.1"` reads scalars as Flux does after substitution: sigs.k8s.io/yaml (YAML 1.1, where
 * `yes`/`on` are booleans too).
 */
export function parseYamlStream(
  text: string,
  source: string,
  version: "1.1" | "1.2" = "1.2",
): unknown[] {
  return parseAllDocuments(text, { version }).map((doc, i) => {
    const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
    if (problems.length > 0) {
      throw new Error(`${source} document ${i + 1}: ${problems.join("; ")}`);
    }
    return doc.toJS() as unknown;
  });
}

export function readYamlFile(file: string): unknown[] {
  return parseYamlStream(fs.readFileSync(file, "utf8"), path.relative(GITOPS_DIR, file));
}

/** Directories (relative to `root`) holding a kustomization.yaml, sorted. */
export function kustomizationDirs(root: string): string[] {
  return filesUnder(root, ["kustomization.yaml"]).map((f) => path.relative(root, path.dirname(f)));
}

/**
 * Whether the kustomization.yaml of `dir` is a kustomize Component (`kind: Component`): it is
 * built only as part of an overlay that lists it, never on its own.
 */
export function isKustomizeComponent(dir: string): boolean {
  const [doc] = readYamlFile(path.join(dir, "kustomization.yaml")) as { kind?: string }[];
  return doc?.kind === "Component";
}

/** The Flux objects of one flux-repo file (every document), typed loosely for assertions. */
export function fluxRepoObjects(relative: string): KubeObject[] {
  return readYamlFile(path.join(FLUX_REPO, relative)) as KubeObject[];
}

/** Every Kubernetes object written in the files of `repo` (not kustomization.yaml, not patches). */
export function sourceObjects(repo: string): { file: string; object: KubeObject }[] {
  return filesUnder(repo, [".yaml"])
    .filter((f) => path.basename(f) !== "kustomization.yaml" && !f.endsWith("-patch.yaml"))
    .flatMap((file) =>
      (readYamlFile(file) as KubeObject[]).map((object) => ({
        file: path.relative(repo, file),
        object,
      })),
    );
}

/** Matches every `${...}` expression envsubst would evaluate (`$${` is its escape). */
const VARIABLE_EXPRESSION = /(?<!\$)\$\{([^}]*)\}/g;
/** Flux's variable name rule (fluxcd/pkg kustomize/kustomize_varsub.go `varsubRegex`). */
export const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/** The contents of every `${...}` in `text` (e.g. `CLUSTER_NAME`, or `x:=y` for a default). */
export function variableExpressions(text: string): string[] {
  return [...text.matchAll(VARIABLE_EXPRESSION)].map((m) => m[1]);
}

/** Every scalar value (not key, not null) in a parsed document, with its path. */
export function scalarLeaves(value: unknown, at = ""): { path: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => scalarLeaves(v, `${at}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => scalarLeaves(v, `${at}.${k}`));
  }
  return value === null || value === undefined ? [] : [{ path: at, value }];
}

/** Every string value (not key) in a parsed document, with its path. */
export function stringLeaves(value: unknown, at = ""): { path: string; value: string }[] {
  return scalarLeaves(value, at).filter(
    (l): l is { path: string; value: string } => typeof l.value === "string",
  );
}

/**
 * Flux's post-build substitution for the plain `${NAME}` form this content uses, in the strict mode
 * the Flux component turns on (`StrictPostBuildSubstitutions`): an undefined name fails with
 * envsubst's error (fluxcd/pkg envsubst `template.go`, `errVarNotSet`) instead of becoming "".
 * Only `${` opens a variable (fluxcd/pkg envsubst `parse/scan.go` `scanLbrack`), so `$build` and
 * the Go template's `$i`, `$c` stay text. Other envsubst forms (defaults, slicing) are refused so
 * a test notices when someone starts using them.
 */
export function substitute(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(VARIABLE_EXPRESSION, (_all, expr: string) => {
    if (!VARIABLE_NAME.test(expr)) throw new Error(`unsupported expression \${${expr}}`);
    const value = vars[expr];
    if (value === undefined) throw new Error(`variable not set (strict mode): "${expr}"`);
    return value;
  });
}

/**
 * What Flux applies from a `kustomize build` output: substituted on the text, then parsed again
 * as YAML 1.1 (fluxcd/pkg `kustomize/kustomize_varsub.go` `varSubstitution`: `envsubst.Eval`,
 * then `yaml.YAMLToJSON`), so an unquoted `true` becomes a boolean.
 */
export function substitutedObjects(
  built: string,
  vars: Readonly<Record<string, string>>,
  source: string,
): KubeObject[] {
  return parseYamlStream(substitute(built, vars), source, "1.1") as KubeObject[];
}

/** The one object of `kind` named `name` (fails the test when there are none or several). */
export function byName(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  assert.equal(found.length, 1, `${kind} ${name}`);
  return found[0];
}

export function objectId(o: KubeObject): string {
  return `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? "-"}/${o.metadata.name}`;
}

/** `kubectl kustomize flux-repo/apps/<env>` for every environment, unsubstituted, by environment. */
export async function buildAppsByEnvironment(kubectl: string): Promise<Map<string, string>> {
  const dirs = ENVIRONMENTS.map((env) => path.join(FLUX_REPO, "apps", env));
  const built = await kustomizeBuildAll(kubectl, dirs);
  return new Map(
    ENVIRONMENTS.map((env, i) => {
      const out = built.get(dirs[i]);
      if (out instanceof Error || out === undefined) throw out ?? new Error(env);
      return [env, out];
    }),
  );
}
