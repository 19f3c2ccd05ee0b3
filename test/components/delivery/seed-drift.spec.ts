/**
 * Edits of gitops/ that the create-only seed never applies: the pure message, and a run against
 * a recorded state, where the seed answers with its first outputs as the engine keeps them.
 */
import * as assert from "node:assert/strict";
import * as path from "path";
import { seedDriftWarning } from "../../../components/delivery/seed-files";
import { collectSeedFiles, fileDigests, seedDigest } from "../../../components/delivery/seed-files";
import { PROJECT_DIR } from "../../../harness/config";
import { fixtureRun, runFixture } from "../../helpers/stacks";
import { formatPlan } from "../../../harness/plan";

const SEED = "pulumi-nodejs:dynamic/codecommit:RepositorySeed";

describe("components/delivery: gitops/ edits the seed never applies", () => {
  const current = { digest: "new", files: { "a.yaml": "1", "b.yaml": "2", "c.yaml": "3" } };

  it("names changed, added and removed files and how to bring the change in", () => {
    assert.equal(
      seedDriftWarning("gitops/flux-repo", "flux-repo", current, {
        digest: "old",
        files: { "a.yaml": "1", "b.yaml": "old", "gone.yaml": "9" },
      }),
      "gitops/flux-repo differs from what was seeded into CodeCommit repository flux-repo (changed b.yaml; added c.yaml; removed gone.yaml). The seed is create-only: pulumi up never applies this. Commit the change to flux-repo (git clone codecommit::<region>://flux-repo, copy the files, push), or revert it in gitops/flux-repo.",
    );
    assert.equal(
      seedDriftWarning("gitops/flux-repo", "flux-repo", current, { digest: "new" }),
      undefined,
    );
    assert.match(
      seedDriftWarning("gitops/app-repo", "app-repo", current, { digest: "old" })!,
      /^gitops\/app-repo differs from what was seeded into CodeCommit repository app-repo \(its content changed\)/,
    );
  });

  it("a fresh plan has nothing to say; a plan against the recorded state names the edit", async () => {
    const fresh = await fixtureRun("shared");
    assert.deepEqual(
      fresh.warnings.filter((w) => w.includes("seeded")),
      [],
    );
    const files = collectSeedFiles(path.join(PROJECT_DIR, "gitops", "flux-repo"));
    const seeded = fileDigests(files);
    const first = files[0].path;
    seeded[first] = "digest-of-an-older-version";
    const seed = fresh.resources.find((r) => r.type === SEED && r.name.includes("flux-repo"))!;
    const state = {
      deployment: {
        resources: [
          {
            urn: seed.urn,
            type: SEED,
            outputs: {
              ...seed.inputs,
              digest: `${seedDigest(files)}-before`,
              fileDigests: seeded,
              commitId: "c0ffee",
              seeded: true,
            },
          },
        ],
      },
    };
    const run = await runFixture("shared", { state });
    const drift = run.warnings.filter((w) => w.includes("seeded"));
    assert.deepEqual(drift, [
      `gitops/flux-repo differs from what was seeded into CodeCommit repository flux-repo (changed ${first}). The seed is create-only: pulumi up never applies this. Commit the change to flux-repo (git clone codecommit::<region>://flux-repo, copy the files, push), or revert it in gitops/flux-repo.`,
    ]);
    assert.match(
      formatPlan(run),
      new RegExp(`\\nWarnings \\(\\d+\\):\\n(.*\\n)*  ! gitops/flux-repo differs`),
    );
  });
});
