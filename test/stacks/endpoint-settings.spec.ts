import * as assert from "node:assert/strict";
import { resolveSettings } from "../../stacks/resolve";
import type { RuntimeSettings } from "../../stacks/settings";
import { settingsInput as input, settingsProblems as problems } from "../helpers/settings";

/** Prod's required choices besides the endpoint: its domain. */
const HTTPS = { domain: "example.com" };
const OPERATORS = ["198.51.100.0/24"];
const warnings = (stack: string, config: Record<string, unknown>) =>
  resolveSettings(input(stack, config)).warnings;
const cluster = (stack: string, config: Record<string, unknown>) =>
  (resolveSettings(input(stack, config)) as RuntimeSettings).cluster;

const RESTRICTED_WARNING =
  'gitops-platform:publicAccessCidrs = ["198.51.100.0/24"]: only these addresses reach the Kubernetes API, and no offline check can tell whether the machine running pulumi up is one of them. ';
const PRIVATE_WARNING =
  "gitops-platform:endpointPublicAccess = false: only machines with a network path into the VPC (10.30.0.0/16) reach the Kubernetes API, and no offline check can tell whether the one running pulumi up has one. Run every pulumi up from inside (a customer-managed runner pool in the VPC, a VPN, a bastion). This stack creates the VPC: unless a network routed to it already exists, create the stack with endpointPublicAccess: true and your CIDR, start the runner pool in the VPC, then turn public access off.";

describe("stacks/endpoint-settings: who can reach the Kubernetes API", () => {
  it("keeps dev and staging open by default, silently", () => {
    for (const stack of ["dev", "staging"]) {
      assert.deepEqual(
        {
          public: cluster(stack, {}).endpointPublicAccess,
          cidrs: cluster(stack, {}).publicAccessCidrs,
          runner: cluster(stack, {}).deploymentsRunner,
        },
        { public: true, cidrs: ["0.0.0.0/0"], runner: "pulumi-hosted" },
      );
      assert.deepEqual(warnings(stack, {}), []);
    }
  });

  it("gives prod no default: the stack file must choose, and the error lists the choices", () => {
    assert.deepEqual(problems("prod", HTTPS), [
      `gitops-platform:publicAccessCidrs = []: the public endpoint is on but no CIDR may reach it (the prod profile has no default: the stack file chooses). List the CIDRs pulumi up connects from (your operators', a customer-managed runner pool's egress), or set endpointPublicAccess: false and deploy from inside the VPC (README, "Kubernetes API endpoint").`,
    ]);
  });

  it("warns, for restricted CIDRs, that the deploying machine must be inside them", () => {
    assert.deepEqual(warnings("prod", { ...HTTPS, publicAccessCidrs: OPERATORS }), [
      `${RESTRICTED_WARNING}Run pulumi up from inside them: the Kubernetes provider and Helm call the API on every update.`,
    ]);
    assert.deepEqual(
      warnings("prod", {
        ...HTTPS,
        publicAccessCidrs: OPERATORS,
        deploymentsAccess: true,
        deploymentsRunner: "customer-managed",
      }),
      [
        `${RESTRICTED_WARNING}Run pulumi up from inside them, and list the egress CIDR of this stack's runner pool: the Kubernetes provider and Helm call the API on every update.`,
      ],
    );
  });

  it("refuses restricted CIDRs for Pulumi-hosted Deployments runners (no published addresses)", () => {
    assert.deepEqual(
      problems("prod", { ...HTTPS, publicAccessCidrs: OPERATORS, deploymentsAccess: true }),
      [
        `gitops-platform:publicAccessCidrs = ["198.51.100.0/24"]: Pulumi Deployments runs this stack (deploymentsAccess: true) on Pulumi-hosted runners, whose addresses Pulumi does not publish: no CIDR list can admit them. Set deploymentsRunner: customer-managed (a runner pool whose egress CIDR you list here, or one inside the VPC with endpointPublicAccess: false), or allow 0.0.0.0/0 (README, "Kubernetes API endpoint").`,
      ],
    );
  });

  it("refuses a private-only endpoint for Pulumi-hosted runners, and warns about the first up otherwise", () => {
    assert.deepEqual(
      problems("prod", { ...HTTPS, endpointPublicAccess: false, deploymentsAccess: true }),
      [
        `gitops-platform:endpointPublicAccess = false: Pulumi Deployments runs this stack (deploymentsAccess: true) on Pulumi-hosted runners, which reach the API only over the internet: they cannot deploy a private-only endpoint. Set deploymentsRunner: customer-managed and give this stack a runner pool inside the VPC, or keep endpointPublicAccess: true (README, "Kubernetes API endpoint").`,
      ],
    );
    const inVpc = {
      ...HTTPS,
      endpointPublicAccess: false,
      deploymentsAccess: true,
      deploymentsRunner: "customer-managed",
    };
    assert.equal(cluster("prod", inVpc).endpointPublicAccess, false);
    assert.deepEqual(warnings("prod", inVpc), [PRIVATE_WARNING]);
    // Without Deployments, a person deploys: maybe over a VPN, which only the network knows.
    assert.deepEqual(warnings("prod", { ...HTTPS, endpointPublicAccess: false }), [
      PRIVATE_WARNING,
    ]);
  });

  it("leaves an endpoint open to the world to the stack warnings (stacks/warnings.ts), once", () => {
    assert.deepEqual(warnings("prod", { ...HTTPS, publicAccessCidrs: ["0.0.0.0/0"] }), []);
    // Open and Pulumi-hosted is what deploys: no error.
    assert.deepEqual(
      warnings("qa", {
        profile: "prod",
        vpcCidr: "10.40.0.0/16",
        ...HTTPS,
        publicAccessCidrs: ["0.0.0.0/0"],
        deploymentsAccess: true,
      }),
      [],
    );
  });

  it("refuses an unknown runner", () => {
    assert.deepEqual(problems("dev", { deploymentsRunner: "self-hosted" }), [
      'gitops-platform:deploymentsRunner = "self-hosted": unknown runner. Use pulumi-hosted or customer-managed.',
    ]);
  });
});
