import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { ecrRepository, parseImageReference, pinKustomization } from "../../promotion/src/images";
import { findKubectl, kustomizeBuildAll } from "../gitops/helpers";
import { REGISTRY, shippedFiles, STAGES } from "./rig";

const D = `sha256:${"a".repeat(64)}`;

describe("promotion: image references and pins", () => {
  it("parses name, tag and digest; refuses what is not a reference", () => {
    const rows: [string, ReturnType<typeof parseImageReference>][] = [
      [
        `${REGISTRY}/catalogue:main-1a2b3c4-7`,
        { name: `${REGISTRY}/catalogue`, tag: "main-1a2b3c4-7" },
      ],
      [
        `${REGISTRY}/catalogue:main-1a2b3c4-7@${D}`,
        { name: `${REGISTRY}/catalogue`, tag: "main-1a2b3c4-7", digest: D },
      ],
      [`${REGISTRY}/team/catalogue@${D}`, { name: `${REGISTRY}/team/catalogue`, digest: D }],
      ["localhost:5000/x:1", { name: "localhost:5000/x", tag: "1" }],
      ["catalogue", { name: "catalogue" }],
      ["Catalogue:1", undefined],
      ["catalogue:", undefined],
      [`catalogue@sha256:abc`, undefined],
      [`catalogue:1@${D}@${D}`, undefined],
      ["catalogue:-bad", undefined],
    ];
    for (const [ref, want] of rows) assert.deepEqual(parseImageReference(ref), want, ref);
    assert.equal(ecrRepository(`${REGISTRY}/team/catalogue`, REGISTRY), "team/catalogue");
    assert.equal(ecrRepository("docker.io/library/nginx", REGISTRY), undefined);
  });

  it("pins tag and digest in place, keeping comments and other fields, and reports mismatches", () => {
    const text = [
      "# staging overlay",
      "images:",
      "  - name: catalogue",
      "    newName: ${ECR_REGISTRY}/catalogue",
      "    newTag: main-0000000-0 # placeholder",
      "  - name: sidecar",
      "    newName: ${ECR_REGISTRY}/sidecar",
      "    newTag: '1'",
      "",
    ].join("\n");
    const out = pinKustomization(
      text,
      [
        { name: `${REGISTRY}/catalogue`, tag: "1234", digest: D },
        { name: `${REGISTRY}/other`, tag: "x", digest: D },
      ],
      { ECR_REGISTRY: REGISTRY },
    );
    assert.deepEqual(out.unpinned, [`${REGISTRY}/sidecar`]);
    assert.deepEqual(out.unused, [`${REGISTRY}/other`]);
    assert.ok(out.text.startsWith("# staging overlay\n"));
    assert.ok(out.text.includes(`newTag: "1234" # placeholder`), out.text);
    assert.deepEqual((parse(out.text) as { images: unknown[] }).images[0], {
      name: "catalogue",
      newName: "${ECR_REGISTRY}/catalogue",
      newTag: "1234",
      digest: D,
    });
  });

  it("kustomize builds a pinned overlay of every later stage into <name>:<tag>@<digest>", async function () {
    const kubectl = findKubectl();
    if (!kubectl) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "promotion-pin-"));
    for (const [p, text] of Object.entries(shippedFiles())) {
      fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), text);
    }
    const dirs: string[] = [];
    for (const stage of STAGES.slice(1)) {
      for (const service of fs.readdirSync(path.join(dir, "overlays", stage.environment))) {
        const file = path.join(dir, "overlays", stage.environment, service, "kustomization.yaml");
        const pinned = pinKustomization(
          fs.readFileSync(file, "utf8"),
          [{ name: `\${ECR_REGISTRY}/${service}`, tag: "main-1a2b3c4-7", digest: D }],
          {},
        );
        fs.writeFileSync(file, pinned.text);
        dirs.push(path.dirname(file));
      }
    }
    const built = await kustomizeBuildAll(kubectl, dirs);
    for (const [d, out] of built) {
      if (out instanceof Error) throw out;
      const service = path.basename(d);
      assert.ok(
        out.includes(`image: \${ECR_REGISTRY}/${service}:main-1a2b3c4-7@${D}`),
        `${d}:\n${out}`,
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
