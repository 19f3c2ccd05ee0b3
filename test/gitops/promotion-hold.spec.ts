/**
 * The first-deploy hold as Flux builds it: on a copy of microservices-repo with a later stage's
 * hold commit applied (the files EnvironmentBranch commits on `env/<environment>`), every
 * service's Flux Kustomization (with its ingress component, as kustomize-controller adds it)
 * builds to one schema-valid ConfigMap that says it waits, and no workload: nothing pulls an image.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import {
  HOLD_CONFIGMAP,
  HOLD_LABEL,
  HOLD_WAITING,
  holdFiles,
} from "../../components/delivery/promotion-hold";
import {
  AUTOMATION_ENVIRONMENTS,
  buildAppsByEnvironment,
  ENVIRONMENTS,
  findKubectl,
  kustomizeBuildAll,
  MICROSERVICES_REPO,
  sampleClusterInfo,
  SERVICES,
  substitutedObjects,
  type KubeObject,
} from "./helpers";
import { validationError } from "./schemas";

/** The environments that sync an env/<environment> branch: every one but the first stage. */
const HELD = ENVIRONMENTS.filter((e) => !AUTOMATION_ENVIRONMENTS.includes(e));
const KUBECTL = findKubectl();

describe("gitops: the first-deploy hold of a later stage (kustomize build)", function () {
  let tmp = "";
  const built = new Map<string, KubeObject[]>();

  before(async function () {
    if (KUBECTL === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    assert.ok(HELD.length > 0, "gitops/ has a later stage");
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-hold-"));
    const apps = await buildAppsByEnvironment(KUBECTL);
    const dirs = new Map<string, string>();
    for (const mode of ["http", "https"] as const) {
      const repo = path.join(tmp, mode);
      fs.cpSync(MICROSERVICES_REPO, repo, { recursive: true });
      for (const env of HELD) {
        for (const f of holdFiles(env, SERVICES))
          fs.writeFileSync(path.join(repo, f.path), f.content);
        const vars = sampleClusterInfo(env, mode);
        const flux = substitutedObjects(apps.get(env) as string, vars, `apps/${env}`);
        for (const service of SERVICES) {
          const ks = flux.find((o) => o.kind === "Kustomization" && o.metadata.name === service)!;
          const spec = ks.spec as { path: string; components?: string[] };
          const file = path.join(repo, spec.path, "kustomization.yaml");
          if (spec.components) {
            const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
            doc.set("components", spec.components);
            fs.writeFileSync(file, doc.toString());
          }
          dirs.set(`${mode} ${env} ${service}`, path.join(repo, spec.path));
        }
      }
    }
    const outputs = await kustomizeBuildAll(KUBECTL, [...dirs.values()]);
    for (const [k, dir] of dirs) {
      const out = outputs.get(dir);
      if (out instanceof Error || out === undefined) throw out ?? new Error(k);
      built.set(
        k,
        YAML.parseAllDocuments(out).map((d) => d.toJS() as KubeObject),
      );
    }
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("each held service builds to its waiting ConfigMap alone, in both ingress modes", async () => {
    assert.equal(built.size, 2 * HELD.length * SERVICES.length);
    for (const [k, objects] of built) {
      const [, env, service] = k.split(" ");
      assert.deepEqual(
        objects.map((o) => `${o.kind}/${o.metadata.name}`),
        [`ConfigMap/${HOLD_CONFIGMAP}`],
        k,
      );
      const [cm] = objects as (KubeObject & { data: Record<string, string> })[];
      assert.equal((cm.metadata.labels as Record<string, string>)[HOLD_LABEL], HOLD_WAITING);
      assert.deepEqual(cm.data, {
        environment: env,
        service,
        state: "waiting for first promotion",
      });
      assert.equal(await validationError(cm), undefined, k);
    }
  });

  it("holds exactly the overlays of the environment, two files per service", () => {
    for (const env of HELD) {
      assert.deepEqual(
        holdFiles(env, SERVICES).map((f) => f.path),
        SERVICES.flatMap((s) => [
          `overlays/${env}/${s}/kustomization.yaml`,
          `overlays/${env}/${s}/promotion-hold.yaml`,
        ]),
      );
    }
  });
});
