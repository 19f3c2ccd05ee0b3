import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  serviceContentProblems,
  serviceFiles,
  serviceListings,
  type ServiceEnvironment,
  type ServiceSpec,
} from "../../../components/services";
import { addResource, writeIfAbsent } from "../../../scripts/service-edits";
import { SERVICE_ENVIRONMENT_DEFAULTS } from "../../../stacks/profiles";
import { RUNTIME_PROFILES } from "../../../stacks/settings";

const spec = (name: string, more: Partial<ServiceSpec> = {}): ServiceSpec => ({
  name,
  folder: name,
  port: 8080,
  healthPath: "/healthz",
  expose: "internal",
  ...more,
});
/** Two services, written by the templates into a tree of this test's own. */
const SHIPPED = [spec("front-end", { expose: "alb" }), spec("catalogue")];
const ENVS: ServiceEnvironment[] = RUNTIME_PROFILES.map((p) => ({
  ...SERVICE_ENVIRONMENT_DEFAULTS[p],
  name: p,
  imageAutomation: p === "dev",
}));

/**
 * A gitops/ tree with the shipped layout (clusters/<env>, apps/<env>, image automation in dev)
 * and `services` from the templates: independent of the project's own gitops/ content.
 */
function tree(root: string, services: readonly ServiceSpec[]): void {
  const write = (file: string, text: string) => writeIfAbsent(root, { path: file, content: text });
  write("flux-repo/apps/base/kustomization.yaml", "resources:\n  - microservices-repo.yaml\n");
  for (const env of ENVS) {
    write(`flux-repo/clusters/${env.name}/kustomization.yaml`, "resources: []\n");
    write(`flux-repo/apps/${env.name}/kustomization.yaml`, "resources:\n  - ../base\n");
  }
  write("flux-repo/apps/dev/image-update-automation.yaml", "kind: ImageUpdateAutomation\n");
  for (const s of services) {
    for (const f of serviceFiles(s, ENVS, "main")) writeIfAbsent(root, f);
    for (const l of serviceListings(s, ENVS))
      addResource(path.join(root, l.kustomization), l.resource);
  }
}

describe("components/services: settings and GitOps files agree", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-check-"));
    tree(root, SHIPPED);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const check = (services: readonly ServiceSpec[]) =>
    serviceContentProblems(services, root, "Pulumi.shared.yaml");

  it("finds nothing to say about services the templates wrote", () => {
    assert.deepEqual(check(SHIPPED), []);
  });

  it("names every missing file of an entry, and the command that writes them", () => {
    assert.deepEqual(check([...SHIPPED, spec("orders")]), [
      "Service 'orders' (gitops-platform:services in Pulumi.shared.yaml) is missing " +
        "gitops/microservices-repo/base/orders/kustomization.yaml, " +
        "gitops/microservices-repo/overlays/dev/orders/kustomization.yaml, " +
        "gitops/microservices-repo/overlays/prod/orders/kustomization.yaml, " +
        "gitops/microservices-repo/overlays/staging/orders/kustomization.yaml, " +
        "gitops/flux-repo/apps/base/orders.yaml, gitops/flux-repo/apps/dev/orders-image-policy.yaml, " +
        "gitops/app-repo/orders/Dockerfile. " +
        "Run: npm run add-service -- orders (it writes only what is missing).",
    ]);
  });

  it("names a deleted overlay and a Flux file no kustomization lists", () => {
    fs.rmSync(path.join(root, "microservices-repo/overlays/prod/catalogue"), { recursive: true });
    const list = path.join(root, "flux-repo/apps/base/kustomization.yaml");
    fs.writeFileSync(list, fs.readFileSync(list, "utf8").replace("  - catalogue.yaml\n", ""));
    assert.deepEqual(check(SHIPPED), [
      "Service 'catalogue' (gitops-platform:services in Pulumi.shared.yaml) is missing " +
        "gitops/microservices-repo/overlays/prod/catalogue/kustomization.yaml, " +
        "catalogue.yaml in the resources of gitops/flux-repo/apps/base/kustomization.yaml. " +
        "Run: npm run add-service -- catalogue (it writes only what is missing).",
    ]);
  });

  it("looks for the source in the entry's folder", () => {
    const moved = [SHIPPED[0], spec("catalogue", { folder: "services/catalogue" })];
    assert.deepEqual(check(moved), [
      "Service 'catalogue' (gitops-platform:services in Pulumi.shared.yaml) is missing " +
        "gitops/app-repo/services/catalogue/Dockerfile. " +
        "Run: npm run add-service -- catalogue (it writes only what is missing).",
    ]);
  });

  it("names service folders that no entry claims", () => {
    assert.deepEqual(check([SHIPPED[0]]), [
      "Service folders without an entry in gitops-platform:services in Pulumi.shared.yaml: " +
        "gitops/microservices-repo/base/catalogue, gitops/microservices-repo/overlays/dev/catalogue, " +
        "gitops/microservices-repo/overlays/prod/catalogue, " +
        "gitops/microservices-repo/overlays/staging/catalogue. " +
        "Run: npm run add-service -- catalogue (it adds the entry, and with it the ECR repository " +
        "and the pipeline), or delete these folders.",
    ]);
  });

  it("names a port, health path or exposure the files do not have", () => {
    const wrong = [
      SHIPPED[0],
      spec("catalogue", { port: 9090, healthPath: "/ready", expose: "alb" }),
    ];
    const fix =
      "Make them agree: the files are what runs, so change the entry in Pulumi.shared.yaml or the files.";
    assert.deepEqual(check(wrong), [
      `Service 'catalogue': gitops-platform:services in Pulumi.shared.yaml says port 9090, gitops/microservices-repo/base/catalogue listens on 8080. ${fix}`,
      `Service 'catalogue': gitops-platform:services in Pulumi.shared.yaml says healthPath /ready, gitops/microservices-repo/base/catalogue probes /healthz. ${fix}`,
      `Service 'catalogue': gitops-platform:services in Pulumi.shared.yaml says expose: alb, gitops/microservices-repo/base/catalogue has no Ingress. ${fix}`,
    ]);
    assert.deepEqual(check([spec("front-end"), SHIPPED[1]]), [
      `Service 'front-end': gitops-platform:services in Pulumi.shared.yaml says expose: internal, gitops/microservices-repo/base/front-end has an Ingress. ${fix}`,
    ]);
  });
});
