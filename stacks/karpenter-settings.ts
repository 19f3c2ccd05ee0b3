/**
 * Node autoscaling settings of a runtime stack: `karpenter` (capacityType, cpuLimit,
 * memoryLimitGiB) over the profile's, validated; and the check that the cluster's Kubernetes
 * version has pinned add-on versions.
 */
import type { KarpenterSettings } from "./settings";
import type { RuntimeProfileValues } from "./profiles";
import type { Problems, Reader } from "./problems";
import { EKS_ADDON_VERSIONS, EKS_KUBERNETES_VERSIONS } from "../components/cluster";

const FIELDS = ["capacityType", "cpuLimit", "memoryLimitGiB"] as const;

export function resolveKarpenter(
  read: Reader,
  problems: Problems,
  p: RuntimeProfileValues,
  allowSpot: boolean,
): KarpenterSettings {
  const raw = read.object("karpenter");
  let given: Record<string, unknown> = {};
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw))) {
    problems.add("karpenter", raw, "expected a map", `Give ${FIELDS.join(", ")}.`);
  } else if (raw !== undefined) {
    given = raw as Record<string, unknown>;
  }
  for (const k of Object.keys(given)) {
    if (!(FIELDS as readonly string[]).includes(k)) {
      problems.add(`karpenter.${k}`, given[k], "unknown field", `Use ${FIELDS.join(", ")}.`);
    }
  }
  const merged = { ...p.karpenter, ...given } as Record<(typeof FIELDS)[number], unknown>;
  const { capacityType, cpuLimit, memoryLimitGiB } = merged;
  if (capacityType !== "spot" && capacityType !== "on-demand") {
    problems.add(
      "karpenter.capacityType",
      capacityType,
      "unknown capacity type",
      "Use spot or on-demand.",
    );
  } else if (capacityType === "spot" && !allowSpot) {
    problems.add(
      "karpenter.capacityType",
      capacityType,
      "Spot capacity is not allowed in this environment (allowSpot is false)",
      "Use on-demand, or set allowSpot: true if interruptions are acceptable here.",
    );
  }
  // Karpenter's smallest allowed node has 2 vCPU and 8 GiB (components/autoscaling/versions.ts).
  if (!Number.isInteger(cpuLimit) || (cpuLimit as number) < 2 || (cpuLimit as number) > 1000) {
    problems.add(
      "karpenter.cpuLimit",
      cpuLimit,
      "must be a whole number of vCPU from 2 to 1000",
      "Set the most vCPU the NodePool may run, e.g. 16.",
    );
  }
  const memory = memoryLimitGiB as number;
  if (!Number.isInteger(memory) || memory < 8 || memory > 4000) {
    problems.add(
      "karpenter.memoryLimitGiB",
      memoryLimitGiB,
      "must be a whole number of GiB from 8 to 4000",
      "Set the most memory the NodePool may run, e.g. 64.",
    );
  }
  return merged as unknown as KarpenterSettings;
}

/** A Kubernetes version EKS supports but whose add-ons are not pinned is a settings error. */
export function checkAddonVersions(
  version: string,
  problems: Problems,
  kubernetesVersions: Readonly<Record<string, unknown>> = EKS_KUBERNETES_VERSIONS,
  addonVersions: Readonly<Record<string, unknown>> = EKS_ADDON_VERSIONS,
): void {
  if (version in kubernetesVersions && !(version in addonVersions)) {
    problems.add(
      "kubernetesVersion",
      version,
      "no pinned EKS add-on versions for this Kubernetes version",
      `Use one of ${Object.keys(addonVersions).join(", ")}, or add a row to components/cluster/addon-versions.ts (aws eks describe-addon-versions --kubernetes-version ${version}).`,
    );
  }
}
