import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLUSTER_INFO_KEYS, CLUSTER_INFO_NAME } from "../../components/flux/cluster-info";
import {
  FLUX_REPO,
  MICROSERVICES_REPO,
  VARIABLE_NAME,
  filesUnder,
  readYamlFile,
  sourceObjects,
  stringLeaves,
  substitute,
  variableExpressions,
  ENVIRONMENTS,
  SERVICES,
} from "./helpers";

/** Every `${...}` in the values (not comments) of every YAML file of both repositories. */
const uses = [FLUX_REPO, MICROSERVICES_REPO].flatMap((repo) =>
  filesUnder(repo, [".yaml"]).flatMap((file) =>
    readYamlFile(file).flatMap((doc) =>
      stringLeaves(doc).flatMap((leaf) =>
        variableExpressions(leaf.value).map((expr) => ({
          where: `${path.relative(repo, file)} ${leaf.path}`,
          expr,
        })),
      ),
    ),
  ),
);
const KEYS = Object.keys(CLUSTER_INFO_KEYS).sort();

describe("gitops/ variables (Flux post-build substitution from cluster-info)", () => {
  it("uses only plain ${NAME} references, each a key of cluster-info", () => {
    assert.ok(uses.length >= 10, `only ${uses.length} references found`);
    const bad = uses.filter((u) => !VARIABLE_NAME.test(u.expr) || !KEYS.includes(u.expr));
    assert.deepEqual(bad, []);
  });

  it("leaves exactly these cluster-info keys unused in gitops/ (used by Pulumi or not at all)", () => {
    const used = new Set(uses.map((u) => u.expr));
    // FLUX_REPO_URL and GIT_BRANCH feed Pulumi's bootstrap GitRepository (microservices-repo's
    // branch is APPS_BRANCH, the environment's promotion stage); AWS_ACCOUNT_ID would need the
    // ${quote} recipe (an all-digit value turns into a number after substitution). The Flux
    // settings' keys (intervals, IMAGE_AUTOMATION_SUSPEND) are all used.
    assert.deepEqual(
      KEYS.filter((k) => !used.has(k)),
      ["AWS_ACCOUNT_ID", "FLUX_REPO_URL", "GIT_BRANCH"],
    );
  });

  it("documents every cluster-info key in flux-repo's README", () => {
    const readme = fs.readFileSync(path.join(FLUX_REPO, "README.md"), "utf8");
    assert.deepEqual(
      KEYS.filter((k) => !readme.includes(`| \`${k}\``)),
      [],
    );
  });

  it("substitutes from cluster-info in every Flux Kustomization", () => {
    const kustomizations = sourceObjects(FLUX_REPO).filter(
      (o) => o.object.apiVersion === "kustomize.toolkit.fluxcd.io/v1",
    );
    // 5 per cluster entry point (with infrastructure-dns and -receivers) + one per service.
    assert.equal(kustomizations.length, 5 * ENVIRONMENTS.length + SERVICES.length);
    for (const { file, object } of kustomizations) {
      assert.deepEqual(
        object.spec?.postBuild,
        { substituteFrom: [{ kind: "ConfigMap", name: CLUSTER_INFO_NAME }] },
        `${file} ${object.metadata.name}`,
      );
    }
  });

  it("emulates strict Flux: names replaced, unknown names fail, `$name` kept, other forms refused", () => {
    assert.equal(substitute("a: ${X}/y ${Y}", { X: "1", Y: "" }), "a: 1/y ");
    assert.throws(
      () => substitute("a: ${X}/y ${Y}", { X: "1" }),
      new Error('variable not set (strict mode): "Y"'),
    );
    // The Go template's variables and the ImagePolicy's `$build` are text to envsubst.
    assert.equal(
      substitute("{{ range $i, $c := .Changed.Changes }}{{ $c.NewValue }}", {}),
      "{{ range $i, $c := .Changed.Changes }}{{ $c.NewValue }}",
    );
    assert.equal(
      substitute("extract: $build, {7}, $${X}", { X: "1" }),
      "extract: $build, {7}, $${X}",
    );
    assert.throws(() => substitute("${X:=d}", {}), /unsupported expression \$\{X:=d\}/);
    assert.deepEqual(variableExpressions("${A} $B $${C} ${D:=x}"), ["A", "D:=x"]);
  });
});
