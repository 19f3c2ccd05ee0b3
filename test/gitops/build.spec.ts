import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ENVIRONMENTS,
  FLUX_REPO,
  MICROSERVICES_REPO,
  findKubectl,
  isKustomizeComponent,
  kustomizationDirs,
  kustomizeBuildAll,
  objectId,
  parseYamlStream,
  sampleClusterInfo,
  scalarLeaves,
  stringLeaves,
  substitute,
  substitutedObjects,
  type Environment,
  type KubeObject,
} from "./helpers";
import { schemaError, typeCheckObjects, validationError, withoutProvider } from "./schemas";

const KUBECTL = findKubectl();

interface Root {
  readonly label: string;
  readonly dir: string;
  /** The environment whose cluster-info the build is substituted with. */
  readonly environment: Environment;
  /** Whose cluster-info: a cluster with a domain (https) or without (http). */
  readonly ingress: "http" | "https";
}

// Components are built inside the overlays that list them (ingress.spec.ts, as Flux does);
// infrastructure/dns is applied only where the cluster has a domain (clusters/<env>/dns.yaml).
const ROOTS: readonly Root[] = [FLUX_REPO, MICROSERVICES_REPO].flatMap((repo) =>
  kustomizationDirs(repo)
    .filter((rel) => !isKustomizeComponent(path.join(repo, rel)))
    .map((rel) => {
      // apps/<env>, clusters/<env> and overlays/<env>/<service> belong to an environment.
      const [kind, env] = rel.split("/");
      const perEnvironment = ["apps", "clusters", "overlays"].includes(kind);
      return {
        label: `${path.basename(repo)}/${rel}`,
        dir: path.join(repo, rel),
        environment: perEnvironment && ENVIRONMENTS.includes(env) ? env : "dev",
        ingress: rel === "infrastructure/dns" ? ("https" as const) : ("http" as const),
      };
    }),
);
const clusterInfo = (root: Root) => sampleClusterInfo(root.environment, root.ingress);

let builds = new Map<string, string | Error>();
function build(root: Root): string {
  const text = builds.get(root.dir);
  if (text instanceof Error) throw text;
  assert.ok(text !== undefined, `${root.label} was not built`);
  return text;
}

function substituted(root: Root): KubeObject[] {
  return substitutedObjects(build(root), clusterInfo(root), root.label);
}

/**
 * Variables written unquoted where the field is not a string: after substitution YAML reads their
 * value as a boolean (`suspend: ${IMAGE_AUTOMATION_SUSPEND}` -> `suspend: true`) or a number
 * (NodePool `cpu: ${KARPENTER_CPU_LIMIT}` -> `cpu: 8`, an int-or-string quantity).
 */
const TYPED_VARIABLES: Readonly<Record<string, (value: string) => unknown>> = {
  IMAGE_AUTOMATION_SUSPEND: (v) => v === "true",
  EXTERNAL_DNS_SUSPEND: (v) => v === "true",
  RECEIVERS_SUSPEND: (v) => v === "true",
  KARPENTER_CPU_LIMIT: Number,
};

describe("gitops/ kustomize build and schemas", function () {
  before(async function () {
    if (KUBECTL === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    builds = await kustomizeBuildAll(
      KUBECTL,
      ROOTS.map((r) => r.dir),
    );
  });

  for (const root of ROOTS) {
    it(`builds ${root.label}`, () => {
      const objects = parseYamlStream(build(root), root.label) as KubeObject[];
      assert.ok(objects.length > 0);
      for (const o of objects) assert.ok(o.apiVersion && o.kind && o.metadata.name, objectId(o));
    });
  }

  for (const root of ROOTS) {
    it(`validates every object of ${root.label} against its schema, substituted for ${root.environment}`, async () => {
      const errors: string[] = [];
      for (const o of substituted(root)) {
        const error = await schemaError(o);
        if (error !== undefined) errors.push(`${objectId(o)}: ${error}`);
      }
      assert.deepEqual(errors, []);
    });
  }

  it("validates every kind the content uses (no object escapes the schema check)", () => {
    const kinds = new Set(
      ROOTS.flatMap((r) => substituted(r).map((o) => `${o.apiVersion} ${o.kind}`)),
    );
    assert.deepEqual([...kinds].sort(), [
      "apps/v1 Deployment",
      "autoscaling/v2 HorizontalPodAutoscaler",
      "elbv2.k8s.aws/v1beta1 IngressClassParams",
      "elbv2.k8s.aws/v1beta1 TargetGroupBinding",
      "helm.toolkit.fluxcd.io/v2 HelmRelease",
      "image.toolkit.fluxcd.io/v1 ImagePolicy",
      "image.toolkit.fluxcd.io/v1 ImageRepository",
      "image.toolkit.fluxcd.io/v1 ImageUpdateAutomation",
      "karpenter.k8s.aws/v1 EC2NodeClass",
      "karpenter.sh/v1 NodePool",
      "kustomize.toolkit.fluxcd.io/v1 Kustomization",
      "networking.k8s.io/v1 Ingress",
      "networking.k8s.io/v1 IngressClass",
      "notification.toolkit.fluxcd.io/v1 Receiver",
      "notification.toolkit.fluxcd.io/v1beta3 Alert",
      "notification.toolkit.fluxcd.io/v1beta3 Provider",
      "policy/v1 PodDisruptionBudget",
      "rbac.authorization.k8s.io/v1 RoleBinding",
      "source.toolkit.fluxcd.io/v1 GitRepository",
      "source.toolkit.fluxcd.io/v1 HelmRepository",
      "source.toolkit.fluxcd.io/v1 OCIRepository",
      "v1 Namespace",
      "v1 Service",
      "v1 ServiceAccount",
    ]);
  });

  it("finds no unknown or mistyped field in any object (TypeScript excess-property check)", () => {
    const objects = ROOTS.flatMap((root) =>
      substituted(root)
        // Custom checks above cover these (no model / provider enum of Flux 2.8).
        .filter((o) => o.kind !== "IngressClassParams" && o.kind !== "TargetGroupBinding")
        .map((o) => {
          const object = o.kind === "GitRepository" ? withoutProvider(o) : o;
          return { label: `${root.label} ${objectId(o)}`, object };
        }),
    );
    const probe = (object: KubeObject) => ({ label: `probe ${object.kind}`, object });
    const deployment = objects.find((o) => o.object.kind === "Deployment")?.object as KubeObject;
    const typo = structuredClone(deployment);
    const container = (typo.spec as { template: { spec: { containers: object[] } } }).template.spec
      .containers[0] as Record<string, unknown>;
    container.readinessProbes = container.readinessProbe;
    const release = objects.find((o) => o.object.kind === "HelmRelease")?.object as KubeObject;
    const mistyped = structuredClone(release);
    (mistyped.spec as Record<string, unknown>).interval = 30;
    assert.deepEqual(typeCheckObjects([...objects, probe(typo), probe(mistyped)]), [
      "probe Deployment: Object literal may only specify known properties, and '\"readinessProbes\"' does not exist in type 'IContainer'.",
      "probe HelmRelease: Type 'number' is not assignable to type 'string'.",
    ]);
  });

  it("keeps every substituted value a string equal to its expansion, booleans only where meant", () => {
    // Flux substitutes into kustomize's output, which drops quotes: a value YAML reads as a number
    // or boolean would change type (kustomize-controller docs, "substitution of numbers and
    // booleans"). The realistic values must all stay strings, except the boolean switches.
    let checked = 0;
    let booleans = 0;
    for (const root of ROOTS) {
      const vars = clusterInfo(root);
      const before = parseYamlStream(build(root), root.label);
      const after = substituted(root);
      before.forEach((doc, i) => {
        const leaves = new Map(scalarLeaves(after[i]).map((l) => [l.path, l.value]));
        for (const leaf of stringLeaves(doc).filter((l) => l.value.includes("${"))) {
          const name = /^\$\{(\w+)\}$/.exec(leaf.value)?.[1];
          const typed = name === undefined ? undefined : TYPED_VARIABLES[name];
          const expected = typed
            ? typed(vars[name as keyof typeof vars])
            : substitute(leaf.value, vars);
          assert.equal(leaves.get(leaf.path), expected, `${root.label} ${leaf.path}`);
          if (typeof expected !== "string") booleans++;
          checked++;
        }
      });
      assert.doesNotMatch(substitute(build(root), vars), /\$\{/, root.label);
    }
    assert.ok(checked >= 20, `only ${checked} substituted values`);
    // ImageUpdateAutomation suspend (apps/dev), NodePool limits.cpu (infrastructure/nodepools),
    // infrastructure-dns and infrastructure-receivers suspend in each clusters/<env>.
    assert.equal(booleans, 2 + 2 * ENVIRONMENTS.length);
  });

  it("relies on kustomize to reject unknown fields in kustomization.yaml files", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-kustomize-"));
    try {
      const kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
      fs.writeFileSync(path.join(dir, "kustomization.yaml"), `${kustomization}resourcez: []\n`);
      const result = (await kustomizeBuildAll(KUBECTL as string, [dir])).get(dir);
      assert.ok(result instanceof Error);
      assert.match(result.message, /invalid Kustomization: json: unknown field \\"resourcez\\"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("still needs the GitRepository provider workaround (flux-cd models carry Flux 2.8 schemas)", async () => {
    const repo: KubeObject = {
      apiVersion: "source.toolkit.fluxcd.io/v1",
      kind: "GitRepository",
      metadata: { name: "probe", namespace: "flux-system" },
      spec: { interval: "1m", url: "https://example.com/repo", provider: "aws" },
    };
    // When this fails, @kubernetes-models/flux-cd knows `aws`: validate GitRepository directly.
    assert.equal(
      await validationError(repo),
      "data/spec/provider must be equal to one of the allowed values",
    );
    assert.equal(await schemaError(repo), undefined);
    assert.equal(
      await schemaError({ ...repo, spec: { ...repo.spec, provider: "gcp" } }),
      "GitRepository provider gcp",
    );
  });

  it("rejects invalid objects (the schema check is not a no-op)", async () => {
    const deployment = ROOTS.filter((r) => r.label.startsWith("microservices-repo/overlays/"))
      .flatMap((r) => substituted(r))
      .find((o) => o.kind === "Deployment") as KubeObject;
    const broken = structuredClone(deployment) as KubeObject & { spec: { replicas: unknown } };
    broken.spec.replicas = "three";
    assert.match((await schemaError(broken)) ?? "", /data\/spec\/replicas must be integer/);
    const params: KubeObject = {
      apiVersion: "elbv2.k8s.aws/v1beta1",
      kind: "IngressClassParams",
      metadata: { name: "alb" },
      spec: { group: { name: "Apps" }, sheme: "internet-facing" },
    };
    assert.equal(await schemaError(params), "unknown IngressClassParams fields: sheme");
  });
});
