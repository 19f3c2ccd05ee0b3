/**
 * front-end as Flux builds it: the Kustomization in flux-repo apps/<env> (substituted from
 * cluster-info) names the overlay and the ingress component; kustomize-controller adds
 * `spec.components` to the overlay's kustomization.yaml before building (fluxcd/kustomize-controller
 * docs/spec/v1/kustomizations.md, "Components": paths relative to `spec.path`). Done here on a
 * copy of microservices-repo, for every environment, with and without a domain.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import {
  ENVIRONMENTS,
  MICROSERVICES_REPO,
  buildAppsByEnvironment,
  byName,
  findKubectl,
  kustomizeBuildAll,
  objectId,
  sampleClusterInfo,
  substitutedObjects,
  type KubeObject,
} from "./helpers";
import { typeCheckObjects, validationError } from "./schemas";

const MODES = ["http", "https"] as const;
type Mode = (typeof MODES)[number];
const KUBECTL = findKubectl();

describe("gitops/ front-end as Flux builds it: HTTP or HTTPS, by cluster-info", function () {
  let tmp = "";
  const built = new Map<string, KubeObject[]>();
  const fluxObjects = new Map<string, KubeObject[]>();
  const key = (env: string, mode: Mode) => `${env} ${mode}`;

  before(async function () {
    if (KUBECTL === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-ingress-"));
    const apps = await buildAppsByEnvironment(KUBECTL);
    const dirs = new Map<string, string>();
    for (const mode of MODES) {
      const repo = path.join(tmp, mode);
      fs.cpSync(MICROSERVICES_REPO, repo, { recursive: true });
      for (const env of ENVIRONMENTS) {
        const vars = sampleClusterInfo(env, mode);
        const objects = substitutedObjects(apps.get(env) as string, vars, `apps/${env}`);
        fluxObjects.set(key(env, mode), objects);
        const spec = byName(objects, "Kustomization", "front-end").spec as {
          path: string;
          components: string[];
        };
        const file = path.join(repo, spec.path, "kustomization.yaml");
        const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
        doc.set("components", [...((doc.toJS().components as string[]) ?? []), ...spec.components]);
        fs.writeFileSync(file, doc.toString());
        dirs.set(key(env, mode), path.join(repo, spec.path));
      }
    }
    const outputs = await kustomizeBuildAll(KUBECTL, [...dirs.values()]);
    for (const [k, dir] of dirs) {
      const out = outputs.get(dir);
      if (out instanceof Error || out === undefined) throw out ?? new Error(k);
      const [env, mode] = k.split(" ") as [string, Mode];
      built.set(k, substitutedObjects(out, sampleClusterInfo(env, mode), k));
    }
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ingress = (env: string, mode: Mode) =>
    byName(built.get(key(env, mode))!, "Ingress", "front-end") as KubeObject & {
      metadata: { annotations: Record<string, string> };
      spec: { rules: { host?: string; http: unknown }[] };
    };
  const TLS_ANNOTATIONS = [
    "alb.ingress.kubernetes.io/certificate-arn",
    "alb.ingress.kubernetes.io/listen-ports",
    "alb.ingress.kubernetes.io/ssl-policy",
    "alb.ingress.kubernetes.io/ssl-redirect",
  ];
  const tlsOf = (a: Record<string, string>) =>
    Object.fromEntries(TLS_ANNOTATIONS.filter((k) => k in a).map((k) => [k, a[k]]));

  it("with a domain: listens on 80 and 443, redirects to HTTPS, serves the certificate for the host", () => {
    for (const env of ENVIRONMENTS) {
      const vars = sampleClusterInfo(env, "https");
      const i = ingress(env, "https");
      assert.deepEqual(tlsOf(i.metadata.annotations), {
        "alb.ingress.kubernetes.io/certificate-arn": vars.CERTIFICATE_ARN,
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP": 80}, {"HTTPS": 443}]',
        "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "alb.ingress.kubernetes.io/ssl-redirect": "443",
      });
      assert.deepEqual(
        JSON.parse(i.metadata.annotations["alb.ingress.kubernetes.io/listen-ports"]),
        [{ HTTP: 80 }, { HTTPS: 443 }],
      );
      assert.equal(i.spec.rules.length, 1);
      assert.equal(i.spec.rules[0].host, `front-end.${vars.APPS_DOMAIN}`);
    }
  });

  it("without a domain: port 80 only, no certificate, no host (the ALB answers any name)", () => {
    for (const env of ENVIRONMENTS) {
      const i = ingress(env, "http");
      assert.deepEqual(tlsOf(i.metadata.annotations), {
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP": 80}]',
      });
      assert.equal(i.spec.rules[0].host, undefined);
    }
  });

  it("changes only the Ingress between the modes, and keeps its backend", () => {
    for (const env of ENVIRONMENTS) {
      const others = (mode: Mode) => built.get(key(env, mode))!.filter((o) => o.kind !== "Ingress");
      assert.deepEqual(others("https"), others("http"));
      const rule = { ...ingress(env, "https").spec.rules[0] };
      delete rule.host;
      assert.deepEqual(rule, ingress(env, "http").spec.rules[0]);
    }
  });

  it("validates every object Flux applies, in both modes, against its schema and types", async () => {
    const errors: string[] = [];
    const objects: { label: string; object: KubeObject }[] = [];
    for (const [k, list] of built) {
      for (const o of list) {
        const error = await validationError(o);
        if (error !== undefined) errors.push(`${k} ${objectId(o)}: ${error}`);
        objects.push({ label: `${k} ${objectId(o)}`, object: o });
      }
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(typeCheckObjects(objects), []);
  });

  it("decrypts SOPS secrets in every application Kustomization, with the controller's identity", () => {
    for (const env of ENVIRONMENTS) {
      const ks = fluxObjects.get(key(env, "http"))!.filter((o) => o.kind === "Kustomization");
      assert.ok(ks.length > 0);
      for (const k of ks)
        assert.deepEqual(k.spec?.decryption, { provider: "sops" }, k.metadata.name);
    }
  });
});
