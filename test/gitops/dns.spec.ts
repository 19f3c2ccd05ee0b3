import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EXTERNAL_DNS_SERVICE_ACCOUNT } from "../../components/domain";
import { IRSA_ANNOTATION } from "../../components/flux/values";
import {
  ENVIRONMENTS,
  FLUX_REPO,
  byName,
  fluxRepoObjects,
  sampleClusterInfo,
  substitutedObjects,
  type KubeObject,
} from "./helpers";
// Key paths of charts/external-dns/values.yaml at chart 1.21.1, with the schema's enums and the
// flags set through extraArgs; see the fixture's `source` and `note`.
import chart from "./fixtures/external-dns-1.21.1-values-keys.json";

/** Every leaf path of a values object (lists, scalars and `{}` are leaves). */
function leafPaths(value: unknown, prefix: string[] = []): string[] {
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix.join(".")];
}

const release = () =>
  byName(fluxRepoObjects("infrastructure/dns/external-dns.yaml"), "HelmRelease", "external-dns");

describe("gitops/flux-repo: external-dns (infrastructure/dns)", () => {
  it("runs only where the stack has a domain: infrastructure-dns is suspended elsewhere", () => {
    for (const env of ENVIRONMENTS) {
      const text = fs.readFileSync(path.join(FLUX_REPO, "clusters", env, "dns.yaml"), "utf8");
      const suspend = (mode: "http" | "https") => {
        const [k] = substitutedObjects(text, sampleClusterInfo(env, mode), `clusters/${env}`);
        return k.spec?.suspend;
      };
      assert.equal(suspend("http"), true, env);
      assert.equal(suspend("https"), false, env);
      const [k] = fluxRepoObjects(`clusters/${env}/dns.yaml`);
      assert.deepEqual(
        { name: k.metadata.name, path: k.spec?.path, sourceRef: k.spec?.sourceRef },
        {
          name: "infrastructure-dns",
          path: "./infrastructure/dns",
          sourceRef: { kind: "GitRepository", name: "flux-system" },
        },
      );
      assert.ok(fs.existsSync(path.join(FLUX_REPO, "infrastructure/dns/kustomization.yaml")));
    }
  });

  it("pins the chart whose values it was checked against", () => {
    const spec = release().spec as { chart: { spec: { chart: string; version: string } } };
    assert.deepEqual(
      { chart: spec.chart.spec.chart, version: spec.chart.spec.version },
      { chart: chart.chart, version: chart.version },
    );
  });

  it("sets only values the chart defines, with values its schema and flags accept", () => {
    const values = (release().spec as { values: Record<string, any> }).values;
    const keys = new Set(chart.keys);
    const unknown = leafPaths(values).filter(
      (p) => !keys.has(p) && !chart.openMaps.some((m) => p.startsWith(`${m}.`)),
    );
    assert.deepEqual(unknown, []);
    assert.ok(chart.enums.policy.includes(values.policy));
    assert.ok(chart.enums.registry.includes(values.registry));
    const flags = chart.flags as Record<string, { kind: string; values?: string[] }>;
    for (const [flag, value] of Object.entries(values.extraArgs as Record<string, unknown>)) {
      const spec = flags[flag];
      assert.ok(spec, `--${flag} is not a flag the fixture knows`);
      if (spec.kind === "bool") assert.equal(typeof value, "boolean", flag);
      if (spec.kind === "enum") assert.ok(spec.values!.includes(String(value)), flag);
      if (spec.kind === "strings") assert.equal(typeof value, "string", flag);
    }
  });

  it("uses the service account of the IRSA role, and only this cluster's zone, domain and records", () => {
    const r = release();
    assert.equal(r.metadata.namespace, EXTERNAL_DNS_SERVICE_ACCOUNT.namespace);
    const values = r.spec?.values as Record<string, any>;
    assert.deepEqual(values.serviceAccount, {
      create: true,
      name: EXTERNAL_DNS_SERVICE_ACCOUNT.name,
      annotations: { [IRSA_ANNOTATION]: "${EXTERNAL_DNS_ROLE_ARN}" },
    });
    const vars = sampleClusterInfo("prod", "https");
    const [applied] = substitutedObjects(
      fs.readFileSync(path.join(FLUX_REPO, "infrastructure/dns/external-dns.yaml"), "utf8"),
      vars,
      "infrastructure/dns",
    ).filter((o: KubeObject) => o.kind === "HelmRelease");
    const v = applied.spec?.values as Record<string, any>;
    assert.deepEqual(
      {
        sources: v.sources,
        policy: v.policy,
        txtOwnerId: v.txtOwnerId,
        domainFilters: v.domainFilters,
        extraArgs: v.extraArgs,
        env: v.env,
      },
      {
        sources: ["ingress"],
        policy: "sync",
        txtOwnerId: vars.CLUSTER_NAME,
        domainFilters: [vars.APPS_DOMAIN],
        extraArgs: {
          "zone-id-filter": vars.HOSTED_ZONE_ID,
          "aws-zone-type": "public",
          "aws-zone-match-parent": true,
        },
        env: [{ name: "AWS_DEFAULT_REGION", value: vars.AWS_REGION }],
      },
    );
  });
});
