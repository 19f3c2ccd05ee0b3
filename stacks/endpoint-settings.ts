/**
 * Who can reach an environment's Kubernetes API, and whether that includes whatever runs its
 * `pulumi up`: the Kubernetes provider and Helm talk to the API on every update (Flux's chart,
 * the bootstrap objects, cluster-info), so an endpoint the deployer cannot reach cannot deploy.
 *
 * The deployers: a person (the first `up` of every environment, README "The real path") and,
 * with `deploymentsAccess`, Pulumi Deployments. Pulumi-hosted runners are single-use VMs on the
 * internet whose addresses Pulumi does not publish
 * (https://www.pulumi.com/docs/deployments/concepts/pulumi-managed-runners/): they need a public
 * endpoint open to every address. A customer-managed runner pool runs where you put it, e.g. in
 * the VPC, needing only outbound access to api.pulumi.com
 * (https://www.pulumi.com/docs/deployments/guides/customer-managed-workflow-runners/).
 *
 * Combinations that cannot deploy are errors; what only the network can tell (is the deployer
 * inside these CIDRs, or routed into the VPC?) is a warning.
 */
import { DEPLOYMENTS_RUNNERS, type DeploymentsRunner, type RuntimeProfile } from "./settings";
import type { RuntimeProfileValues } from "./profiles";
import type { Problems, Reader } from "./problems";
import { isPrivate, parseCidr } from "../components/network";

export interface EndpointSettings {
  readonly endpointPublicAccess: boolean;
  readonly publicAccessCidrs: readonly string[];
  readonly deploymentsRunner: DeploymentsRunner;
}

const GUIDE = 'README, "Kubernetes API endpoint"';

/** Whether `cidrs` admits every IPv4 address (a /0 block). */
function openToAll(cidrs: readonly string[]): boolean {
  return cidrs.some((c) => {
    const parsed = parseCidr(c);
    return typeof parsed !== "string" && parsed.prefix === 0;
  });
}

export function resolveEndpoint(
  read: Reader,
  problems: Problems,
  profile: RuntimeProfile,
  p: RuntimeProfileValues,
  context: { readonly vpcCidr: string; readonly deploymentsAccess: boolean },
): EndpointSettings {
  const endpointPublicAccess = read.boolean("endpointPublicAccess", p.endpointPublicAccess);
  const publicAccessCidrs = read.stringArray("publicAccessCidrs", p.publicAccessCidrs);
  for (const c of publicAccessCidrs) {
    const r = parseCidr(c);
    if (typeof r === "string")
      problems.add("publicAccessCidrs", c, r, "List CIDRs such as 203.0.113.0/24.");
    else if (isPrivate(r))
      problems.add(
        "publicAccessCidrs",
        c,
        "a private range never reaches the public endpoint (clients arrive from their public or NAT address)",
        "List public CIDRs such as 203.0.113.0/24; traffic from inside the VPC uses the private endpoint.",
      );
  }
  const runner = read.string("deploymentsRunner", p.deploymentsRunner);
  if (!(DEPLOYMENTS_RUNNERS as readonly string[]).includes(runner)) {
    problems.add(
      "deploymentsRunner",
      runner,
      "unknown runner",
      `Use ${DEPLOYMENTS_RUNNERS.join(" or ")}.`,
    );
  }
  const hosted = runner === "pulumi-hosted" && context.deploymentsAccess;
  const open = openToAll(publicAccessCidrs);

  if (!endpointPublicAccess) {
    if (hosted) {
      problems.add(
        "endpointPublicAccess",
        false,
        "Pulumi Deployments runs this stack (deploymentsAccess: true) on Pulumi-hosted runners, which reach the API only over the internet: they cannot deploy a private-only endpoint",
        `Set deploymentsRunner: customer-managed and give this stack a runner pool inside the VPC, or keep endpointPublicAccess: true (${GUIDE}).`,
      );
    } else {
      problems.warn(
        "endpointPublicAccess",
        false,
        `only machines with a network path into the VPC (${context.vpcCidr}) reach the Kubernetes API, and no offline check can tell whether the one running pulumi up has one`,
        "Run every pulumi up from inside (a customer-managed runner pool in the VPC, a VPN, a bastion). This stack creates the VPC: unless a network routed to it already exists, create the stack with endpointPublicAccess: true and your CIDR, start the runner pool in the VPC, then turn public access off.",
      );
    }
    return {
      endpointPublicAccess,
      publicAccessCidrs,
      deploymentsRunner: runner as DeploymentsRunner,
    };
  }

  if (publicAccessCidrs.length === 0) {
    const why = read.has("publicAccessCidrs")
      ? ""
      : ` (the ${profile} profile has no default: the stack file chooses)`;
    problems.add(
      "publicAccessCidrs",
      [],
      `the public endpoint is on but no CIDR may reach it${why}`,
      `List the CIDRs pulumi up connects from (your operators', a customer-managed runner pool's egress), or set endpointPublicAccess: false and deploy from inside the VPC (${GUIDE}).`,
    );
  } else if (!open && hosted) {
    problems.add(
      "publicAccessCidrs",
      publicAccessCidrs,
      "Pulumi Deployments runs this stack (deploymentsAccess: true) on Pulumi-hosted runners, whose addresses Pulumi does not publish: no CIDR list can admit them",
      `Set deploymentsRunner: customer-managed (a runner pool whose egress CIDR you list here, or one inside the VPC with endpointPublicAccess: false), or allow 0.0.0.0/0 (${GUIDE}).`,
    );
  } else if (!open) {
    problems.warn(
      "publicAccessCidrs",
      publicAccessCidrs,
      "only these addresses reach the Kubernetes API, and no offline check can tell whether the machine running pulumi up is one of them",
      `Run pulumi up from inside them${runner === "customer-managed" ? ", and list the egress CIDR of this stack's runner pool" : ""}: the Kubernetes provider and Helm call the API on every update.`,
    );
  }
  // An endpoint open to the world is a warning of every profile: stacks/warnings.ts.
  return {
    endpointPublicAccess,
    publicAccessCidrs,
    deploymentsRunner: runner as DeploymentsRunner,
  };
}
