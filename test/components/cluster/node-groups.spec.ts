import * as assert from "node:assert/strict";
import { settingsProblems as problems } from "../../helpers/settings";
import { ofType as all } from "../../helpers/resources";
import { SettingsError } from "../../../stacks/problems";
import { runFixture } from "../../helpers/stacks";

const NODE_GROUP = {
  name: "general",
  instanceTypes: ["m6i.large"],
  capacityType: "ON_DEMAND",
  minSize: 3,
  desiredSize: 3,
  maxSize: 6,
  diskSizeGiB: 50,
};

describe("components/cluster: node groups from settings", () => {
  it("declares one managed node group per configured group, with its labels, sharing the node role", async () => {
    const run = await runFixture("dev", {
      config: {
        nodeGroups: [
          { ...NODE_GROUP, name: "system", capacityType: "ON_DEMAND", labels: { role: "system" } },
          {
            ...NODE_GROUP,
            name: "spot",
            capacityType: "SPOT",
            minSize: 0,
            desiredSize: 0,
            labels: { role: "batch" },
          },
        ],
      },
    });
    const groups = all(run, "eks:index:ManagedNodeGroup");
    assert.deepEqual(
      groups.map((g) => [
        g.name,
        g.inputs.nodeGroupNamePrefix,
        g.inputs.capacityType,
        g.inputs.labels,
        g.inputs.scalingConfig,
      ]),
      [
        [
          "gitops-dev-system",
          "system-",
          "ON_DEMAND",
          { role: "system" },
          { minSize: 3, desiredSize: 3, maxSize: 6 },
        ],
        [
          "gitops-dev-spot",
          "spot-",
          "SPOT",
          { role: "batch" },
          { minSize: 0, desiredSize: 0, maxSize: 6 },
        ],
      ],
    );
    assert.equal(new Set(groups.map((g) => g.inputs.nodeRole.urn)).size, 1);
    assert.equal(
      all(run, "aws:iam/role:Role").filter((r) => r.name === "gitops-dev-node").length,
      1,
    );
  });
});

describe("components/cluster: settings it refuses", () => {
  it("Spot capacity in prod, where the profile sets allowSpot: false", () => {
    const prodChoices = { publicAccessCidrs: ["198.51.100.0/24"], httpsRequired: false };
    const spot = { nodeGroups: [{ ...NODE_GROUP, capacityType: "SPOT" }] };
    assert.deepEqual(problems("prod", { ...prodChoices, ...spot }), [
      'gitops-platform:nodeGroups[0].capacityType = "SPOT": Spot capacity is not allowed in this environment (allowSpot is false). Use ON_DEMAND, or set allowSpot: true if interruptions are acceptable here.',
    ]);
  });

  it("a node group whose maxSize is below its minSize", () => {
    assert.deepEqual(
      problems("dev", { nodeGroups: [{ ...NODE_GROUP, minSize: 4, desiredSize: 4, maxSize: 2 }] }),
      [
        'gitops-platform:nodeGroups[0] = {"minSize":4,"desiredSize":4,"maxSize":2}: sizes must satisfy minSize <= desiredSize <= maxSize. Raise maxSize or lower minSize/desiredSize.',
      ],
    );
  });

  it("a Kubernetes version EKS no longer offers, naming the ones it does", () => {
    assert.deepEqual(problems("dev", { kubernetesVersion: "1.31" }), [
      'gitops-platform:kubernetesVersion = "1.31": not a Kubernetes version EKS supports. Use one of 1.32, 1.33, 1.34, 1.35, 1.36 (a quoted string in YAML: "1.36").',
    ]);
  });

  it("a public endpoint nobody may reach, and an unknown log type", () => {
    assert.deepEqual(
      problems("staging", { publicAccessCidrs: [], clusterLogTypes: ["api", "kubelet"] }),
      [
        'gitops-platform:clusterLogTypes = "kubelet": unknown control-plane log type. Use api, audit, authenticator, controllerManager, scheduler.',
        `gitops-platform:publicAccessCidrs = []: the public endpoint is on but no CIDR may reach it. List the CIDRs pulumi up connects from (your operators', a customer-managed runner pool's egress), or set endpointPublicAccess: false and deploy from inside the VPC (README, "Kubernetes API endpoint").`,
      ],
    );
  });

  it("fails the prod stack run with the same error", async () => {
    await assert.rejects(
      runFixture("prod", { config: { nodeGroups: [{ ...NODE_GROUP, capacityType: "SPOT" }] } }),
      (e: unknown) =>
        e instanceof SettingsError &&
        e.message.startsWith(
          "Invalid settings for stack 'prod' (1 problem):\n  - gitops-platform:nodeGroups[0].capacityType",
        ),
    );
  });
});
