/**
 * The ECR lifecycle model against every expiring example of
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html (the
 * repository contents, the policy and the documented result), and against the policy checks ECR
 * documents in lifecycle_policy_parameters.html.
 */
import * as assert from "node:assert/strict";
import type { LifecyclePolicyDocument } from "../../components/delivery/registry";
import { expiredImages, type RegistryImage } from "./ecr-lifecycle";

type Sel = LifecyclePolicyDocument["rules"][number]["selection"];
const policy = (...selections: Sel[]): LifecyclePolicyDocument => ({
  rules: selections.map((selection, i) => ({
    rulePriority: i + 1,
    description: `Rule ${i + 1}`,
    selection,
    action: { type: "expire" },
  })),
});
const image = (id: string, tags: string[], pushedDaysAgo: number): RegistryImage => ({
  id,
  tags,
  pushedDaysAgo,
});
const count = (n: number) => ({ countType: "imageCountMoreThan", countNumber: n });
const days = (n: number) => ({ countType: "sinceImagePushed", countUnit: "days", countNumber: n });

describe("test helper: ECR lifecycle model, on AWS's documented examples", () => {
  it("filtering on image age: prod* older than 14 days", () => {
    const images = [
      image("old", ["prod-1"], 15),
      image("new", ["prod-2"], 14),
      image("dev", ["dev-1"], 30),
    ];
    assert.deepEqual(
      expiredImages(
        policy({ tagStatus: "tagged", tagPatternList: ["prod*"], ...days(14) }),
        images,
      ),
      ["old"],
    );
  });

  it("filtering on image count: keep only one untagged image", () => {
    const images = [
      image("u1", [], 3),
      image("u2", [], 2),
      image("u3", [], 1),
      image("t", ["a"], 9),
    ];
    assert.deepEqual(expiredImages(policy({ tagStatus: "untagged", ...count(1) }), images), [
      "u1",
      "u2",
    ]);
  });

  const multiple = [
    image("A", ["beta-1", "prod-1"], 10),
    image("B", ["beta-2", "prod-2"], 9),
    image("C", ["beta-3"], 8),
  ];
  for (const [list, prod, beta] of [
    ["tagPatternList", ["prod*"], ["beta*"]],
    ["tagPrefixList", ["prod"], ["beta"]],
  ] as const) {
    it(`multiple rules, example A (${list}): an image a higher rule saw is not expired by a lower one`, () => {
      const doc = policy(
        { tagStatus: "tagged", [list]: prod, ...count(1) },
        { tagStatus: "tagged", [list]: beta, ...count(1) },
      );
      assert.deepEqual(expiredImages(doc, multiple), ["A"]);
    });

    it(`multiple rules, example B (${list}): the same rules in the other order`, () => {
      const doc = policy(
        { tagStatus: "tagged", [list]: beta, ...count(1) },
        { tagStatus: "tagged", [list]: prod, ...count(1) },
      );
      assert.deepEqual(expiredImages(doc, multiple), ["A", "B"]);
    });
  }

  it("multiple tags in one rule, example A: an image must match every pattern", () => {
    const images = [
      image("A", ["alpha-1"], 12),
      image("B", ["beta-1"], 11),
      image("C", ["alpha-2", "beta-2"], 10),
      image("D", ["alpha-3"], 4),
      image("E", ["beta-3"], 3),
      image("F", ["alpha-4", "beta-4"], 2),
    ];
    const doc = policy({ tagStatus: "tagged", tagPatternList: ["alpha*", "beta*"], ...days(5) });
    assert.deepEqual(expiredImages(doc, images), ["C"]);
  });

  it("multiple tags in one rule, example B: tags are not exclusive", () => {
    const images = [
      image("A", ["alpha-1", "beta-1", "gamma-1"], 10),
      image("B", ["alpha-2", "beta-2"], 9),
      image("C", ["alpha-3", "beta-3", "gamma-2"], 8),
    ];
    const doc = policy({ tagStatus: "tagged", tagPatternList: ["alpha*", "beta*"], ...count(1) });
    assert.deepEqual(expiredImages(doc, images), ["A", "B"]);
  });

  it("all images, example A: any, keep one", () => {
    const images = [
      image("A", ["alpha-1"], 4),
      image("B", ["beta-1"], 3),
      image("C", [], 2),
      image("D", ["alpha-2"], 1),
    ];
    assert.deepEqual(expiredImages(policy({ tagStatus: "any", ...count(1) }), images), [
      "A",
      "B",
      "C",
    ]);
  });

  it("all images, example B: tagged, untagged and any rules together", () => {
    const images = [
      image("A", ["alpha-1", "beta-1"], 4),
      image("B", [], 3),
      image("C", ["alpha-2"], 2),
      image("D", ["git hash"], 1),
      image("E", [], 1),
    ];
    const doc = policy(
      { tagStatus: "tagged", tagPatternList: ["alpha*"], ...count(1) },
      { tagStatus: "untagged", ...days(1) },
      { tagStatus: "any", ...count(1) },
    );
    assert.deepEqual(expiredImages(doc, images), ["A", "B", "D"]);
  });

  it("refuses what ECR refuses", () => {
    const images = [image("A", ["a"], 1)];
    const bad: [LifecyclePolicyDocument, string][] = [
      [
        policy({ tagStatus: "any", ...count(1) }, { tagStatus: "untagged", ...count(1) }),
        "a rule with tagStatus any must have the highest rulePriority",
      ],
      [
        policy({ tagStatus: "untagged", ...count(1) }, { tagStatus: "untagged", ...days(3) }),
        "only one rule may select untagged images",
      ],
      [
        policy({ tagStatus: "tagged", ...count(1) }),
        "rule 1: tagged needs exactly one of tagPrefixList, tagPatternList",
      ],
      [
        policy({ tagStatus: "tagged", tagPrefixList: ["a"], tagPatternList: ["a*"], ...count(1) }),
        "rule 1: tagged needs exactly one of tagPrefixList, tagPatternList",
      ],
      [
        policy({ tagStatus: "untagged", tagPrefixList: ["a"], ...count(1) }),
        "rule 1: only a tagged rule takes a tag list",
      ],
      [
        policy({ tagStatus: "untagged", ...count(0) }),
        "rule 1: countNumber must be a positive integer",
      ],
      [
        {
          rules: [
            ...policy({ tagStatus: "untagged", ...count(1) }).rules,
            ...policy({ tagStatus: "any", ...count(2) }).rules,
          ],
        },
        "rulePriority values must be unique",
      ],
    ];
    for (const [doc, message] of bad) assert.throws(() => expiredImages(doc, images), { message });
  });
});
