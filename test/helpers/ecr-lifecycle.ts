/**
 * An offline model of how Amazon ECR evaluates a lifecycle policy, written from its documented
 * rules (https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html
 * "Lifecycle policy evaluation rules", lifecycle_policy_parameters.html) and checked against the
 * documented examples (lifecycle_policy_examples.html, ecr-lifecycle.spec.ts):
 * - rules apply in ascending `rulePriority`; each selects images by `tagStatus` (`tagged` with a
 *   `tagPrefixList` or `tagPatternList`, `untagged`, `any`);
 * - a tagged rule selects an image when EVERY prefix (pattern) of its list matches at least one of
 *   the image's tags ("images must match all listed tag patterns"); `*` in a pattern matches any
 *   run of characters;
 * - `imageCountMoreThan n`: the selected images, newest first by push time, beyond the first n
 *   are marked (the count includes images that higher rules selected; images of the same push
 *   age count in the order listed, later as newer); `sinceImagePushed n days`:
 *   selected images pushed more than n days ago are marked;
 * - an image selected by a higher-priority rule is never expired by a lower-priority one ("it
 *   can't mark images ... because they were identified by higher priority rules");
 * - the policy itself: unique priorities, at most one `untagged` rule, an `any` rule only with the
 *   highest priority, a tagged rule with exactly one of the two lists, an untagged/any rule with
 *   none. Invalid policies throw (ECR refuses them) instead of being guessed at.
 * Archive transitions (`storageClass`, `sinceImagePulled`, `transition`) are not modelled: the
 * program writes none, and the model throws on them.
 */
import type { LifecyclePolicyDocument } from "../../components/delivery/registry";

export interface RegistryImage {
  /** A name for the test's messages (ECR knows the digest). */
  readonly id: string;
  /** Tags; empty: untagged. */
  readonly tags: readonly string[];
  /** Days since the image was pushed. */
  readonly pushedDaysAgo: number;
}

interface Selection {
  readonly tagStatus: "tagged" | "untagged" | "any";
  readonly tagPrefixList?: readonly string[];
  readonly tagPatternList?: readonly string[];
  readonly countType: "imageCountMoreThan" | "sinceImagePushed";
  readonly countUnit?: "days";
  readonly countNumber: number;
}

const KNOWN = new Set([
  "tagStatus",
  "tagPrefixList",
  "tagPatternList",
  "countType",
  "countUnit",
  "countNumber",
]);

function pattern(p: string): RegExp {
  return new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
}

function check(doc: LifecyclePolicyDocument): Selection[] {
  const rules = [...doc.rules].sort((a, b) => a.rulePriority - b.rulePriority);
  const priorities = rules.map((r) => r.rulePriority);
  if (new Set(priorities).size !== priorities.length)
    throw new Error("rulePriority values must be unique");
  const selections = rules.map((r) => {
    if (r.action.type !== "expire") throw new Error(`unmodelled action ${String(r.action.type)}`);
    for (const k of Object.keys(r.selection)) {
      if (!KNOWN.has(k)) throw new Error(`rule ${r.rulePriority}: unmodelled selection field ${k}`);
    }
    const s = r.selection as unknown as Selection;
    const lists = [s.tagPrefixList, s.tagPatternList].filter((l) => l !== undefined);
    if (s.tagStatus === "tagged" && (lists.length !== 1 || lists[0].length === 0)) {
      throw new Error(
        `rule ${r.rulePriority}: tagged needs exactly one of tagPrefixList, tagPatternList`,
      );
    }
    if (s.tagStatus !== "tagged" && lists.length > 0) {
      throw new Error(`rule ${r.rulePriority}: only a tagged rule takes a tag list`);
    }
    if (!Number.isInteger(s.countNumber) || s.countNumber < 1) {
      throw new Error(`rule ${r.rulePriority}: countNumber must be a positive integer`);
    }
    if (s.countType === "sinceImagePushed" && s.countUnit !== "days") {
      throw new Error(`rule ${r.rulePriority}: sinceImagePushed counts days`);
    }
    return s;
  });
  if (selections.filter((s) => s.tagStatus === "untagged").length > 1) {
    throw new Error("only one rule may select untagged images");
  }
  const any = selections.findIndex((s) => s.tagStatus === "any");
  if (any >= 0 && any !== selections.length - 1) {
    throw new Error("a rule with tagStatus any must have the highest rulePriority");
  }
  return selections;
}

function selects(s: Selection, image: RegistryImage): boolean {
  if (s.tagStatus === "any") return true;
  if (s.tagStatus === "untagged") return image.tags.length === 0;
  if (image.tags.length === 0) return false;
  const tests = s.tagPrefixList
    ? s.tagPrefixList.map((p) => (t: string) => t.startsWith(p))
    : (s.tagPatternList ?? []).map((p) => (t: string) => pattern(p).test(t));
  return tests.every((test) => image.tags.some(test));
}

/** The ids of the images the policy expires, in the order given. */
export function expiredImages(
  doc: LifecyclePolicyDocument,
  images: readonly RegistryImage[],
): string[] {
  const seen = new Set<RegistryImage>();
  const expired = new Set<RegistryImage>();
  for (const s of check(doc)) {
    const selected = images.filter((i) => selects(s, i));
    const marked =
      s.countType === "imageCountMoreThan"
        ? [...selected]
            // Newest first; images pushed the same day in the order listed (later: newer).
            .sort(
              (a, b) => a.pushedDaysAgo - b.pushedDaysAgo || images.indexOf(b) - images.indexOf(a),
            )
            .slice(s.countNumber)
        : selected.filter((i) => i.pushedDaysAgo > s.countNumber);
    for (const i of marked) if (!seen.has(i)) expired.add(i);
    for (const i of selected) seen.add(i);
  }
  return images.filter((i) => expired.has(i)).map((i) => i.id);
}
