import * as assert from "node:assert/strict";
import { resolveSettings } from "../../stacks/resolve";
import type { RuntimeSettings } from "../../stacks/settings";
import { settingsInput as input, settingsProblems as problems } from "../helpers/settings";

/** What prod's profile leaves to its stack file (the API endpoint, HTTPS): chosen here. */
const PROD = { publicAccessCidrs: ["198.51.100.0/24"], domain: "example.com" };

describe("stacks: karpenter settings", () => {
  it("takes the profile's NodePool and overrides field by field", () => {
    const dev = resolveSettings(input("dev")) as RuntimeSettings;
    assert.deepEqual(dev.karpenter, { capacityType: "spot", cpuLimit: 8, memoryLimitGiB: 32 });
    const prod = resolveSettings(
      input("prod", { ...PROD, karpenter: { cpuLimit: 96 } }),
    ) as RuntimeSettings;
    assert.deepEqual(prod.karpenter, {
      capacityType: "on-demand",
      cpuLimit: 96,
      memoryLimitGiB: 192,
    });
  });

  it("refuses Spot where allowSpot is false, bad limits and unknown fields, all at once", () => {
    assert.deepEqual(
      problems("prod", {
        ...PROD,
        karpenter: { capacityType: "spot", cpuLimit: 0.5, memoryLimitGiB: "lots", maxNodes: 3 },
      }),
      [
        "gitops-platform:karpenter.maxNodes = 3: unknown field. Use capacityType, cpuLimit, memoryLimitGiB.",
        'gitops-platform:karpenter.capacityType = "spot": Spot capacity is not allowed in this environment (allowSpot is false). Use on-demand, or set allowSpot: true if interruptions are acceptable here.',
        "gitops-platform:karpenter.cpuLimit = 0.5: must be a whole number of vCPU from 2 to 1000. Set the most vCPU the NodePool may run, e.g. 16.",
        'gitops-platform:karpenter.memoryLimitGiB = "lots": must be a whole number of GiB from 8 to 4000. Set the most memory the NodePool may run, e.g. 64.',
      ],
    );
    assert.deepEqual(problems("dev", { karpenter: { capacityType: "SPOT" } }), [
      'gitops-platform:karpenter.capacityType = "SPOT": unknown capacity type. Use spot or on-demand.',
    ]);
    assert.deepEqual(problems("dev", { karpenter: [1] }), [
      "gitops-platform:karpenter = [1]: expected a map. Give capacityType, cpuLimit, memoryLimitGiB.",
    ]);
  });
});
