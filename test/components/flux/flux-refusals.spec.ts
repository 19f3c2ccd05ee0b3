import * as assert from "node:assert/strict";
import { FluxSettingsError } from "../../../components/flux/flux";
import { FluxValuesError } from "../../../components/flux/values";
import { byName, names, runFlux } from "./run-flux";

describe("components/flux: refusals and environments", () => {
  it("refuses gitAuth aws-provider on a chart without provider aws", async () => {
    await assert.rejects(
      runFlux({}, (f) => ({ ...f, chartVersion: "2.18.3" })),
      new FluxSettingsError(
        "flux gitAuth aws-provider needs Flux >= 2.9 (GitRepository provider aws); chart 2.18.3 " +
          "ships Flux 2.8.5. Use https-credential.",
      ),
    );
  });

  it("refuses the legacy ECR flag on the default chart, before any resource", async () => {
    await assert.rejects(
      runFlux({}, (f) => ({ ...f, legacyEcrAutologin: true })),
      (e: unknown) =>
        e instanceof FluxValuesError && e.message.startsWith("legacyEcrAutologin: Flux 2.9.5"),
    );
  });

  it("without image automation (staging, prod) no role may push", async () => {
    const run = await runFlux({ fluxImageAutomation: false });
    assert.deepEqual(names(run, "aws:iam/role:Role").sort(), [
      "flux-image-reflector-controller",
      "flux-source-controller",
    ]);
    const values = byName(run, "kubernetes:helm.sh/v3:Release", "flux-release").inputs.values;
    assert.equal(values.imageAutomationController.create, true);
    assert.equal(values.imageAutomationController.serviceAccount, undefined);
  });
});
