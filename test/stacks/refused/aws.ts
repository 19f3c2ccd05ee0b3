/** Refused: regions and AWS tags. Rows as in ../bad-settings.ts. */
import type { BadSetting } from "../bad-settings";
import { REGION_ZONE_IDS } from "../../../components/network";

const REGIONS = Object.keys(REGION_ZONE_IDS).join(", ");
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, "x"]));

export const AWS_REFUSED: readonly BadSetting[] = [
  [
    "a region AWS does not have",
    "dev",
    {},
    `aws:region = "eu-west-9": not a region this program knows (components/network/zones.ts). Use one of ${REGIONS}, or add the region with its AZ IDs to components/network/zones.ts.`,
    "eu-west-9",
  ],
  [
    "a GovCloud region (another partition)",
    "dev",
    {},
    `aws:region = "us-gov-west-1": a region outside the commercial partition (the program writes arn:aws: ARNs). Use one of ${REGIONS}`,
    "us-gov-west-1",
  ],
  [
    "more tags than AWS allows with the program's own",
    "dev",
    { tags: tags(46) },
    `gitops-platform:tags = "46 tags": AWS allows 50 tags per resource, and the program adds 4 to every resource and up to 2 more to some. List at most 44 tags.`,
  ],
  [
    "a tag key with a character AWS refuses",
    "dev",
    { tags: { "cost center!": "x" } },
    `gitops-platform:tags.cost center! = "x": tag keys may hold letters, digits, spaces and _ . : / = + - @ only. Fix the tag.`,
  ],
  [
    "a tag value with a character AWS refuses",
    "dev",
    { tags: { team: "a;b" } },
    `gitops-platform:tags.team = "a;b": tag values may hold letters, digits, spaces and _ . : / = + - @ only. Fix the tag.`,
  ],
  [
    "a tag key over 128 characters",
    "dev",
    { tags: { ["k".repeat(129)]: "x" } },
    `gitops-platform:tags.${"k".repeat(129)} = "x": tag keys are 1 to 128 characters. Fix the tag.`,
  ],
  [
    "a tag value over 256 characters",
    "dev",
    { tags: { team: "v".repeat(257) } },
    `gitops-platform:tags.team = "${"v".repeat(257)}": tag values are at most 256 characters. Fix the tag.`,
  ],
  [
    "a tag the program sets itself",
    "dev",
    { tags: { "gitops-platform:stack": "x" } },
    `gitops-platform:tags.gitops-platform:stack = "x": the program sets this tag itself (cost reports and clean-up read it). Remove it, or use another key.`,
  ],
  [
    "two tag keys that differ only in case",
    "dev",
    { tags: { Team: "a", team: "b" } },
    `gitops-platform:tags.team = "b": differs from tags.Team only in case; IAM treats tag keys case-insensitively and refuses both. Keep one of them.`,
  ],
];
