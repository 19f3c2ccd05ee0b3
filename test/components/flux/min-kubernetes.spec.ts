import * as assert from "node:assert/strict";
import {
  FLUX_CHART_RELEASES,
  FLUX_MIN_KUBERNETES,
  minKubernetesForFlux,
} from "../../../components/flux";
import { EKS_KUBERNETES_VERSIONS } from "../../../components/cluster";

describe("components/flux: the oldest Kubernetes each Flux runs on", () => {
  it("has a row for the Flux of every chart the program knows", () => {
    for (const [chart, flux] of Object.entries(FLUX_CHART_RELEASES))
      assert.ok(minKubernetesForFlux(flux), `chart ${chart} (Flux ${flux}) has no minimum`);
  });

  it("follows flux check --pre per minor, by patch too", () => {
    assert.deepEqual(FLUX_MIN_KUBERNETES, {
      "2.6": "1.31",
      "2.7": "1.32",
      "2.8": "1.33",
      "2.9": "1.33",
    });
    assert.equal(minKubernetesForFlux("2.9.5"), "1.33");
    assert.equal(minKubernetesForFlux("3.0.0"), undefined);
  });

  it("the newest EKS version runs every known Flux", () => {
    const newest = Object.keys(EKS_KUBERNETES_VERSIONS).sort().pop()!;
    for (const min of Object.values(FLUX_MIN_KUBERNETES))
      assert.ok(Number(newest.split(".")[1]) >= Number(min.split(".")[1]), `${newest} >= ${min}`);
  });
});
