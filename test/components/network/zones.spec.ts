import * as assert from "node:assert/strict";
import {
  chooseZones,
  eksZoneIds,
  EKS_UNSUPPORTED_ZONE_IDS,
  REGION_ZONE_IDS,
} from "../../../components/network";

describe("components/network: availability zones", () => {
  it("AZ IDs follow AWS's scheme (region letters, number, -az, number), unique per region", () => {
    for (const [region, ids] of Object.entries(REGION_ZONE_IDS)) {
      const [area, direction, n] = region.split("-");
      const letters = `${area}${direction.replace(/^(north|south)(east|west)$/, (_, a, b) => a[0] + b[0]).replace(/^(east|west|north|south|central)$/, (d) => d[0])}`;
      for (const id of ids)
        assert.match(id, new RegExp(`^${letters}${n}-az\\d$`), `${region}: ${id}`);
      assert.equal(new Set(ids).size, ids.length, region);
      assert.ok(ids.length >= 3, `${region} has at least 3 zones`);
    }
  });

  it("every zone EKS refuses belongs to a listed region", () => {
    for (const id of EKS_UNSUPPORTED_ZONE_IDS)
      assert.ok(
        Object.values(REGION_ZONE_IDS).some((ids) => ids.includes(id)),
        id,
      );
    assert.deepEqual(eksZoneIds("us-east-1"), [
      "use1-az1",
      "use1-az2",
      "use1-az4",
      "use1-az5",
      "use1-az6",
    ]);
    assert.equal(eksZoneIds("eu-west-9"), undefined);
  });

  it("chooses the account's first zones EKS accepts, skipping use1-az3 wherever the account maps it", () => {
    const zones = {
      names: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"],
      zoneIds: ["use1-az6", "use1-az3", "use1-az1", "use1-az2"],
    };
    assert.deepEqual(chooseZones(zones, 3, "us-east-1"), [
      "us-east-1a",
      "us-east-1c",
      "us-east-1d",
    ]);
  });

  it("says how many zones the account has when there are too few", () => {
    const zones = { names: ["us-west-1a", "us-west-1c"], zoneIds: ["usw1-az1", "usw1-az3"] };
    assert.equal(
      chooseZones(zones, 3, "us-west-1"),
      "gitops-platform:availabilityZones = 3: this AWS account has 2 availability zones in us-west-1 where EKS can place a cluster (it lists us-west-1a (usw1-az1), us-west-1c (usw1-az3)). Set gitops-platform:availabilityZones to 2 or fewer, or use another region.",
    );
    const old = { names: ["us-west-1a", "us-west-1b"], zoneIds: ["usw1-az1", "usw1-az2"] };
    assert.equal(
      chooseZones(old, 2, "us-west-1"),
      "gitops-platform:availabilityZones = 2: this AWS account has 1 availability zone in us-west-1 where EKS can place a cluster (it lists us-west-1a (usw1-az1), us-west-1b (usw1-az2); EKS refuses usw1-az2). Use another region: EKS needs two.",
    );
  });
});
