/**
 * Node groups of a runtime stack: the `nodeGroups` list (or the profile's) read field by field,
 * then validated: names, instance types, capacity type against `allowSpot`, sizes, disk, labels
 * and taints, and that some group can run the cluster's own pods.
 *
 * Partial entries: a group named like one of the profile's inherits every field it leaves out
 * from that group (so `{name: general, maxSize: 5}` in dev stays Spot, as the profile says); a
 * group with a new name has nothing to inherit from and must give instanceTypes, capacityType,
 * minSize, desiredSize and maxSize (a silent default would pick capacity and cost for the user).
 * diskSizeGiB, labels and taints default to the profile's first group's disk, none and none.
 */
import type { NodeGroupSettings } from "./settings";
import type { Problems, Reader } from "./problems";
import * as rules from "./rules";
import { EC2_INSTANCE_TYPES, instanceTypeMixProblem, TAINT_EFFECTS } from "../components/cluster";

const FIELDS = [
  "name",
  "instanceTypes",
  "capacityType",
  "minSize",
  "desiredSize",
  "maxSize",
  "diskSizeGiB",
  "labels",
  "taints",
] as const;
/** What a group with a new name must give (see the module comment). */
const REQUIRED_FOR_NEW = ["instanceTypes", "capacityType", "minSize", "desiredSize", "maxSize"];

/** EKS quotas: 50 taints per managed node group (API_Taint; pulumi-eks ManagedNodeGroup docs). */
const MAX_TAINTS = 50;

/**
 * Reads `nodeGroups`. Every problem is recorded and the list is returned anyway, so that
 * validation can report more.
 */
export function readNodeGroups(
  read: Reader,
  problems: Problems,
  profileGroups: readonly NodeGroupSettings[],
  allowSpot: boolean,
): readonly NodeGroupSettings[] {
  const raw = read.object("nodeGroups");
  if (raw === undefined) return checkNodeGroups(profileGroups, problems, allowSpot);
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add(
      "nodeGroups",
      raw,
      "expected a non-empty list",
      "List at least one node group (see README, Settings).",
    );
    return profileGroups;
  }
  const groups = raw.map((g: unknown, i: number): NodeGroupSettings => {
    const at = `nodeGroups[${i}]`;
    if (typeof g !== "object" || g === null || Array.isArray(g)) {
      problems.add(at, g, "expected a map", "Give name, instanceTypes, capacityType and sizes.");
      return profileGroups[0];
    }
    const entry = g as Record<string, unknown>;
    for (const k of Object.keys(entry)) {
      if (!(FIELDS as readonly string[]).includes(k))
        problems.add(`${at}.${k}`, entry[k], "unknown field", `Use ${FIELDS.join(", ")}.`);
    }
    const base = profileGroups.find((p) => p.name === entry.name);
    if (entry.name === undefined) {
      problems.add(`${at}.name`, undefined, "every node group needs a name", "Name it.");
    } else if (!base) {
      const missing = REQUIRED_FOR_NEW.filter((k) => entry[k] === undefined);
      if (missing.length > 0) {
        problems.add(
          at,
          entry,
          `node group ${JSON.stringify(entry.name)} is not one of the profile's (${profileGroups.map((p) => p.name).join(", ")}), so nothing fills in ${missing.join(", ")}`,
          `Give ${missing.join(", ")}, or name it after a profile group to inherit its values.`,
        );
      }
    }
    const from = base ?? profileGroups[0];
    return {
      name: entry.name as string,
      instanceTypes: (entry.instanceTypes as string[]) ?? from.instanceTypes,
      capacityType: (entry.capacityType as NodeGroupSettings["capacityType"]) ?? from.capacityType,
      minSize: (entry.minSize as number) ?? from.minSize,
      desiredSize: (entry.desiredSize as number) ?? from.desiredSize,
      maxSize: (entry.maxSize as number) ?? from.maxSize,
      diskSizeGiB: (entry.diskSizeGiB as number) ?? from.diskSizeGiB,
      labels: (entry.labels as Record<string, string>) ?? base?.labels ?? {},
      taints: (entry.taints as NodeGroupSettings["taints"]) ?? base?.taints ?? [],
    };
  });
  return checkNodeGroups(groups, problems, allowSpot);
}

function checkInstanceTypes(at: string, types: unknown, problems: Problems): void {
  if (!Array.isArray(types) || types.length === 0) {
    problems.add(
      `${at}.instanceTypes`,
      types,
      "expected a non-empty list",
      "List instance types such as [t3.large].",
    );
    return;
  }
  let wellFormed = true;
  for (const t of types as unknown[]) {
    const r = typeof t === "string" ? rules.instanceType(t) : "expected a string";
    if (r) {
      problems.add(`${at}.instanceTypes`, t, r, "Fix the instance type.");
      wellFormed = false;
    } else if (!EC2_INSTANCE_TYPES.has(t as string)) {
      problems.add(
        `${at}.instanceTypes`,
        t,
        "not an EC2 instance type (unknown to the EC2 API)",
        "Check the spelling (https://aws.amazon.com/ec2/instance-types/).",
      );
      wellFormed = false;
    }
  }
  const mix = wellFormed ? instanceTypeMixProblem(types as string[]) : undefined;
  if (mix) {
    problems.add(
      `${at}.instanceTypes`,
      types,
      mix,
      "Split the types into node groups of one architecture, without accelerated or Mac types.",
    );
  }
}

function checkLabelsAndTaints(at: string, g: NodeGroupSettings, problems: Problems): void {
  const labels: unknown = g.labels;
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) {
    problems.add(`${at}.labels`, labels, "expected a map", "Write labels as key: value.");
  } else {
    for (const [k, v] of Object.entries(labels)) {
      const r = rules.kubernetesKey(k) ?? rules.kubernetesLabelValue(v);
      if (r) problems.add(`${at}.labels.${k}`, v, r, "Fix the label.");
      else if (v === "")
        problems.add(`${at}.labels.${k}`, v, "EKS refuses empty label values", "Give a value.");
      else if (
        /(^|\.)(kubernetes|k8s)\.io\//.test(k) &&
        !/^(node|kubelet)\.kubernetes\.io\//.test(k)
      )
        problems.add(
          `${at}.labels.${k}`,
          v,
          "kubelet may only set labels of the kubernetes.io and k8s.io namespaces under node.kubernetes.io/ and kubelet.kubernetes.io/ (NodeRestriction)",
          "Use a prefix of your own, such as example.com/role.",
        );
    }
  }
  const taints: unknown = g.taints ?? [];
  if (!Array.isArray(taints)) {
    problems.add(`${at}.taints`, taints, "expected a list", "List {key, value, effect} entries.");
    return;
  }
  if (taints.length > MAX_TAINTS)
    problems.add(
      `${at}.taints`,
      `${taints.length} taints`,
      `EKS allows ${MAX_TAINTS}`,
      "Remove some.",
    );
  taints.forEach((t: unknown, j: number) => {
    const where = `${at}.taints[${j}]`;
    const taint = (t ?? {}) as Record<string, unknown>;
    const keyProblem =
      typeof taint.key === "string" ? rules.kubernetesKey(taint.key) : "a taint needs a key";
    const valueProblem =
      taint.value === undefined ? undefined : rules.kubernetesLabelValue(taint.value);
    if (keyProblem || valueProblem)
      problems.add(where, t, (keyProblem ?? valueProblem) as string, "Fix the taint.");
    if (!(TAINT_EFFECTS as readonly unknown[]).includes(taint.effect))
      problems.add(
        `${where}.effect`,
        taint.effect,
        "unknown taint effect",
        `Use ${TAINT_EFFECTS.join(", ")}.`,
      );
  });
}

/** A group whose nodes the cluster's own pods (Flux, CoreDNS, the controllers) can run on. */
function canRunSystemPods(g: NodeGroupSettings): boolean {
  const repels = (g.taints ?? []).some(
    (t) => t.effect === "NO_SCHEDULE" || t.effect === "NO_EXECUTE",
  );
  return g.desiredSize >= 1 && !repels;
}

function checkNodeGroups(
  groups: readonly NodeGroupSettings[],
  problems: Problems,
  allowSpot: boolean,
): readonly NodeGroupSettings[] {
  const seen = new Set<string>();
  let sizesOk = true;
  groups.forEach((g, i) => {
    const at = `nodeGroups[${i}]`;
    if (g.name === undefined) {
      // Reported by readNodeGroups.
    } else if (typeof g.name !== "string" || !/^[a-z][a-z0-9-]{0,30}$/.test(g.name)) {
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
    checkInstanceTypes(at, g.instanceTypes, problems);
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
    const groupSizesOk = Object.entries(sizes).every(([k, v]) => {
      const ok = Number.isInteger(v) && v >= 0 && v <= 450;
      if (!ok)
        problems.add(`${at}.${k}`, v, "must be a whole number from 0 to 450", "Fix the size.");
      return ok;
    });
    sizesOk &&= groupSizesOk;
    if (groupSizesOk && !(g.minSize <= g.desiredSize && g.desiredSize <= g.maxSize)) {
      problems.add(
        at,
        sizes,
        "sizes must satisfy minSize <= desiredSize <= maxSize",
        "Raise maxSize or lower minSize/desiredSize.",
      );
      sizesOk = false;
    }
    if (groupSizesOk && g.maxSize < 1) {
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
    checkLabelsAndTaints(at, g, problems);
  });
  if (sizesOk && !groups.some(canRunSystemPods)) {
    problems.add(
      "nodeGroups",
      groups.map((g) => ({
        name: g.name,
        desiredSize: g.desiredSize,
        taints: g.taints?.length ?? 0,
      })),
      "no node group starts a node that Flux and the cluster add-ons can run on (desiredSize 0, or NO_SCHEDULE/NO_EXECUTE taints, everywhere): the Flux install would wait until it times out",
      "Give one untainted group desiredSize >= 1 (and minSize >= 1 to keep it).",
    );
  }
  return groups;
}
