/**
 * The `tags` setting: extra AWS tags on every resource (the provider's `defaultTags`), checked
 * against AWS's per-resource limit together with the tags the program adds itself.
 */
import type { Problems, Reader } from "./problems";
import * as rules from "./rules";

/**
 * "Maximum tags per resource: 50" (Tagging AWS resources, tag naming limits and requirements,
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html). Tags whose key starts
 * with `aws:` do not count, and the program's own do.
 */
export const AWS_MAX_TAGS_PER_RESOURCE = 50;

/**
 * The most tags any resource carries besides the default tags: awsx names each subnet (`Name`)
 * and the Network component adds the load balancer controller's subnet role
 * (components/network/network.ts, `PUBLIC_SUBNET_TAGS`/`PRIVATE_SUBNET_TAGS`).
 */
export const OWN_TAGS_PER_RESOURCE = 2;

/** Reads and checks `tags`; `programTags` are the default tags the program always adds. */
export function readTags(
  read: Reader,
  problems: Problems,
  programTags: Readonly<Record<string, string>>,
): Record<string, string> {
  const raw = read.object("tags");
  const tags: Record<string, string> = {};
  if (raw === undefined) return tags;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.add("tags", raw, "expected a map", "Write tags as a YAML map of key: value.");
    return tags;
  }
  const seen = new Map<string, string>();
  for (const [k, v] of Object.entries(raw)) {
    const r = rules.tag(k, v);
    if (r) {
      problems.add(`tags.${k}`, v, r, "Fix the tag.");
    } else if (k in programTags) {
      problems.add(
        `tags.${k}`,
        v,
        "the program sets this tag itself (cost reports and clean-up read it)",
        "Remove it, or use another key.",
      );
    } else if (seen.has(k.toLowerCase())) {
      problems.add(
        `tags.${k}`,
        v,
        `differs from tags.${seen.get(k.toLowerCase())} only in case; IAM treats tag keys case-insensitively and refuses both`,
        "Keep one of them.",
      );
    } else {
      seen.set(k.toLowerCase(), k);
      tags[k] = v as string;
    }
  }
  const room = AWS_MAX_TAGS_PER_RESOURCE - Object.keys(programTags).length - OWN_TAGS_PER_RESOURCE;
  const count = Object.keys(raw).length;
  if (count > room) {
    problems.add(
      "tags",
      `${count} tags`,
      `AWS allows ${AWS_MAX_TAGS_PER_RESOURCE} tags per resource, and the program adds ` +
        `${Object.keys(programTags).length} to every resource and up to ${OWN_TAGS_PER_RESOURCE} more to some`,
      `List at most ${room} tags.`,
    );
  }
  return tags;
}
