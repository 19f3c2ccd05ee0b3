/**
 * Runtime (environment) settings: the profile merged with the stack's config, then validated.
 * Node groups (`node-groups.ts`) and Flux (`flux-settings.ts`) are read and checked in their own
 * modules, in this order, so that problems are reported in the order of the settings.
 */
import type { ClusterLogType, CommonSettings, RuntimeProfile, RuntimeSettings } from "./settings";
import { CLUSTER_LOG_TYPES } from "./settings";
import { DEFAULT_KUBERNETES_VERSION, runtimeProfile } from "./profiles";
import { Problems, Reader } from "./problems";
import * as rules from "./rules";
import { EKS_KUBERNETES_VERSIONS } from "../components/cluster";
import {
  eksZoneIds,
  isPrivate,
  layoutSubnets,
  parseCidr,
  REGION_ZONE_IDS,
} from "../components/network";
import { compareVersions, fluxVersionOfChart, minKubernetesForFlux } from "../components/flux";
import { resolveFlux } from "./flux-settings";
import { readNodeGroups } from "./node-groups";
import { checkAddonVersions, resolveKarpenter } from "./karpenter-settings";
import { resolveEndpoint } from "./endpoint-settings";
import { resolveDomain } from "./domain-settings";

export function resolveRuntime(
  common: CommonSettings & { profile: RuntimeProfile },
  read: Reader,
  problems: Problems,
): RuntimeSettings {
  const p = runtimeProfile(common.profile);
  const file = problems.stackFile;

  // Network.
  const cidr = read.string("vpcCidr", p.vpcCidr);
  const azs = read.integer("availabilityZones", p.availabilityZones);
  const privatePrefix = read.integer("privateSubnetPrefix", p.privateSubnetPrefix);
  const publicPrefix = read.integer("publicSubnetPrefix", p.publicSubnetPrefix);
  const parsed = parseCidr(cidr);
  if (typeof parsed === "string") {
    problems.add("vpcCidr", cidr, parsed, `Set a block such as 10.10.0.0/16 in ${file}.`);
  } else if (parsed.prefix < 16 || parsed.prefix > 28) {
    problems.add("vpcCidr", cidr, "AWS VPCs are /16 to /28", `Use a /16 to /28 block.`);
  } else if (!isPrivate(parsed)) {
    problems.add(
      "vpcCidr",
      cidr,
      "not inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)",
      "Use an RFC 1918 block such as 10.10.0.0/16.",
    );
  }
  const regionZones = eksZoneIds(common.region);
  if (!Number.isInteger(azs) || azs < 2 || azs > 6) {
    problems.add(
      "availabilityZones",
      azs,
      "must be 2 to 6 (EKS needs subnets in at least two AZs)",
      "Set 3 for production, 2 for the cheapest layout.",
    );
  } else if (regionZones !== undefined && azs > regionZones.length) {
    const all = REGION_ZONE_IDS[common.region];
    const refused = all.filter((z) => !regionZones.includes(z));
    problems.add(
      "availabilityZones",
      azs,
      `${common.region} has ${all.length} availability zones` +
        (refused.length ? `, and EKS cannot place a cluster in ${refused.join(", ")}` : "") +
        `: at most ${regionZones.length} can hold the cluster's subnets`,
      `Set ${regionZones.length} or fewer, or use another region.`,
    );
  } else if (typeof parsed !== "string") {
    const layout = layoutSubnets(cidr, azs, privatePrefix, publicPrefix);
    if (typeof layout === "string") {
      // Blame what the user changed: the profile's own values always fit.
      const key = (["vpcCidr", "availabilityZones", "publicSubnetPrefix"] as const).find((k) =>
        read.has(k),
      );
      const [blamed, value] =
        key === undefined || read.has("privateSubnetPrefix")
          ? (["privateSubnetPrefix", privatePrefix] as const)
          : ([
              key,
              { vpcCidr: cidr, availabilityZones: azs, publicSubnetPrefix: publicPrefix }[key],
            ] as const);
      problems.add(
        blamed,
        value,
        `subnets do not fit: ${layout}`,
        "Use a larger vpcCidr, fewer availabilityZones, or larger prefix lengths (smaller subnets).",
      );
    }
  }
  // An Application Load Balancer needs subnets of "at least a /27 bitmask ... and at least eight
  // free IP addresses" (Elastic Load Balancing, Application Load Balancers, "Subnets for your load
  // balancer"): internet-facing ones live in the public subnets, internal ones in the private.
  // A /27 has 27 usable addresses (AWS reserves 5 per subnet); EKS needs 6 free in each cluster
  // subnet (network-reqs.adoc), which any /28 or larger already has.
  for (const [key, prefix, role] of [
    ["publicSubnetPrefix", publicPrefix, "internet-facing"],
    ["privateSubnetPrefix", privatePrefix, "internal"],
  ] as const) {
    if (Number.isInteger(prefix) && prefix > 27 && prefix <= 28) {
      problems.add(
        key,
        prefix,
        `an Application Load Balancer needs a /27 or larger subnet with 8 free addresses, and ${role} load balancers go in these subnets`,
        `Use a prefix length of 27 or less (such as ${key === "publicSubnetPrefix" ? 24 : 19}).`,
      );
    }
  }
  const nat = read.string("natGateways", p.natGateways);
  if (nat !== "Single" && nat !== "OnePerAz") {
    problems.add("natGateways", nat, "unknown NAT strategy", "Use Single or OnePerAz.");
  }
  const flowLogRetentionDays = read.integer("flowLogRetentionDays", p.flowLogRetentionDays);
  const badRetention = rules.logRetention(flowLogRetentionDays);
  if (badRetention)
    problems.add("flowLogRetentionDays", flowLogRetentionDays, badRetention, "Pick one of them.");

  // Cluster.
  const clusterName = read.string("clusterName", common.namePrefix);
  const badName = rules.eksClusterName(clusterName);
  if (badName) problems.add("clusterName", clusterName, badName, "Choose another name.");
  const supportType = read.string("clusterSupportType", p.clusterSupportType);
  if (supportType !== "STANDARD" && supportType !== "EXTENDED") {
    problems.add(
      "clusterSupportType",
      supportType,
      "unknown EKS support type",
      "Use STANDARD (EKS upgrades the cluster when standard support ends) or EXTENDED.",
    );
  }
  const version = read.string("kubernetesVersion", p.kubernetesVersion);
  if (!(version in EKS_KUBERNETES_VERSIONS)) {
    problems.add(
      "kubernetesVersion",
      version,
      "not a Kubernetes version EKS supports",
      `Use one of ${Object.keys(EKS_KUBERNETES_VERSIONS).join(", ")} (a quoted string in YAML: "${DEFAULT_KUBERNETES_VERSION}").`,
    );
  }
  checkAddonVersions(version, problems);
  const logTypes = read.stringArray("clusterLogTypes", p.clusterLogTypes);
  for (const t of logTypes) {
    if (!(CLUSTER_LOG_TYPES as readonly string[]).includes(t)) {
      problems.add(
        "clusterLogTypes",
        t,
        "unknown control-plane log type",
        `Use ${CLUSTER_LOG_TYPES.join(", ")}.`,
      );
    }
  }
  const clusterLogRetentionDays = read.integer(
    "clusterLogRetentionDays",
    p.clusterLogRetentionDays,
  );
  const badClusterRetention = rules.logRetention(clusterLogRetentionDays);
  if (badClusterRetention) {
    problems.add(
      "clusterLogRetentionDays",
      clusterLogRetentionDays,
      badClusterRetention,
      "Pick one of them.",
    );
  }
  const deploymentsAccess = read.boolean("deploymentsAccess", p.deploymentsAccess);
  const endpoint = resolveEndpoint(read, problems, common.profile, p, {
    vpcCidr: cidr,
    deploymentsAccess,
  });
  const admins = read.stringArray("adminPrincipalArns", p.adminPrincipalArns);
  for (const a of admins) {
    const r = rules.iamPrincipalArn(a);
    if (r) problems.add("adminPrincipalArns", a, r, "List IAM role or user ARNs.");
  }
  const allowSpot = read.boolean("allowSpot", p.allowSpot);
  const nodeGroups = readNodeGroups(read, problems, p.nodeGroups, allowSpot);
  const karpenter = resolveKarpenter(read, problems, p, allowSpot);

  const flux = resolveFlux(read, problems, p);
  // The environment's Deployments role may create no static credential (components/deployments/boundary.ts).
  if (deploymentsAccess && flux.gitAuth === "https-credential") {
    problems.add(
      "fluxGitAuth",
      flux.gitAuth,
      "needs a CodeCommit Git password, a static credential this environment's Pulumi Deployments role may not create",
      "Use aws-provider (Flux 2.9 or later), or deploy this stack with your own credentials (deploymentsAccess: false).",
    );
  }
  const appDomain = resolveDomain(read, problems, common.profile, p);
  const encrypters = read.stringArray("sopsEncryptPrincipalArns", p.sopsEncryptPrincipalArns);
  for (const a of encrypters) {
    const r = rules.iamPrincipalArn(a);
    if (r) problems.add("sopsEncryptPrincipalArns", a, r, "List IAM role or user ARNs.");
  }
  const fluxVersion = fluxVersionOfChart(flux.chartVersion);
  const minKubernetes = fluxVersion ? minKubernetesForFlux(fluxVersion) : undefined;
  if (
    minKubernetes &&
    version in EKS_KUBERNETES_VERSIONS &&
    compareVersions(version, minKubernetes) < 0
  ) {
    const blameChart = read.has("fluxChartVersion") && !read.has("kubernetesVersion");
    problems.add(
      blameChart ? "fluxChartVersion" : "kubernetesVersion",
      blameChart ? flux.chartVersion : version,
      `Flux ${fluxVersion} (chart ${flux.chartVersion}) needs Kubernetes ${minKubernetes} or later: the chart's pre-install check (flux check --pre) refuses ${version}`,
      blameChart
        ? "Use an older fluxChartVersion, or raise kubernetesVersion."
        : `Use kubernetesVersion "${minKubernetes}" or later, or an older fluxChartVersion.`,
    );
  }

  const sharedStack = read.string("sharedStack", `${common.organization}/${common.project}/shared`);
  if (!/^[\w.-]+\/[\w.-]+\/[\w.-]+$/.test(sharedStack)) {
    problems.add(
      "sharedStack",
      sharedStack,
      "not a fully qualified stack name",
      "Use <org>/<project>/<stack>.",
    );
  }

  return {
    ...common,
    plane: "runtime",
    environment: common.stack,
    network: {
      cidr,
      availabilityZones: azs,
      privateSubnetPrefix: privatePrefix,
      publicSubnetPrefix: publicPrefix,
      natGateways: nat as "Single" | "OnePerAz",
      flowLogs: read.boolean("flowLogs", p.flowLogs),
      flowLogRetentionDays,
    },
    cluster: {
      name: clusterName,
      kubernetesVersion: version,
      supportType: supportType as "STANDARD" | "EXTENDED",
      logTypes: logTypes as ClusterLogType[],
      logRetentionDays: clusterLogRetentionDays,
      ...endpoint,
      adminPrincipalArns: admins,
      deploymentsAccess,
      allowSpot,
      nodeGroups,
    },
    flux: {
      ...flux,
      imageAutomation: read.boolean("fluxImageAutomation", p.fluxImageAutomation),
    },
    karpenter,
    shared: { stackName: sharedStack },
    appDomain,
    sops: { encryptPrincipalArns: encrypters },
  };
}
