/**
 * The other side of the refusals (refused/): the values next to each limit are accepted, and
 * partial node-group entries inherit what they leave out from the profile's group of that name.
 */
import * as assert from "node:assert/strict";
import { resolveSettings } from "../../stacks/resolve";
import type { RuntimeSettings } from "../../stacks/settings";
import { settingsInput } from "../helpers/settings";
import { runtimeProfile } from "../../stacks/profiles";

const runtime = (stack: string, config: Record<string, unknown>, region = "us-east-1") =>
  resolveSettings(settingsInput(stack, config, region)) as RuntimeSettings;

describe("stacks: values at the limits are accepted", () => {
  it("44 extra tags (50 with the program's 4 and a subnet's 2)", () => {
    const tags = Object.fromEntries(Array.from({ length: 44 }, (_, i) => [`t${i}`, "x"]));
    assert.equal(Object.keys(runtime("dev", { tags }).tags).length, 48);
  });

  it("tag keys and values of 128 and 256 characters, with spaces and the allowed signs", () => {
    const key = "k".repeat(128);
    const s = runtime("dev", {
      tags: { [key]: "v".repeat(256), "cost center": "a+b=c/d@e:f_g.h-i" },
    });
    assert.equal(s.tags[key].length, 256);
    assert.equal(s.tags["cost center"], "a+b=c/d@e:f_g.h-i");
  });

  it("as many zones as EKS can use: 5 in us-east-1, 2 in us-west-1, 3 in eu-west-1", () => {
    assert.equal(runtime("dev", { availabilityZones: 5 }).network.availabilityZones, 5);
    assert.equal(
      runtime("dev", { availabilityZones: 2 }, "us-west-1").network.availabilityZones,
      2,
    );
    assert.equal(runtime("dev", {}, "eu-west-1").network.availabilityZones, 3);
  });

  it("/27 subnets (the smallest an ALB takes) and Flux's ms/s/m/h durations", () => {
    const s = runtime("dev", {
      vpcCidr: "10.10.0.0/24",
      privateSubnetPrefix: 27,
      publicSubnetPrefix: 27,
      fluxIntervals: {
        source: "1h30m",
        kustomization: "90s",
        imageScan: "1.5m",
        imageAutomation: "500ms",
      },
    });
    assert.equal(s.network.privateSubnetPrefix, 27);
    assert.equal(s.flux.intervals.imageAutomation, "500ms");
  });

  it("Kubernetes at the pinned Flux's minimum", () => {
    assert.equal(runtime("dev", { kubernetesVersion: "1.33" }).cluster.kubernetesVersion, "1.33");
  });

  it("Graviton-only groups, valid labels and taints, a tainted group next to an untainted one", () => {
    const s = runtime("staging", {
      nodeGroups: [
        { name: "general" },
        {
          name: "arm",
          instanceTypes: ["m7g.large", "c7g.large"],
          capacityType: "ON_DEMAND",
          minSize: 0,
          desiredSize: 0,
          maxSize: 2,
          labels: { "example.com/role": "batch", "node.kubernetes.io/pool": "arm" },
          taints: [{ key: "example.com/batch", value: "true", effect: "NO_SCHEDULE" }],
        },
      ],
    });
    assert.deepEqual(s.cluster.nodeGroups[1].taints, [
      { key: "example.com/batch", value: "true", effect: "NO_SCHEDULE" },
    ]);
  });
});

describe("stacks: partial node-group entries", () => {
  it("inherit every field they leave out from the profile's group of the same name", () => {
    const dev = runtimeProfile("dev").nodeGroups[0];
    const s = runtime("dev", { nodeGroups: [{ name: "general", maxSize: 5 }] });
    // The case: dev's group stays Spot instead of silently turning On-Demand.
    assert.deepEqual(s.cluster.nodeGroups, [{ ...dev, maxSize: 5, taints: [] }]);
  });

  it("a new group given every required field gets the profile's disk and no labels or taints", () => {
    const s = runtime("dev", {
      nodeGroups: [
        { name: "general" },
        {
          name: "batch",
          instanceTypes: ["m5.large"],
          capacityType: "SPOT",
          minSize: 0,
          desiredSize: 1,
          maxSize: 4,
        },
      ],
    });
    assert.deepEqual(s.cluster.nodeGroups[1], {
      name: "batch",
      instanceTypes: ["m5.large"],
      capacityType: "SPOT",
      minSize: 0,
      desiredSize: 1,
      maxSize: 4,
      diskSizeGiB: runtimeProfile("dev").nodeGroups[0].diskSizeGiB,
      labels: {},
      taints: [],
    });
  });
});
