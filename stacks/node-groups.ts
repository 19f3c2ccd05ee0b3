/**
 * Node groups of a runtime stack: the `nodeGroups` list (or the profile's) read field by field,
 * then validated: names, instance types, capacity type against `allowSpot`, sizes, disk.
 */
import type { NodeGroupSettings } from "./settings";
import type { Problems, Reader } from "./problems";
import * as rules from "./rules";

/**
 * Reads `nodeGroups`; a field a group leaves out comes from the profile's first group. Every
 * problem is recorded and the list is returned anyway, so that validation can report more.
 */
export function readNodeGroups(
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
