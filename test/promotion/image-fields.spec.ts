/**
 * A promotion carries only images its pins rewrite: an `image:` that kustomize's `images:` does
 * not list (set in base/<service> or in a later stage's overlay on the default branch) refuses the
 * promotion, naming the file; the shipped content passes.
 */
import * as assert from "node:assert/strict";
import {
  imageFields,
  kustomizationImageNames,
  unpinnedImageFields,
} from "../../promotion/src/image-fields";
import { handleStatusChange } from "../../promotion/src/promote";
import { SERVICES } from "../gitops/helpers";
import { build, CONFIG, FIRST, rig, STAGES, statusEvent } from "./rig";

const [SERVICE] = SERVICES;
const SECOND = STAGES[1].environment;

describe("promotion: images the pins do not rewrite", () => {
  it("finds image fields at any depth, in every document; the kustomization's names", () => {
    const text = "spec:\n  containers:\n    - image: a\n---\ninitContainers:\n  - image: b\n";
    assert.deepEqual(imageFields(text), ["a", "b"]);
    assert.deepEqual(kustomizationImageNames("images:\n  - name: a\n    newTag: t\n"), ["a"]);
    assert.deepEqual(unpinnedImageFields(new Map([["base/x/deployment.yaml", text]]), ["a"]), [
      "base/x/deployment.yaml: image b",
    ]);
  });

  it("a later stage's overlay on the default branch that swaps the image refuses the promotion", async () => {
    const r = rig();
    const patch = `overlays/${SECOND}/${SERVICE}/deployment-patch.yaml`;
    r.repo.push(
      CONFIG.defaultBranch,
      (tree) =>
        tree.set(
          patch,
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${SERVICE}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${SERVICE}\n          image: registry.example/evil:1\n`,
        ),
      "swap the image",
    );
    const b = build(r, SERVICE, "1a2b3c4", 7);
    const outcome = await handleStatusChange(
      statusEvent(r, {
        environment: FIRST,
        service: SERVICE,
        commitId: b.commitId,
        status: "succeeded",
        statusSince: "2026-12-02T09:00:00Z",
      }),
      r.ports,
      CONFIG,
    );
    assert.equal(outcome.action, "refused");
    assert.match(String(outcome.reason), new RegExp(`${patch}: image registry.example/evil:1`));
    assert.deepEqual(await r.repo.openPullRequests(), []);
  });
});
