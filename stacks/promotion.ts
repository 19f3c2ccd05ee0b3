/**
 * The shared stack's `promotion` setting: the ordered stages of the promotion path
 * (components/promotion/stages.ts). An entry is an environment name (shorthand: no approval rule)
 * or a map of environment, approvals and approvers. Every problem is reported with its entry's index.
 */
import {
  ENVIRONMENT_BRANCH_PREFIX,
  environmentBranch,
  PROMOTION_BRANCH_PREFIX,
  type PromotionStage,
} from "../components/promotion";
import type { PromotionStageRef } from "../components/delivery";
import { deliveryProfile } from "./profiles";
import type { Problems, Reader } from "./problems";

const FIELDS = ["environment", "approvals", "approvers"] as const;
const EXAMPLE =
  "such as [dev, {environment: staging, approvals: 1}, {environment: prod, approvals: 2, approvers: [arn:aws:iam::123456789012:role/release]}]";

/**
 * The most approvals a stage may ask for. CodeCommit refuses rules above its maximum
 * (MaximumNumberOfApprovalsExceededException, API reference) without publishing the number; a
 * count no team of approvers reaches would only make every promotion wait forever.
 */
export const MAX_APPROVALS = 10;

/** Environment names are stack names that also make a branch `env/<name>` and a Kubernetes label. */
const ENVIRONMENT = /^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$/;

/**
 * Approval pool members as CodeCommit's approval rule content takes them: an IAM user or role ARN,
 * or an assumed-role ARN whose session may be `*` (CreateApprovalRuleTemplate, "approval pool").
 */
export function approverProblem(value: string): string | undefined {
  const partition = "arn:aws(-cn|-us-gov)?";
  const name = "[\\w+=,.@\\-/]{1,512}";
  return new RegExp(`^${partition}:iam::\\d{12}:(role|user)/${name}$`).test(value) ||
    new RegExp(
      `^${partition}:sts::\\d{12}:assumed-role/[\\w+=,.@-]{1,64}/([\\w+=,.@-]{2,64}|\\*)$`,
    ).test(value)
    ? undefined
    : "not an IAM role or user ARN, nor an assumed-role ARN (arn:aws:sts::<account>:assumed-role/<role>/*)";
}

export function readPromotion(
  read: Reader,
  problems: Problems,
  defaultBranch: string,
): readonly PromotionStage[] {
  for (const prefix of [ENVIRONMENT_BRANCH_PREFIX, PROMOTION_BRANCH_PREFIX]) {
    if (defaultBranch.startsWith(prefix)) {
      problems.add(
        "defaultBranch",
        defaultBranch,
        `branches under ${prefix} belong to the promotion path (no environment identity may write them), but dev's image automation writes the default branch`,
        "Use a name such as main.",
      );
    }
  }
  const raw = read.object("promotion") ?? deliveryProfile.promotion;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add(
      "promotion",
      raw,
      Array.isArray(raw) ? "no stage listed" : "expected a list",
      `List the environments in promotion order, ${EXAMPLE} (README, Settings).`,
    );
    return [];
  }
  const stages = raw.flatMap((entry: unknown, i) => {
    const s = readStage(entry, i, problems);
    return s ? [s] : [];
  });
  const names = stages.map((s) => s.environment);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) {
    problems.add(
      "promotion",
      [...new Set(twice)],
      "an environment is listed twice: each syncs one branch",
      "List each environment once.",
    );
  }
  return stages;
}

function readStage(entry: unknown, index: number, problems: Problems): PromotionStage | undefined {
  const key = `promotion[${index}]`;
  const given: Record<string, unknown> =
    typeof entry === "string"
      ? { environment: entry }
      : entry !== null && typeof entry === "object" && !Array.isArray(entry)
        ? (entry as Record<string, unknown>)
        : {};
  if (Object.keys(given).length === 0) {
    problems.add(
      key,
      entry,
      "expected an environment name or a map with an environment",
      `Write ${EXAMPLE}.`,
    );
    return undefined;
  }
  let ok = true;
  const bad = (field: string, value: unknown, what: string, fix: string) => {
    problems.add(`${key}.${field}`, value, what, fix);
    ok = false;
  };
  for (const k of Object.keys(given)) {
    if (!(FIELDS as readonly string[]).includes(k))
      bad(k, given[k], "unknown field", `Use ${FIELDS.join(", ")}.`);
  }
  const environment = given.environment;
  if (typeof environment !== "string" || !ENVIRONMENT.test(environment)) {
    bad(
      "environment",
      environment,
      "not an environment name (lower-case letters, digits and '-', 1 to 30 characters)",
      "Use the environment stack's name, such as staging.",
    );
  }
  const approvals = given.approvals ?? (index === 0 ? 0 : 1);
  if (
    typeof approvals !== "number" ||
    !Number.isInteger(approvals) ||
    approvals < 0 ||
    approvals > MAX_APPROVALS
  ) {
    bad(
      "approvals",
      approvals,
      `expected a whole number from 0 to ${MAX_APPROVALS}`,
      "Use 1 (staging) or 2 (prod).",
    );
  } else if (index === 0 && approvals !== 0) {
    bad(
      "approvals",
      approvals,
      "the first stage takes no pull requests: its image automation writes its branch",
      "Set approvals: 0 here, and ask approvals of the stages after it.",
    );
  }
  const approvers = given.approvers ?? [];
  if (!Array.isArray(approvers) || approvers.some((a) => typeof a !== "string")) {
    bad(
      "approvers",
      approvers,
      "expected a list of IAM principal ARNs",
      "Such as [arn:aws:iam::123456789012:role/release].",
    );
  } else {
    for (const a of approvers as string[]) {
      const r = approverProblem(a);
      if (r) bad("approvers", a, r, "List the principals whose approvals count.");
    }
    if (index === 0 && approvers.length > 0) {
      bad(
        "approvers",
        approvers,
        "the first stage takes no pull requests, so no approvals",
        "Remove approvers here.",
      );
    }
  }
  if (!ok) return undefined;
  return {
    environment: environment as string,
    approvals: approvals as number,
    approvers: approvers as string[],
  };
}

/** The shared output `promotion`: the stages in order, each with its branch. */
export function promotionOutput(
  stages: readonly PromotionStage[],
  defaultBranch: string,
): { stages: PromotionStageRef[] } {
  return {
    stages: stages.map((s) => ({
      ...s,
      branch: environmentBranch(stages, s.environment, defaultBranch),
    })),
  };
}
