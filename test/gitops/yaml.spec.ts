import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ENVIRONMENTS,
  SERVICES,
  FLUX_REPO,
  GITOPS_DIR,
  MICROSERVICES_REPO,
  filesUnder,
  kustomizationDirs,
  parseYamlStream,
  readYamlFile,
} from "./helpers";

const YAML_EXTENSIONS = [".yaml", ".yml"];

interface KustomizeFile {
  resources?: string[];
  patches?: { path?: string; patch?: string }[];
  [key: string]: unknown;
}

/** Files a kustomization.yaml pulls in: its resources that are files, and its patch files. */
function referencedFiles(kustomizationFile: string): string[] {
  const [k] = readYamlFile(kustomizationFile) as [KustomizeFile];
  const dir = path.dirname(kustomizationFile);
  const refs = [...(k.resources ?? []), ...(k.patches ?? []).flatMap((p) => p.path ?? [])];
  return refs.map((r) => path.resolve(dir, r)).filter((f) => fs.statSync(f).isFile());
}

describe("gitops/ YAML", () => {
  it("parses every YAML document under gitops/ without errors or warnings", () => {
    const files = filesUnder(GITOPS_DIR, YAML_EXTENSIONS);
    assert.ok(files.length >= 30, `only ${files.length} YAML files found`);
    let documents = 0;
    for (const file of files) {
      const docs = readYamlFile(file);
      assert.ok(
        docs.every((d) => d !== null && typeof d === "object"),
        `${file}: empty document`,
      );
      documents += docs.length;
    }
    assert.ok(documents > files.length, "multi-document files are parsed as several documents");
  });

  it("reports a broken document with its file and position", () => {
    assert.throws(
      () => parseYamlStream("a: 1\n---\nb: [1, 2\n", "x.yaml"),
      /^Error: x\.yaml document 2: /,
    );
    assert.throws(
      () => parseYamlStream("a: 1\na: 2\n", "dup.yaml"),
      /dup\.yaml document 1: Map keys must be unique/,
    );
  });

  it("has a kustomization.yaml in exactly the expected directories", () => {
    const perEnvironment = (prefix: string) => ENVIRONMENTS.map((env) => `${prefix}/${env}`);
    assert.deepEqual(
      kustomizationDirs(FLUX_REPO),
      [
        "apps/base",
        ...perEnvironment("apps"),
        ...perEnvironment("clusters"),
        "infrastructure/configs",
        "infrastructure/controllers",
        "infrastructure/nodepools",
        "infrastructure/dns",
        "infrastructure/notifications",
        "infrastructure/receivers",
      ].sort(),
    );
    assert.deepEqual(
      kustomizationDirs(MICROSERVICES_REPO),
      [
        "components/ingress-http",
        "components/ingress-https",
        ...SERVICES.flatMap((s) => [
          `base/${s}`,
          ...ENVIRONMENTS.map((env) => `overlays/${env}/${s}`),
        ]),
      ].sort(),
    );
  });

  it("leaves no YAML file unreferenced: each is a kustomization.yaml, a resource or a patch", () => {
    for (const repo of [FLUX_REPO, MICROSERVICES_REPO]) {
      const files = filesUnder(repo, YAML_EXTENSIONS);
      const kustomizations = files.filter((f) => path.basename(f) === "kustomization.yaml");
      const referenced = new Set(kustomizations.flatMap(referencedFiles));
      // SOPS's own configuration is read by `sops`, not applied (sops.spec.ts checks it).
      const tools = files.filter((f) => path.basename(f) === ".sops.yaml");
      const orphans = files.filter(
        (f) => !kustomizations.includes(f) && !referenced.has(f) && !tools.includes(f),
      );
      assert.deepEqual(orphans, [], `${path.basename(repo)}: files no kustomization uses`);
    }
  });
});
