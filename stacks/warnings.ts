/**
 * Legal but risky or costly choices, as pure functions of the settings (and a date, for support
 * windows): the plan prints them in a Warnings section and its JSON; a real run prints them with
 * `pulumi.log.warn` (index.ts). Each names the key, what follows from it and how to change it.
 */
import {
  EKS_EXTENDED_USD_PER_HOUR,
  EKS_STANDARD_USD_PER_HOUR,
  HOURS_PER_MONTH,
} from "../components/cost";
import { EKS_KUBERNETES_VERSIONS } from "../components/cluster";
import { formatImageTag } from "../components/delivery";
import { NAMESPACE } from "./problems";
import type { DeliverySettings, RuntimeSettings, Settings } from "./settings";

/** How long ahead of the end of standard support the plan starts warning, in days. */
export const SUPPORT_WARNING_DAYS = 90;

export interface Warning {
  /** The setting the warning is about (`gitops-platform:...`). */
  readonly key: string;
  readonly text: string;
}

const warn = (key: string, text: string): Warning => ({
  key: key.includes(":") ? key : `${NAMESPACE}:${key}`,
  text: `${key.includes(":") ? key : `${NAMESPACE}:${key}`}: ${text}`,
});

const DAY_MS = 86_400_000;

function runtimeWarnings(s: RuntimeSettings, date: Date): Warning[] {
  const out: Warning[] = [];
  const c = s.cluster;
  if (c.endpointPublicAccess && c.publicAccessCidrs.includes("0.0.0.0/0")) {
    out.push(
      warn(
        "publicAccessCidrs",
        "the Kubernetes API endpoint accepts connections from the whole internet (0.0.0.0/0); only IAM authentication stands in the way. List the CIDRs of your operators and of the machine that runs pulumi up.",
      ),
    );
  }
  if (s.profile === "prod" && s.network.natGateways === "Single") {
    out.push(
      warn(
        "natGateways",
        `one NAT gateway for ${s.network.availabilityZones} availability zones: when its zone fails, every private subnet of prod loses the internet (ECR pulls, AWS APIs). Set natGateways: OnePerAz (about $33/month per extra gateway).`,
      ),
    );
  }
  if (s.profile === "prod" && !s.protect) {
    out.push(
      warn(
        "protect",
        "prod's stateful resources (KMS key, log groups) and the cluster's deletion protection are off: one pulumi destroy removes them. Remove protect: false.",
      ),
    );
  }
  const spot = c.nodeGroups.filter((g) => g.capacityType === "SPOT").map((g) => g.name);
  if (s.profile === "staging" && spot.length > 0) {
    out.push(
      warn(
        "nodeGroups",
        `staging runs Spot nodes (${spot.join(", ")}): interruptions make it behave unlike prod, which the profile keeps On-Demand. Use capacityType: ON_DEMAND to test what prod runs.`,
      ),
    );
  }
  const support = EKS_KUBERNETES_VERSIONS[c.kubernetesVersion];
  if (support) {
    const ends = new Date(`${support.standardSupportEnds}T23:59:59Z`);
    const days = Math.ceil((ends.getTime() - date.getTime()) / DAY_MS);
    const perMonth = (rate: number) => `$${(rate * HOURS_PER_MONTH).toFixed(0)}/month`;
    if (days <= SUPPORT_WARNING_DAYS) {
      const when =
        days > 0
          ? `ends in ${days} days (${support.standardSupportEnds})`
          : `ended ${support.standardSupportEnds}`;
      out.push(
        warn(
          "kubernetesVersion",
          c.supportType === "EXTENDED"
            ? `standard support of Kubernetes ${c.kubernetesVersion} ${when}: from then the control plane costs $${EKS_EXTENDED_USD_PER_HOUR.toFixed(2)} an hour (${perMonth(EKS_EXTENDED_USD_PER_HOUR)}) instead of $${EKS_STANDARD_USD_PER_HOUR.toFixed(2)} (${perMonth(EKS_STANDARD_USD_PER_HOUR)}), until ${support.extendedSupportEnds}. Upgrade kubernetesVersion before then.`
            : `standard support of Kubernetes ${c.kubernetesVersion} ${when}: with clusterSupportType STANDARD, EKS then upgrades the control plane itself, and the stack's kubernetesVersion no longer matches the cluster. Upgrade kubernetesVersion first.`,
        ),
      );
    }
  }
  return out;
}

function deliveryWarnings(s: DeliverySettings): Warning[] {
  const out: Warning[] = [];
  // CodeCommit's approval state cannot be confined to one destination branch by IAM: without an
  // approver pool, any principal allowed to approve counts, the approvers of another stage too.
  const open = s.promotion.slice(1).filter((p) => p.approvals > 0 && p.approvers.length === 0);
  if (open.length > 0) {
    out.push(
      warn(
        "promotion",
        `${open.map((p) => p.environment).join(", ")} take${open.length === 1 ? "s" : ""} approvals from any principal allowed to approve (no approvers), another stage's approvers included. Give each later stage its own approvers (role ARNs: their sessions count).`,
      ),
    );
  }
  if (s.registry.forceDelete && s.protect) {
    out.push(
      warn(
        "ecrForceDelete",
        "ECR repositories are protected (protect) and would still be deleted with their images once protection is lifted. Keep ecrForceDelete: false unless the images are disposable.",
      ),
    );
  }
  return out;
}

/** The warnings of a stack's settings at `date`. */
export function settingsWarnings(settings: Settings, date: Date): Warning[] {
  return settings.plane === "runtime"
    ? runtimeWarnings(settings, date)
    : deliveryWarnings(settings);
}

/**
 * The dev ImagePolicy must select the tags the pipeline builds: given the `filterTags.pattern` of
 * every ImagePolicy in the flux-repo content (Go RE2 with `(?P<name>)` groups), warns when none
 * matches a tag of `pipelineBranch`. Content is seeded once, then owned by git: the fix names both.
 */
export function imagePolicyWarnings(
  pipelineBranch: string,
  patterns: readonly { readonly file: string; readonly pattern: string }[],
): Warning[] {
  if (patterns.length === 0) return [];
  const sample = formatImageTag(pipelineBranch, "0a1b2c3", 17);
  // JavaScript spells RE2's (?P<name>...) as (?<name>...); the rest of these patterns is common.
  const matches = (p: string) => {
    try {
      return new RegExp(p.replace(/\(\?P</g, "(?<")).test(sample);
    } catch {
      return false;
    }
  };
  if (patterns.some((p) => matches(p.pattern))) return [];
  return [
    warn(
      "pipelineBranch",
      `images of branch '${pipelineBranch}' are tagged like ${sample}, which no ImagePolicy in ${patterns.map((p) => p.file).join(", ")} selects: dev never rolls them out. Change the policy's filterTags.pattern to imagePolicyFilter('${pipelineBranch}') (components/delivery/image-tag.ts), in gitops/ and in the seeded flux-repo.`,
    ),
  ];
}
