/**
 * `npm run add-service` in scratch copies of the project (fixture stack files, gitops/): the
 * settings entry, the files from the templates, and the result validated like the shipped
 * content (kustomize build, schemas, the settings-versus-files check).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { serviceContentProblems } from "../../components/services";
import { deliverySettings } from "../../harness/services";
import { main } from "../../scripts/add-service";
import {
  ENVIRONMENTS,
  unusedServiceName,
  GITOPS_DIR,
  findKubectl,
  kustomizationDirs,
  kustomizeBuildAll,
  objectId,
  sampleClusterInfo,
  substitutedObjects,
} from "../gitops/helpers";
import { schemaError } from "../gitops/schemas";
import { FIXTURE_STACKS } from "../helpers/stacks";

/** A scratch project: the fixture stack files and a copy of gitops/. */
function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "add-service-"));
  for (const f of fs.readdirSync(FIXTURE_STACKS)) {
    fs.copyFileSync(path.join(FIXTURE_STACKS, f), path.join(dir, f));
  }
  fs.cpSync(GITOPS_DIR, path.join(dir, "gitops"), { recursive: true });
  return dir;
}

function run(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { log: (t) => out.push(t), error: (t) => err.push(t), projectDir: dir });
  return { code, out, err };
}

/** Names the project's gitops/ does not use yet (scratch copies start from it). */
const ORDERS = unusedServiceName("orders");
const PAYMENTS = unusedServiceName("payments");

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");

describe("npm run add-service", () => {
  let dir: string;
  beforeEach(() => {
    dir = scratch();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("adds the entry (comments kept), writes the files and lists them; a second run changes nothing", () => {
    const before = read(dir, "Pulumi.shared.yaml");
    const first = run(dir, ORDERS, "--expose", "alb", "--port", "9090", "--replicas", "prod=4-12");
    assert.equal(first.code, 0, first.err.join("\n"));
    assert.deepEqual(first.err, []);
    assert.equal(
      read(dir, "Pulumi.shared.yaml"),
      before.replace(
        "    - catalogue\n",
        `    - catalogue\n    - name: ${ORDERS}\n      port: 9090\n      expose: alb\n`,
      ),
    );
    assert.ok(first.out.includes(`wrote gitops/microservices-repo/base/${ORDERS}/ingress.yaml`));
    assert.ok(
      first.out.includes(`listed ${ORDERS}.yaml in gitops/flux-repo/apps/base/kustomization.yaml`),
    );
    assert.ok(
      first.out.includes(`added '${ORDERS}' to gitops-platform:services in Pulumi.shared.yaml`),
    );
    const hpa = parse(
      read(
        dir,
        `gitops/microservices-repo/overlays/prod/${ORDERS}/horizontal-pod-autoscaler-patch.yaml`,
      ),
    );
    assert.deepEqual(hpa.spec, { minReplicas: 4, maxReplicas: 12 });
    const settings = deliverySettings("shared", dir);
    assert.deepEqual(
      settings.services.map((s) => s.name),
      ["front-end", "catalogue", ORDERS],
    );
    // Nothing is missing for the new service (other findings would be about the project's own).
    const problems = serviceContentProblems(settings.services, path.join(dir, "gitops"), "x");
    assert.deepEqual(
      problems.filter((p) => p.includes(ORDERS)),
      [],
    );

    const second = run(dir, ORDERS);
    assert.equal(second.code, 0);
    assert.ok(second.out.every((l) => !l.startsWith("wrote ") && !l.startsWith("listed ")));
    assert.ok(second.out.includes(`kept (exists) gitops/flux-repo/apps/base/${ORDERS}.yaml`));
    assert.equal(read(dir, "Pulumi.shared.yaml").split(`name: ${ORDERS}\n`).length, 2);
    const listed = read(dir, "gitops/flux-repo/apps/dev/kustomization.yaml");
    assert.equal(listed.split(`- ${ORDERS}-image-policy.yaml\n`).length, 2);
  });

  it("uses an entry written by hand, and lists every default when the file had no services", () => {
    const file = path.join(dir, "Pulumi.shared.yaml");
    const text = read(dir, "Pulumi.shared.yaml");
    const start = text.indexOf("  # Each service");
    const end = text.indexOf("  gitops-platform:fluxRepoName");
    fs.writeFileSync(file, text.slice(0, start) + text.slice(end));
    const r = run(dir, PAYMENTS, "--health-path", "/ready");
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.deepEqual(parse(read(dir, "Pulumi.shared.yaml")).config["gitops-platform:services"], [
      { name: "front-end", expose: "alb" },
      "catalogue",
      { name: PAYMENTS, healthPath: "/ready" },
    ]);
    const deployment = parse(
      read(dir, `gitops/microservices-repo/base/${PAYMENTS}/deployment.yaml`),
    );
    assert.equal(deployment.spec.template.spec.containers[0].readinessProbe.httpGet.path, "/ready");
  });

  it("refuses bad names, conflicting options and unknown environments, writing nothing", () => {
    const snapshot = () => fs.readdirSync(path.join(dir, "gitops/microservices-repo/base")).join();
    const was = snapshot();
    const bad = run(dir, "Orders");
    assert.equal(bad.code, 1);
    assert.match(bad.err[0], /gitops-platform:services\[2\]\.name = "Orders": not a service name/);
    const conflict = run(dir, "catalogue", "--port", "9999");
    assert.deepEqual(conflict.err, [
      "Pulumi.shared.yaml already lists 'catalogue' with port 8080: change the entry there, or leave those options out.",
    ]);
    const env = run(
      dir,
      ORDERS,
      "--replicas",
      "qa=2",
      "--cpu",
      "dev=lots",
      "--replicas",
      "prod=9-3",
    );
    assert.equal(env.code, 1);
    assert.deepEqual(env.err, [
      "Invalid values:\n  - no environment 'qa' in gitops/flux-repo/clusters (there: dev, prod, staging)\n" +
        "  - --cpu dev=lots: a CPU quantity such as 250m or 1\n" +
        "  - --replicas prod=9-3: the autoscaler's range MIN-MAX (such as 3-10), or one number",
    ]);
    fs.mkdirSync(path.join(dir, "gitops/flux-repo/clusters/qa"));
    assert.deepEqual(run(dir, ORDERS).err, [
      "Invalid values:\n  - GitOps environment 'qa' (flux-repo/clusters/qa) has no runtime profile: " +
        "add Pulumi.qa.yaml with gitops-platform:profile (dev, staging, prod).",
    ]);
    fs.rmdirSync(path.join(dir, "gitops/flux-repo/clusters/qa"));
    assert.equal(run(dir).code, 2);
    assert.equal(snapshot(), was);
    assert.ok(!read(dir, "Pulumi.shared.yaml").includes(ORDERS));
  });
});

describe("three services in a scratch copy: kustomize builds and schemas cover every service", function () {
  const kubectl = findKubectl();
  let dir: string;
  before(function () {
    if (kubectl === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    dir = scratch();
    assert.equal(run(dir, ORDERS, "--expose", "alb").code, 0);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it("builds and validates the new service's kustomizations and the apps that apply it", async () => {
    // The new service's folders and the apps/<env> that apply its Flux objects; the rest is the
    // shipped content, which test/gitops/build.spec.ts validates.
    const roots = ["flux-repo", "microservices-repo"]
      .flatMap((repo) =>
        kustomizationDirs(path.join(dir, "gitops", repo)).map((rel) => ({ repo, rel })),
      )
      .filter((r) => r.rel.split("/").includes(ORDERS) || r.rel.startsWith("apps/"));
    assert.ok(roots.some((r) => r.rel === `overlays/prod/${ORDERS}`));
    const built = await kustomizeBuildAll(
      kubectl as string,
      roots.map((r) => path.join(dir, "gitops", r.repo, r.rel)),
    );
    const errors: string[] = [];
    let orders = 0;
    for (const r of roots) {
      const text = built.get(path.join(dir, "gitops", r.repo, r.rel));
      if (text instanceof Error || text === undefined) throw text ?? new Error(r.rel);
      const [kind, env] = r.rel.split("/");
      const perEnvironment = ["apps", "clusters", "overlays"].includes(kind);
      const environment = perEnvironment && ENVIRONMENTS.includes(env) ? env : "dev";
      for (const o of substitutedObjects(text, sampleClusterInfo(environment), r.rel)) {
        if (o.metadata.name === ORDERS) orders++;
        const e = await schemaError(o);
        if (e !== undefined) errors.push(`${r.repo}/${r.rel} ${objectId(o)}: ${e}`);
      }
    }
    assert.deepEqual(errors, []);
    // Namespace, Deployment, Service, Ingress, HPA in base and 3 overlays, a PDB in prod, the
    // Flux Kustomization in apps/base and 3 apps/<env>, ImageRepository and ImagePolicy in dev.
    assert.equal(orders, 5 * 4 + 1 + 4 + 2);
  });
});
