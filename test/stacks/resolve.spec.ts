import * as assert from "node:assert/strict";
import { resolveSettings } from "../../stacks/resolve";
import type { DeliverySettings, RuntimeSettings } from "../../stacks/settings";
import { settingsInput as input, settingsProblems as problems } from "../helpers/settings";
import { BAD_SETTINGS } from "./bad-settings";
import { REFUSED } from "./refused";
import { BAD_SERVICE_SETTINGS } from "./bad-service-settings";

describe("stacks/resolve: profiles merged with config", () => {
  it("builds dev from the dev profile", () => {
    const s = resolveSettings(input("dev")) as RuntimeSettings;
    assert.equal(s.plane, "runtime");
    assert.equal(s.environment, "dev");
    assert.equal(s.network.cidr, "10.10.0.0/16");
    assert.equal(s.network.natGateways, "Single");
    assert.equal(s.cluster.nodeGroups[0].capacityType, "SPOT");
    assert.equal(s.flux.imageAutomation, true);
    // Receivers on: the scan is dev's polling fallback.
    assert.deepEqual([s.flux.receivers, s.flux.intervals.imageScan], [true, "10m"]);
    assert.equal(s.protect, false);
    assert.equal(s.namePrefix, "gitops-dev");
    assert.equal(s.shared.stackName, "acme/gitops-platform/shared");
  });

  it("builds prod with its differences: NAT per AZ, all logs, no Spot, protected", () => {
    // Prod has no default for the endpoint's CIDRs and requires a domain: the stack file chooses.
    const s = resolveSettings(
      input("prod", { publicAccessCidrs: ["198.51.100.0/24"], domain: "example.com" }),
    ) as RuntimeSettings;
    assert.equal(s.network.natGateways, "OnePerAz");
    assert.equal(s.network.flowLogs, true);
    assert.deepEqual(s.cluster.logTypes, [
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
    assert.equal(s.cluster.allowSpot, false);
    assert.equal(s.protect, true);
    assert.equal(s.flux.imageAutomation, false);
    assert.deepEqual(s.appDomain, { domain: "example.com", hostedZone: { name: "example.com" } });
  });

  it("lets config override the profile and freezes the result", () => {
    const s = resolveSettings(
      input("staging", {
        vpcCidr: "10.99.0.0/16",
        availabilityZones: 2,
        tags: { team: "platform" },
      }),
    ) as RuntimeSettings;
    assert.equal(s.network.cidr, "10.99.0.0/16");
    assert.equal(s.network.availabilityZones, 2);
    assert.equal(s.tags.team, "platform");
    assert.equal(s.tags["gitops-platform:stack"], "staging");
    assert.ok(
      Object.isFrozen(s) && Object.isFrozen(s.network) && Object.isFrozen(s.cluster.nodeGroups[0]),
    );
    assert.throws(() => ((s as any).network.cidr = "x"), TypeError);
  });

  it("builds another environment from a named profile", () => {
    const s = resolveSettings(
      input("qa", { profile: "staging", vpcCidr: "10.40.0.0/16" }),
    ) as RuntimeSettings;
    assert.equal(s.profile, "staging");
    assert.equal(s.environment, "qa");
    assert.equal(s.cluster.name, "gitops-qa");
  });

  it("builds the shared stack as the delivery plane", () => {
    const s = resolveSettings(input("shared")) as DeliverySettings;
    assert.equal(s.plane, "delivery");
    assert.deepEqual(s.repositories, {
      flux: "flux-repo",
      microservices: "microservices-repo",
      app: "app-repo",
    });
    // The two sample services: the public front-end, the internal catalogue API it calls.
    assert.deepEqual(s.services, [
      { name: "front-end", folder: "front-end", port: 8080, healthPath: "/healthz", expose: "alb" },
      {
        name: "catalogue",
        folder: "catalogue",
        port: 8080,
        healthPath: "/healthz",
        expose: "internal",
      },
    ]);
    assert.deepEqual(s.registry.services, ["front-end", "catalogue"]);
    assert.equal(s.protect, true);
    assert.equal(s.deployments.enabled, false);
  });

  it("reads services as names or maps, with the defaults for what a map leaves out", () => {
    const s = resolveSettings(
      input("shared", {
        services: ["web", { name: "api", folder: "src/api", port: 9090, healthPath: "/ready" }],
      }),
    ) as DeliverySettings;
    assert.deepEqual(s.services, [
      { name: "web", folder: "web", port: 8080, healthPath: "/healthz", expose: "internal" },
      { name: "api", folder: "src/api", port: 9090, healthPath: "/ready", expose: "internal" },
    ]);
  });

  it("ignores the other plane's Pulumi.yaml defaults, which the CLI gives every stack", () => {
    const s = resolveSettings(
      input("dev", { fluxRepoName: "flux-repo", buildComputeType: "BUILD_GENERAL1_SMALL" }),
    );
    assert.equal(s.plane, "runtime");
    const d = resolveSettings(
      input("shared", { availabilityZones: 3, endpointPublicAccess: true }),
    );
    assert.equal(d.plane, "delivery");
  });
});

describe("stacks/resolve: bad input is refused with a clear error", () => {
  for (const [what, stack, config, expected, region] of [
    ...BAD_SETTINGS,
    ...REFUSED,
    ...BAD_SERVICE_SETTINGS,
  ]) {
    it(what, () => {
      const found = problems(stack, config, region === "none" ? null : (region ?? "us-east-1"));
      assert.ok(
        found.some((p) => p.startsWith(expected)),
        `expected a problem starting with:\n  ${expected}\ngot:\n  ${found.join("\n  ")}`,
      );
    });
  }

  it("reports several problems together, in one error", () => {
    const found = problems("dev", {
      vpcCidr: "10.0.0.0/33",
      availabilityZones: 9,
      natGateways: "x",
      kubernetesVersion: "1.2",
    });
    assert.equal(found.length, 4, found.join("\n"));
    try {
      resolveSettings(input("dev", { vpcCidr: "bad", natGateways: "x" }));
    } catch (e) {
      assert.match(
        (e as Error).message,
        /^Invalid settings for stack 'dev' \(2 problems\):\n {2}- gitops-platform:vpcCidr/,
      );
    }
  });
});
