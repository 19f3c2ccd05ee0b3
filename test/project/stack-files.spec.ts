/**
 * The one test of the project's own stack files (every other test uses test/fixtures/stacks):
 * whatever stacks the user has, each plans, each environment has its GitOps content, and the
 * delivery stacks' services have theirs.
 */
import * as assert from "node:assert/strict";
import * as path from "path";
import { PROJECT_DIR, stackNames } from "../../harness/config";
import { runStack } from "../../harness/run";
import { servicesProblems } from "../../harness/services";
import { stackSettings } from "../../harness/settings";
import { projectClashes } from "../../scripts/plan";
import { environmentContentFolders, missingContentFolders } from "../../components/flux";

const GITOPS = path.join(PROJECT_DIR, "gitops");

describe("the project's own stack files (Pulumi.<stack>.yaml)", () => {
  const stacks = stackNames();

  it("exist", () => assert.ok(stacks.length > 0, "no Pulumi.<stack>.yaml in the project"));

  it("do not collide in one account (names, clusters, repositories, Deployments)", () => {
    assert.deepEqual(projectClashes(PROJECT_DIR), []);
  });

  for (const stack of stacks) {
    it(`Pulumi.${stack}.yaml plans, and an environment has its GitOps folders`, async () => {
      const settings = stackSettings(stack);
      if (settings.plane === "runtime") {
        const missing = missingContentFolders(settings.environment, GITOPS);
        assert.deepEqual(
          missing,
          [],
          `Pulumi.${stack}.yaml: environment '${settings.environment}' has no ` +
            `${missing.map((f) => `gitops/${f}`).join(", ")}: copy them from an environment of ` +
            `profile ${settings.profile} (README, "Adding an environment").`,
        );
      }
      const run = await runStack(stack);
      assert.ok(run.resources.length > 1, `${stack} declares resources`);
    });
  }

  it("list services whose GitOps files exist, and no service's files lack an entry", () => {
    // Each problem names what is missing and the command that fixes it (npm run add-service).
    assert.deepEqual(servicesProblems(PROJECT_DIR, GITOPS), []);
  });
});

describe("components/flux: environmentContentFolders", () => {
  it("names the entry point, the applications and the overlay of an environment", () => {
    assert.deepEqual(environmentContentFolders("qa"), [
      "flux-repo/clusters/qa",
      "flux-repo/apps/qa",
      "microservices-repo/overlays/qa",
    ]);
    assert.deepEqual(missingContentFolders("no-such-env", GITOPS), [
      "flux-repo/clusters/no-such-env",
      "flux-repo/apps/no-such-env",
      "microservices-repo/overlays/no-such-env",
    ]);
  });
});
