/**
 * Runtime (environment) settings: the profile merged with the stack's config, then validated.
 */
import type {
  ClusterLogType,
  CommonSettings,
  FluxGitAuth,
  NodeGroupSettings,
  RuntimeProfile,
  RuntimeSettings,
} from "./settings";
import { CLUSTER_LOG_TYPES } from "./settings";
import { DEFAULT_KUBERNETES_VERSION, runtimeProfile } from "./profiles";
import { Problems, Reader } from "./problems";
import * as rules from "./rules";
import { EKS_KUBERNETES_VERSIONS } from "./kubernetes-versions";
import { isPrivate, layoutSubnets, parseCidr } from "../components/cidr";
import {
  FLUX_CHART_RELEASES,
  fluxVersionOfChart,
  supportsCodeCommitProvider,
  supportsLegacyEcrAutologin,
} from "../components/flux-versions";

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
  if (!Number.isInteger(azs) || azs < 2 || azs > 6) {
    problems.add(
      "availabilityZones",
      azs,
      "must be 2 to 6 (EKS needs subnets in at least two AZs)",
      "Set 3 for production, 2 for the cheapest layout.",
    );
  } else if (typeof parsed !== "string") {
    const layout = layoutSubnets(cidr, azs, privatePrefix, publicPrefix);
    if (typeof layout === "string") {
      problems.add(
        "privateSubnetPrefix",
        privatePrefix,
        `subnets do not fit: ${layout}`,
        "Use a larger vpcCidr, fewer availabilityZones, or larger prefix lengths (smaller subnets).",
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
  const version = read.string("kubernetesVersion", p.kubernetesVersion);
  if (!(version in EKS_KUBERNETES_VERSIONS)) {
    problems.add(
      "kubernetesVersion",
      version,
      "not a Kubernetes version EKS supports",
      `Use one of ${Object.keys(EKS_KUBERNETES_VERSIONS).join(", ")} (a quoted string in YAML: "${DEFAULT_KUBERNETES_VERSION}").`,
    );
  }
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
  const endpointPublicAccess = read.boolean("endpointPublicAccess", p.endpointPublicAccess);
  const publicAccessCidrs = read.stringArray("publicAccessCidrs", p.publicAccessCidrs);
  for (const c of publicAccessCidrs) {
    const r = parseCidr(c);
    if (typeof r === "string")
      problems.add("publicAccessCidrs", c, r, "List CIDRs such as 203.0.113.0/24.");
  }
  if (endpointPublicAccess && publicAccessCidrs.length === 0) {
    problems.add(
      "publicAccessCidrs",
      [],
      "the public endpoint is on but no CIDR may reach it",
      "List the CIDRs of your operators, or set endpointPublicAccess: false.",
    );
  }
  const admins = read.stringArray("adminPrincipalArns", p.adminPrincipalArns);
  for (const a of admins) {
    const r = rules.iamPrincipalArn(a);
    if (r) problems.add("adminPrincipalArns", a, r, "List IAM role or user ARNs.");
  }
  const allowSpot = read.boolean("allowSpot", p.allowSpot);
  const nodeGroups = readNodeGroups(read, problems, p.nodeGroups, allowSpot);

  // Flux.
  const chartVersion = read.string("fluxChartVersion", p.fluxChartVersion);
  const fluxVersion = fluxVersionOfChart(chartVersion);
  if (!fluxVersion) {
    problems.add(
      "fluxChartVersion",
      chartVersion,
      "not a flux2 chart version this program knows",
      `Use one of ${Object.keys(FLUX_CHART_RELEASES).join(", ")}, or add the new chart to components/flux-versions.ts.`,
    );
  }
  const providerOk = fluxVersion !== undefined && supportsCodeCommitProvider(fluxVersion);
  const gitAuth = read.string("fluxGitAuth", providerOk ? "aws-provider" : "https-credential");
  if (gitAuth !== "aws-provider" && gitAuth !== "https-credential") {
    problems.add(
      "fluxGitAuth",
      gitAuth,
      "unknown Git auth mode",
      "Use aws-provider or https-credential.",
    );
  } else if (gitAuth === "aws-provider" && fluxVersion && !providerOk) {
    problems.add(
      "fluxGitAuth",
      gitAuth,
      `Flux ${fluxVersion} (chart ${chartVersion}) has no GitRepository provider 'aws'; it arrived in Flux 2.9`,
      "Use https-credential, or a flux2 chart of 2.19 or later.",
    );
  }
  const legacyEcrAutologin = read.boolean("fluxLegacyEcrAutologin", false);
  if (legacyEcrAutologin && fluxVersion && !supportsLegacyEcrAutologin(fluxVersion)) {
    problems.add(
      "fluxLegacyEcrAutologin",
      true,
      `Flux ${fluxVersion} removed --aws-autologin-for-ecr (image-reflector-controller v1.0.0, Flux 2.7); the controller would fail to start`,
      "Remove the setting: ImageRepository provider: aws with IRSA logs in to ECR.",
    );
  }
  const intervals = {
    ...p.fluxIntervals,
    ...asStringRecord(read.object("fluxIntervals"), "fluxIntervals", problems),
  };
  for (const [k, v] of Object.entries(intervals)) {
    if (!(k in p.fluxIntervals)) {
      problems.add(
        `fluxIntervals.${k}`,
        v,
        "unknown interval",
        `Use ${Object.keys(p.fluxIntervals).join(", ")}.`,
      );
      continue;
    }
    const r = rules.goDuration(v);
    if (r) problems.add(`fluxIntervals.${k}`, v, r, "Use a value such as 1m.");
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
      logTypes: logTypes as ClusterLogType[],
      logRetentionDays: clusterLogRetentionDays,
      endpointPublicAccess,
      publicAccessCidrs,
      adminPrincipalArns: admins,
      allowSpot,
      nodeGroups,
    },
    flux: {
      chartVersion,
      gitAuth: gitAuth as FluxGitAuth,
      legacyEcrAutologin,
      imageAutomation: read.boolean("fluxImageAutomation", p.fluxImageAutomation),
      intervals: intervals,
    },
    shared: { stackName: sharedStack },
  };
}

function asStringRecord(value: unknown, key: string, problems: Problems): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.add(key, value, "expected a map", "Write it as a YAML map of name: value.");
    return {};
  }
  return value as Record<string, string>;
}

function readNodeGroups(
  read: Reader,
  problems: Problems,
  fallback: readonly NodeGroupSettings[],
  allowSpot: boolean,
): readonly NodeGroupSettings[] {
  const raw = read.object("nodeGroups");
  if (raw === undefined) return checkNodeGroups(fallback, problems, allowSpot);
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add(
      "nodeGroups",
      raw,
      "expected a non-empty list",
      "List at least one node group (see README, Settings).",
    );
    return fallback;
  }
  const groups = raw.map((g: Record<string, unknown>, i: number): NodeGroupSettings => {
    const base = fallback[0];
    if (typeof g !== "object" || g === null) {
      problems.add(
        `nodeGroups[${i}]`,
        g,
        "expected a map",
        "Give name, instanceTypes, capacityType and sizes.",
      );
      return base;
    }
    const known = [
      "name",
      "instanceTypes",
      "capacityType",
      "minSize",
      "desiredSize",
      "maxSize",
      "diskSizeGiB",
      "labels",
    ];
    for (const k of Object.keys(g)) {
      if (!known.includes(k))
        problems.add(`nodeGroups[${i}].${k}`, g[k], "unknown field", `Use ${known.join(", ")}.`);
    }
    return {
      name: (g.name as string) ?? `${base.name}-${i}`,
      instanceTypes: (g.instanceTypes as string[]) ?? base.instanceTypes,
      capacityType: (g.capacityType as NodeGroupSettings["capacityType"]) ?? "ON_DEMAND",
      minSize: (g.minSize as number) ?? base.minSize,
      desiredSize: (g.desiredSize as number) ?? (g.minSize as number) ?? base.desiredSize,
      maxSize: (g.maxSize as number) ?? base.maxSize,
      diskSizeGiB: (g.diskSizeGiB as number) ?? base.diskSizeGiB,
      labels: (g.labels as Record<string, string>) ?? {},
    };
  });
  return checkNodeGroups(groups, problems, allowSpot);
}

function checkNodeGroups(
  groups: readonly NodeGroupSettings[],
  problems: Problems,
  allowSpot: boolean,
): readonly NodeGroupSettings[] {
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    const at = `nodeGroups[${i}]`;
    if (typeof g.name !== "string" || !/^[a-z][a-z0-9-]{0,30}$/.test(g.name)) {
      problems.add(
        `${at}.name`,
        g.name,
        "node group names are 1 to 31 lower-case letters, digits or hyphens",
        "Rename it.",
      );
    } else if (seen.has(g.name)) {
      problems.add(
        `${at}.name`,
        g.name,
        "duplicate node group name",
        "Give each node group its own name.",
      );
    }
    seen.add(g.name);
    if (!Array.isArray(g.instanceTypes) || g.instanceTypes.length === 0) {
      problems.add(
        `${at}.instanceTypes`,
        g.instanceTypes,
        "expected a non-empty list",
        "List instance types such as [t3.large].",
      );
    } else {
      for (const t of g.instanceTypes as unknown[]) {
        const r = typeof t === "string" ? rules.instanceType(t) : "expected a string";
        if (r) problems.add(`${at}.instanceTypes`, t, r, "Fix the instance type.");
      }
    }
    if (g.capacityType !== "ON_DEMAND" && g.capacityType !== "SPOT") {
      problems.add(
        `${at}.capacityType`,
        g.capacityType,
        "unknown capacity type",
        "Use ON_DEMAND or SPOT.",
      );
    } else if (g.capacityType === "SPOT" && !allowSpot) {
      problems.add(
        `${at}.capacityType`,
        g.capacityType,
        "Spot capacity is not allowed in this environment (allowSpot is false)",
        "Use ON_DEMAND, or set allowSpot: true if interruptions are acceptable here.",
      );
    }
    const sizes = { minSize: g.minSize, desiredSize: g.desiredSize, maxSize: g.maxSize };
    const sizesOk = Object.entries(sizes).every(([k, v]) => {
      const ok = Number.isInteger(v) && v >= 0 && v <= 450;
      if (!ok)
        problems.add(`${at}.${k}`, v, "must be a whole number from 0 to 450", "Fix the size.");
      return ok;
    });
    if (sizesOk && !(g.minSize <= g.desiredSize && g.desiredSize <= g.maxSize)) {
      problems.add(
        at,
        sizes,
        "sizes must satisfy minSize <= desiredSize <= maxSize",
        "Raise maxSize or lower minSize/desiredSize.",
      );
    }
    if (sizesOk && g.maxSize < 1) {
      problems.add(`${at}.maxSize`, g.maxSize, "a node group needs maxSize >= 1", "Raise maxSize.");
    }
    if (!Number.isInteger(g.diskSizeGiB) || g.diskSizeGiB < 20 || g.diskSizeGiB > 16384) {
      problems.add(
        `${at}.diskSizeGiB`,
        g.diskSizeGiB,
        "must be 20 to 16384 GiB",
        "Use at least 20 (the AMI needs it).",
      );
    }
  });
  return groups;
}
