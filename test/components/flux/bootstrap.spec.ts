import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { CLUSTER_INFO_KEYS } from "../../../components/flux/cluster-info";
import {
  bootstrapGitRepository,
  bootstrapKustomization,
  clusterInfoData,
  httpsCredentialPatches,
  type BootstrapInput,
} from "../../../components/flux/bootstrap";
// Flux 2.9 GitRepository spec facts (source-controller v1.9.1 CRD); see the fixture's `source`.
import gitRepository29 from "./fixtures/source-controller-v1.9.1-gitrepository-spec.json";

const URL = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/flux-repo";
const INPUT: BootstrapInput = {
  environment: "dev",
  fluxRepoUrl: URL,
  branch: "main",
  gitAuth: "aws-provider",
  sourceInterval: "1m",
  kustomizationInterval: "5m",
};
const HTTPS: BootstrapInput = { ...INPUT, gitAuth: "https-credential" };

/** The Flux 2.8 CRD schemas of @kubernetes-models/flux-cd 4.0.0 (ESM-only: dynamic import). */
function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** `kubectl kustomize` of `resources` with `patches`, the built objects in kustomize's order. */
/**
 * `kubectl kustomize` of `resources` (objects, or directories given as absolute paths) with
 * `patches`: the built objects in kustomize's order.
 */
function kustomize(resources: (object | string)[], patches: readonly object[]): any[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flux-patches-"));
  try {
    // JSON documents are YAML documents.
    const objects = resources.filter((r) => typeof r !== "string");
    fs.writeFileSync(
      path.join(dir, "res.yaml"),
      objects.map((r) => JSON.stringify(r)).join("\n---\n"),
    );
    const dirs = resources.filter((r) => typeof r === "string").map((d) => path.relative(dir, d));
    fs.writeFileSync(
      path.join(dir, "kustomization.yaml"),
      YAML.stringify({ resources: [...(objects.length ? ["res.yaml"] : []), ...dirs], patches }),
    );
    const out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
    return YAML.parseAllDocuments(out).map((d) => d.toJS());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function models() {
  const { GitRepository } =
    await import("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository");
  const { Kustomization } =
    await import("@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization");
  return { GitRepository, Kustomization };
}

describe("components/flux-bootstrap: objects handed to Flux", () => {
  it("GitRepository flux-system/flux-system with provider aws", () => {
    assert.deepEqual(bootstrapGitRepository(INPUT), {
      apiVersion: "source.toolkit.fluxcd.io/v1",
      kind: "GitRepository",
      metadata: { name: "flux-system", namespace: "flux-system" },
      spec: { interval: "1m", url: URL, ref: { branch: "main" }, provider: "aws" },
    });
  });

  it("GitRepository with the HTTPS secret in https-credential mode", () => {
    assert.deepEqual(bootstrapGitRepository(HTTPS).spec, {
      interval: "1m",
      url: URL,
      ref: { branch: "main" },
      secretRef: { name: "codecommit-https" },
    });
  });

  it("Kustomization of ./clusters/<env>, pruned, substituting from cluster-info", () => {
    assert.deepEqual(bootstrapKustomization(INPUT), {
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: { name: "flux-system", namespace: "flux-system" },
      spec: {
        interval: "5m",
        path: "./clusters/dev",
        prune: true,
        sourceRef: { kind: "GitRepository", name: "flux-system" },
        postBuild: { substituteFrom: [{ kind: "ConfigMap", name: "cluster-info" }] },
      },
    });
  });

  it("https-credential: patches GitRepositories and child Kustomizations to use the secret", () => {
    const patches = bootstrapKustomization(HTTPS).spec.patches!;
    assert.deepEqual(patches, httpsCredentialPatches());
    const [repo, child] = patches;
    const repoOps = [
      { op: "add", path: "/spec/provider", value: "generic" },
      { op: "add", path: "/spec/secretRef", value: { name: "codecommit-https" } },
    ];
    assert.deepEqual(repo.target, {
      group: "source.toolkit.fluxcd.io",
      kind: "GitRepository",
      namespace: "flux-system",
    });
    assert.deepEqual(JSON.parse(repo.patch), repoOps);
    assert.deepEqual(child.target, {
      group: "kustomize.toolkit.fluxcd.io",
      kind: "Kustomization",
      namespace: "flux-system",
    });
    // The child patch installs the very same GitRepository patch as the child's spec.patches.
    const childOps = JSON.parse(child.patch);
    assert.deepEqual(childOps, [{ op: "add", path: "/spec/patches", value: [repo] }]);
    assert.deepEqual(JSON.parse(childOps[0].value[0].patch), repoOps);
  });

  it("kustomize applies the patches: GitRepositories use the secret, children carry the patch", function () {
    // kustomize-controller hands spec.patches to kustomize as `patches:` of the generated
    // kustomization.yaml; `kubectl kustomize` embeds the same kustomize (v5).
    if (!hasKubectl()) this.skip();
    const microservices = {
      apiVersion: "source.toolkit.fluxcd.io/v1",
      kind: "GitRepository",
      metadata: { name: "microservices-repo", namespace: "flux-system" },
      spec: { interval: "1m", url: URL, ref: { branch: "main" }, provider: "aws" },
    };
    const child = {
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: { name: "apps", namespace: "flux-system" },
      spec: {
        interval: "5m",
        path: "./apps/dev",
        prune: true,
        sourceRef: { kind: "GitRepository", name: "flux-system" },
      },
    };
    const other = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "x" },
      data: { a: "b" },
    };
    const [cm, kustomization, repo] = kustomize(
      [microservices, child, other],
      httpsCredentialPatches(),
    );
    assert.deepEqual(cm, other);
    const secretBacked = {
      ...microservices.spec,
      provider: "generic",
      secretRef: { name: "codecommit-https" },
    };
    assert.deepEqual(repo.spec, secretBacked);
    assert.deepEqual(kustomization.spec, { ...child.spec, patches: [httpsCredentialPatches()[0]] });
    // One level down, the child's own patches rewrite a GitRepository defined under its path.
    const [nested] = kustomize([microservices], kustomization.spec.patches);
    assert.deepEqual(nested.spec, secretBacked);
  });

  it("https-credential reaches every GitRepository of gitops/flux-repo, in every environment", function () {
    // The bootstrap Kustomization builds clusters/<env> with its patches; each child Kustomization
    // then builds its own path with the patches it received (as kustomize-controller would).
    if (!hasKubectl()) this.skip();
    const repoRoot = path.resolve(__dirname, "../../../gitops/flux-repo");
    for (const env of ["dev", "staging", "prod"]) {
      const level1 = kustomize([path.join(repoRoot, "clusters", env)], httpsCredentialPatches());
      const children = level1.filter((o) => o.kind === "Kustomization");
      assert.ok(children.length >= 2, `${env}: children`);
      const repos = level1.filter((o) => o.kind === "GitRepository");
      for (const child of children) {
        assert.deepEqual(child.spec.patches, [httpsCredentialPatches()[0]], child.metadata.name);
        const built = kustomize([path.join(repoRoot, child.spec.path)], child.spec.patches);
        repos.push(...built.filter((o) => o.kind === "GitRepository"));
      }
      assert.ok(repos.length > 0, `${env}: no GitRepository found`);
      for (const repo of repos) {
        assert.equal(repo.metadata.namespace, "flux-system");
        assert.equal(repo.spec.provider, "generic", `${env} ${repo.metadata.name}`);
        assert.deepEqual(repo.spec.secretRef, { name: "codecommit-https" });
      }
    }
  });

  it("validates against the Flux CRD schemas (Kustomization, GitRepository without provider)", async () => {
    const { GitRepository, Kustomization } = await models();
    for (const input of [INPUT, HTTPS]) {
      new Kustomization(bootstrapKustomization(input) as any).validate();
      const { provider, ...spec } = bootstrapGitRepository(input).spec;
      new GitRepository({ ...bootstrapGitRepository(input), spec }).validate();
      assert.equal(provider, input.gitAuth === "aws-provider" ? "aws" : undefined);
    }
    // The schema does check: a bad interval and a missing url are rejected.
    const bad = { ...bootstrapKustomization(INPUT), spec: { interval: "5 minutes" } };
    assert.throws(() => new Kustomization(bad as any).validate());
    const noUrl = { ...bootstrapGitRepository(HTTPS), spec: { interval: "1m" } };
    assert.throws(() => new GitRepository(noUrl as any).validate());
  });

  it("provider aws: the package's Flux 2.8 schema lacks it, the Flux 2.9 CRD has it", async () => {
    const { GitRepository } = await models();
    // @kubernetes-models/flux-cd 4.0.0 ships source-controller v1.8 schemas (enum generic|azure|github).
    assert.throws(() => new GitRepository(bootstrapGitRepository(INPUT) as any).validate());
    const spec = bootstrapGitRepository(INPUT).spec;
    assert.ok(gitRepository29.provider.enum.includes(spec.provider!));
    assert.deepEqual(
      Object.keys(spec).filter((k) => !gitRepository29.properties.includes(k)),
      [],
    );
    assert.deepEqual(
      gitRepository29.required.filter((k) => !(k in spec)),
      [],
    );
    assert.match(spec.url, new RegExp(gitRepository29.url.pattern));
    assert.match(spec.interval, new RegExp(gitRepository29.interval.pattern));
  });

  it("cluster-info data carries exactly the contract's keys", () => {
    const data = clusterInfoData({
      environment: "dev",
      accountId: "123456789012",
      region: "us-east-1",
      clusterName: "gitops-dev",
      vpcId: "vpc-1",
      ecrRegistry: "123456789012.dkr.ecr.us-east-1.amazonaws.com",
      fluxRepoUrl: URL,
      microservicesRepoUrl: URL.replace("flux-repo", "microservices-repo"),
      gitBranch: "main",
      appsBranch: "main",
      lbControllerRoleArn: "arn:aws:iam::123456789012:role/lb",
      karpenter: {
        controllerRoleArn: "arn:aws:iam::123456789012:role/karpenter",
        interruptionQueue: "gitops-dev-karpenter",
        instanceProfile: "karpenter-node",
        capacityType: "on-demand",
        cpuLimit: 24,
        memoryLimitGiB: 96,
      },
      fluxRepoName: "flux-repo",
      microservicesRepoName: "microservices-repo",
      deploymentFeedbackAddress: "https://x.lambda-url.us-east-1.on.aws/v1/environments/dev/events",
      appsLoadBalancerName: "gitops-dev-apps",
      flux: {
        intervals: { source: "30s", kustomization: "3m", imageScan: "2m", imageAutomation: "90s" },
        imageAutomation: false,
      },
    });
    assert.deepEqual(Object.keys(data).sort(), Object.keys(CLUSTER_INFO_KEYS).sort());
    assert.equal(data.ENVIRONMENT, "dev");
    assert.equal(data.MICROSERVICES_REPO_URL.endsWith("/microservices-repo"), true);
    assert.deepEqual(
      [data.FLUX_REPO_NAME, data.MICROSERVICES_REPO_NAME, data.APPS_LOAD_BALANCER_NAME],
      ["flux-repo", "microservices-repo", "gitops-dev-apps"],
    );
    assert.equal(
      data.DEPLOYMENT_FEEDBACK_ADDRESS,
      "https://x.lambda-url.us-east-1.on.aws/v1/environments/dev/events",
    );
    assert.deepEqual(
      {
        SOURCE_INTERVAL: data.SOURCE_INTERVAL,
        KUSTOMIZATION_INTERVAL: data.KUSTOMIZATION_INTERVAL,
        IMAGE_SCAN_INTERVAL: data.IMAGE_SCAN_INTERVAL,
        IMAGE_AUTOMATION_INTERVAL: data.IMAGE_AUTOMATION_INTERVAL,
        IMAGE_AUTOMATION_SUSPEND: data.IMAGE_AUTOMATION_SUSPEND,
        KARPENTER_CAPACITY_TYPE: data.KARPENTER_CAPACITY_TYPE,
        KARPENTER_CPU_LIMIT: data.KARPENTER_CPU_LIMIT,
        KARPENTER_MEMORY_LIMIT: data.KARPENTER_MEMORY_LIMIT,
      },
      {
        SOURCE_INTERVAL: "30s",
        KUSTOMIZATION_INTERVAL: "3m",
        IMAGE_SCAN_INTERVAL: "2m",
        IMAGE_AUTOMATION_INTERVAL: "90s",
        // Without image automation the ImageUpdateAutomation is suspended.
        IMAGE_AUTOMATION_SUSPEND: "true",
        // Quantities: a number of vCPU, and GiB with its unit.
        KARPENTER_CAPACITY_TYPE: "on-demand",
        KARPENTER_CPU_LIMIT: "24",
        KARPENTER_MEMORY_LIMIT: "96Gi",
      },
    );
  });
});
