import { KARPENTER_INSTANCE_TYPES } from "../../../components/autoscaling";
import * as assert from "node:assert/strict";
import {
  EC2_ON_DEMAND_USD_PER_HOUR,
  estimateMonthlyCost,
  type CostLine,
} from "../../../components/cost";
import { stackSettings as settingsIn } from "../../../harness/settings";
import { FIXTURE_STACKS } from "../../helpers/stacks";
import { runtimeProfile } from "../../../stacks/profiles";
import {
  RUNTIME_PROFILES,
  type DeliverySettings,
  type NodeGroupSettings,
  type RuntimeSettings,
} from "../../../stacks/settings";

/** A fixture stack's settings. */
const stackSettings = (stack: string) => settingsIn(stack, FIXTURE_STACKS);

/** The date the README table is computed at (the README says so). */
const README_DATE = new Date("2026-11-23T12:00:00Z");

const runtime = (stack: string) => stackSettings(stack) as RuntimeSettings;

function withNetwork(s: RuntimeSettings, n: Partial<RuntimeSettings["network"]>): RuntimeSettings {
  return { ...s, network: { ...s.network, ...n } };
}

function withCluster(s: RuntimeSettings, c: Partial<RuntimeSettings["cluster"]>): RuntimeSettings {
  return { ...s, cluster: { ...s.cluster, ...c } };
}

function withGroup(s: RuntimeSettings, g: Partial<NodeGroupSettings>): RuntimeSettings {
  return withCluster(s, { nodeGroups: [{ ...s.cluster.nodeGroups[0], ...g }] });
}

const find = (lines: readonly CostLine[], prefix: string): CostLine => {
  const found = lines.find((l) => l.item.startsWith(prefix));
  assert.ok(found, `a line starting with ${prefix}`);
  return found;
};

describe("components/cost: estimateMonthlyCost", () => {
  let dev: RuntimeSettings;
  let prod: RuntimeSettings;
  let shared: DeliverySettings;
  before(() => {
    dev = runtime("dev");
    prod = runtime("prod");
    shared = stackSettings("shared") as DeliverySettings;
  });

  it("prices dev: one NAT gateway, Spot nodes as variable, their disks and the KMS keys", () => {
    const cost = estimateMonthlyCost(dev, README_DATE);
    assert.deepEqual(cost.lines, [
      {
        item: "EKS control plane (Kubernetes 1.36, standard support)",
        quantity: 1,
        unitUsd: 73,
        monthlyUsd: 73,
        note: "$0.10 per cluster-hour until 2027-08-02",
      },
      {
        item: "NAT gateways (Single, 3 AZs)",
        quantity: 1,
        unitUsd: 32.85,
        monthlyUsd: 32.85,
        note: "$0.045 per gateway-hour",
      },
      {
        item: "Public IPv4 addresses (NAT gateway Elastic IPs)",
        quantity: 1,
        unitUsd: 3.65,
        monthlyUsd: 3.65,
        note: "$0.005 per address-hour",
      },
      {
        item: "NAT gateway data processing",
        quantity: 0,
        unitUsd: 0.045,
        monthlyUsd: 0,
        note: "usage: $0.045 per GB processed",
      },
      {
        item: "Node group 'general': 2 × t3.large (Spot)",
        quantity: 2,
        unitUsd: 0,
        monthlyUsd: 0,
        note:
          "variable: Spot prices move with supply and demand, up to 90% below On-Demand " +
          "(https://aws.amazon.com/ec2/spot/pricing/); at most $121.47 at On-Demand $0.0832/hour",
      },
      {
        item: "Node group 'general': EBS root volumes (2 × 30 GiB)",
        quantity: 60,
        unitUsd: 0.08,
        monthlyUsd: 4.8,
        note: "$0.08 per GB-month (gp3), a fixed price even on Spot nodes",
      },
      {
        item: "KMS keys (Kubernetes secrets encryption, SOPS secrets in git)",
        quantity: 2,
        unitUsd: 1,
        monthlyUsd: 2,
        note: "$1 per key-month; rotation is on: +$1 after each of the first two yearly rotations",
      },
      {
        item: "Volume KMS key (EBS volumes of the default StorageClass)",
        quantity: 1,
        unitUsd: 1,
        monthlyUsd: 1,
        note: "$1 per key-month; rotation is on, as above",
      },
      {
        item: "CloudWatch Logs (control plane)",
        quantity: 0,
        unitUsd: 0.5,
        monthlyUsd: 0,
        note: "usage: about $0.50 per GB ingested plus storage, https://aws.amazon.com/cloudwatch/pricing/",
      },
      // Receivers on (the profile's default): the relay's internal NLB, 730 h × $0.0225.
      {
        item: "Network Load Balancer (Flux receiver relay, internal)",
        quantity: 1,
        unitUsd: 16.425,
        monthlyUsd: 16.43,
        note: "$0.0225 per NLB-hour",
      },
      {
        item: "NLB capacity units, relay Lambda and EventBridge rules",
        quantity: 0,
        unitUsd: 0.006,
        monthlyUsd: 0,
        note: "usage: $0.006 per NLCU-hour; Lambda per request; AWS service events on the default bus are free",
      },
      {
        // The dev NodePool: 8 vCPU / 32 GiB; the dearest fill is 4 m5.large ($0.096/hour, 2 vCPU /
        // 8 GiB): 4 × (70.08 + 30 GiB × $0.08) = $289.92.
        item: "Karpenter nodes (Spot, limits 8 vCPU / 32 GiB)",
        quantity: 0,
        unitUsd: 0,
        monthlyUsd: 0,
        note:
          "variable: only while pods need them; the NodePool limits allow at most $289.92 a month " +
          "(4 × m5.large at On-Demand $0.096/hour, with 30 GiB gp3 root volumes)",
      },
    ]);
    assert.equal(cost.totalMonthlyUsd, 133.73);
    assert.equal(cost.spotOnDemandCeilingUsd, 121.47);
    assert.equal(cost.autoscalingCeilingUsd, 289.92);
    assert.equal(cost.stack, "dev");
    assert.equal(cost.region, "us-east-1");
    assert.equal(cost.date, "2026-11-23");
  });

  it("prices prod: a NAT gateway and an address per AZ, 2 On-Demand m6i.large nodes", () => {
    const cost = estimateMonthlyCost(prod, README_DATE);
    assert.deepEqual(
      cost.lines.map((l) => [l.item, l.quantity, l.unitUsd, l.monthlyUsd]),
      [
        ["EKS control plane (Kubernetes 1.36, standard support)", 1, 73, 73],
        ["NAT gateways (OnePerAz, 3 AZs)", 3, 32.85, 98.55],
        ["Public IPv4 addresses (NAT gateway Elastic IPs)", 3, 3.65, 10.95],
        ["NAT gateway data processing", 0, 0.045, 0],
        ["Node group 'general': 2 × m6i.large (On-Demand)", 2, 70.08, 140.16],
        ["Node group 'general': EBS root volumes (2 × 50 GiB)", 100, 0.08, 8],
        ["KMS keys (Kubernetes secrets encryption, SOPS secrets in git)", 2, 1, 2],
        ["Volume KMS key (EBS volumes of the default StorageClass)", 1, 1, 1],
        ["CloudWatch Logs (control plane, VPC flow logs)", 0, 0.5, 0],
        ["Network Load Balancer (Flux receiver relay, internal)", 1, 16.425, 16.43],
        ["NLB capacity units, relay Lambda and EventBridge rules", 0, 0.006, 0],
        ["Karpenter nodes (On-Demand, limits 48 vCPU / 192 GiB)", 0, 0, 0],
      ],
    );
    assert.equal(
      find(cost.lines, "Node group 'general': 2").note,
      "$0.096 per instance-hour at desiredSize 2 (scaling to maxSize 2 costs more)",
    );
    assert.equal(cost.totalMonthlyUsd, 350.09);
    assert.equal(cost.spotOnDemandCeilingUsd, 0);
    // 24 × m5.large: 24 × (70.08 + 2.40) (an xlarge fill, 12 × 142.56, costs less).
    assert.equal(cost.autoscalingCeilingUsd, 1739.52);
  });

  it("counts one NAT gateway for Single and one per AZ for OnePerAz", () => {
    const nat = (s: RuntimeSettings) => {
      const l = find(estimateMonthlyCost(s, README_DATE).lines, "NAT gateways");
      return [l.quantity, l.monthlyUsd];
    };
    const ips = (s: RuntimeSettings) =>
      find(estimateMonthlyCost(s, README_DATE).lines, "Public IPv4").quantity;
    for (const azs of [2, 3, 4]) {
      const single = withNetwork(prod, { natGateways: "Single", availabilityZones: azs });
      const perAz = withNetwork(prod, { natGateways: "OnePerAz", availabilityZones: azs });
      assert.deepEqual(nat(single), [1, 32.85]);
      assert.deepEqual(nat(perAz), [azs, Math.round(azs * 3285) / 100]);
      assert.equal(ips(single), 1);
      assert.equal(ips(perAz), azs);
    }
  });

  it("charges extended support from the day after a version's standard support ends", () => {
    const old = withCluster(prod, { kubernetesVersion: "1.33" });
    const onLastDay = estimateMonthlyCost(old, new Date("2026-07-29T23:59:00Z"));
    const dayAfter = estimateMonthlyCost(old, new Date("2026-07-30T00:00:00Z"));
    assert.deepEqual(onLastDay.lines[0], {
      item: "EKS control plane (Kubernetes 1.33, standard support)",
      quantity: 1,
      unitUsd: 73,
      monthlyUsd: 73,
      note: "$0.10 per cluster-hour until 2026-07-29",
    });
    assert.deepEqual(dayAfter.lines[0], {
      item: "EKS control plane (Kubernetes 1.33, extended support)",
      quantity: 1,
      unitUsd: 438,
      monthlyUsd: 438,
      note: "standard support ended 2026-07-29: $0.60 per cluster-hour until 2027-07-29; upgrade to return to $0.10",
    });
    assert.equal(dayAfter.totalMonthlyUsd, 715.09);
    const afterExtended = estimateMonthlyCost(old, new Date("2027-08-01T00:00:00Z"));
    assert.equal(
      afterExtended.lines[0].note,
      "standard support ended 2026-07-29: $0.60 per cluster-hour; extended support ended 2027-07-29: EKS upgrades the cluster itself",
    );
  });

  it("with the STANDARD support type, prices the upgrade EKS makes instead of extended support", () => {
    const old = withCluster(prod, { kubernetesVersion: "1.33", supportType: "STANDARD" });
    const dayAfter = estimateMonthlyCost(old, new Date("2026-07-30T00:00:00Z"));
    assert.deepEqual(dayAfter.lines[0], {
      item: "EKS control plane (Kubernetes 1.33 past standard support: EKS upgrades it)",
      quantity: 1,
      unitUsd: 73,
      monthlyUsd: 73,
      note: "$0.10 per cluster-hour; standard support ended 2026-07-29 and the STANDARD support type upgrades the control plane",
    });
  });

  it("judges support on today's date by default", () => {
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(estimateMonthlyCost(prod).date, today);
    const old = withCluster(prod, { kubernetesVersion: "1.32" });
    assert.equal(estimateMonthlyCost(old).lines[0].monthlyUsd, today > "2026-03-23" ? 438 : 73);
  });

  it("lists Spot nodes as variable at $0 with their On-Demand ceiling, and their disks as fixed", () => {
    const spot = withGroup(prod, { capacityType: "SPOT" });
    const cost = estimateMonthlyCost(spot, README_DATE);
    const nodes = find(cost.lines, "Node group 'general': 2 × m6i.large (Spot)");
    assert.equal(nodes.monthlyUsd, 0);
    assert.match(nodes.note, /^variable: .*at most \$140\.16 at On-Demand \$0\.096\/hour$/);
    assert.equal(cost.spotOnDemandCeilingUsd, 140.16);
    assert.equal(find(cost.lines, "Node group 'general': EBS").monthlyUsd, 8);
    assert.equal(cost.totalMonthlyUsd, 209.93);
  });

  it("prices a node group only by its first instance type and never guesses an unlisted one", () => {
    const mixed = withGroup(prod, { instanceTypes: ["t3a.large", "m5.large"] });
    assert.equal(find(estimateMonthlyCost(mixed, README_DATE).lines, "Node group").unitUsd, 54.896);
    const unknown = withGroup(prod, { instanceTypes: ["c7i.large"] });
    assert.deepEqual(find(estimateMonthlyCost(unknown, README_DATE).lines, "Node group"), {
      item: "Node group 'general': 2 × c7i.large (On-Demand)",
      quantity: 2,
      unitUsd: 0,
      monthlyUsd: 0,
      note: "no list price for c7i.large in components/cost/prices.ts: add it to EC2_ON_DEMAND_USD_PER_HOUR",
    });
  });

  it("has a price for every instance type the profiles and stack files name", () => {
    const types = new Set<string>();
    for (const p of RUNTIME_PROFILES) {
      for (const g of runtimeProfile(p).nodeGroups) g.instanceTypes.forEach((t) => types.add(t));
      for (const g of runtime(p).cluster.nodeGroups) g.instanceTypes.forEach((t) => types.add(t));
    }
    // And every type Karpenter may launch (the ceiling throws on a type without a price).
    KARPENTER_INSTANCE_TYPES.forEach((t) => types.add(t));
    assert.deepEqual([...types].sort(), Object.keys(EC2_ON_DEMAND_USD_PER_HOUR).sort());
  });

  it("keeps every line consistent: monthly = quantity × unit; usage lines are $0", () => {
    for (const s of [dev, prod, shared, runtime("staging")]) {
      const cost = estimateMonthlyCost(s, README_DATE);
      for (const l of cost.lines) {
        if (l.note.startsWith("usage: ") || l.note.startsWith("variable: ")) {
          assert.equal(l.monthlyUsd, 0, l.item);
        } else {
          assert.equal(l.monthlyUsd, Math.round(l.quantity * l.unitUsd * 100) / 100, l.item);
        }
      }
      const sum = cost.lines.reduce((t, l) => t + l.monthlyUsd, 0);
      assert.equal(cost.totalMonthlyUsd, Math.round(sum * 100) / 100);
    }
  });
});
