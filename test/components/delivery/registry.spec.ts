import * as assert from "node:assert/strict";
import { type StackRun } from "../../../harness/run";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { lifecyclePolicy, pullPolicy, PULL_ACTIONS } from "../../../components/delivery/registry";
import { formatImageTag } from "../../../components/delivery/image-tag";
import { fixtureRun, runFixture } from "../../helpers/stacks";

const ECR = "aws:ecr/repository:Repository";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";

describe("registry lifecycle policy", () => {
  const doc = lifecyclePolicy({
    untaggedExpiryDays: 7,
    keepImagesPerBranch: 30,
    branches: ["main", "release/1.x"],
  });

  it("keeps promoted images first, expires untagged images after N days, then keeps the newest N per branch prefix", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(doc)), {
      rules: [
        {
          rulePriority: 1,
          description: "Keep promoted images (promoted-*): they run in or wait for a later stage",
          selection: {
            tagStatus: "tagged",
            tagPatternList: ["promoted-*"],
            countType: "imageCountMoreThan",
            countNumber: 1000,
          },
          action: { type: "expire" },
        },
        {
          rulePriority: 2,
          description: "Expire untagged images after 7 days",
          selection: {
            tagStatus: "untagged",
            countType: "sinceImagePushed",
            countUnit: "days",
            countNumber: 7,
          },
          action: { type: "expire" },
        },
        {
          rulePriority: 3,
          description: "Keep the newest 30 images of branch main",
          selection: {
            tagStatus: "tagged",
            tagPrefixList: ["main-"],
            countType: "imageCountMoreThan",
            countNumber: 30,
          },
          action: { type: "expire" },
        },
        {
          rulePriority: 4,
          description: "Keep the newest 30 images of branch release/1.x",
          selection: {
            tagStatus: "tagged",
            tagPrefixList: ["release-1.x-"],
            countType: "imageCountMoreThan",
            countNumber: 30,
          },
          action: { type: "expire" },
        },
      ],
    });
  });

  it("selects exactly the tags the pipeline gives that branch", () => {
    const [, , main, release] = doc.rules;
    const prefix = (r: typeof main) => (r.selection.tagPrefixList as string[])[0];
    const sha = "1f49071aa0c4e3b2b6f0d5e9c8a7b6c5d4e3f2a1";
    assert.ok(formatImageTag("main", sha, 24).startsWith(prefix(main)));
    assert.ok(formatImageTag("release/1.x", sha, 3).startsWith(prefix(release)));
    assert.ok(!formatImageTag("maintenance", sha, 3).startsWith(prefix(main)));
  });
});

describe("registry pull policy", () => {
  it("is absent when no other account pulls", () => {
    assert.equal(pullPolicy([]), undefined);
  });

  it("lets the listed accounts pull, and nothing more", () => {
    assert.deepEqual(pullPolicy(["111122223333", "444455556666"]), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PullFromEnvironmentAccounts",
          Effect: "Allow",
          Principal: {
            AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"],
          },
          Action: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:GetDownloadUrlForLayer",
          ],
        },
      ],
    });
    assert.ok(PULL_ACTIONS.every((a) => !/Put|Upload|Delete|Set/.test(a)));
  });
});

describe("Registry (shared stack)", () => {
  let shared: StackRun;
  before(async () => {
    shared = await fixtureRun("shared");
  });

  /** The fixture's services (test/fixtures/stacks/Pulumi.shared.yaml). */
  const SERVICES = ["front-end", "catalogue"];
  const url = (s: string) => `${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/${s}`;

  it("declares one protected, immutable, scanned, encrypted repository per service", () => {
    const repos = shared.resources.filter((r) => r.type === ECR);
    assert.deepEqual(
      repos.map((r) => [r.name, r.protect]),
      SERVICES.map((s) => [`registry-${s}`, true]),
    );
    for (const [i, r] of repos.entries()) {
      assert.deepEqual(
        {
          name: r.inputs.name,
          imageTagMutability: r.inputs.imageTagMutability,
          imageTagMutabilityExclusionFilters: r.inputs.imageTagMutabilityExclusionFilters,
          imageScanningConfiguration: r.inputs.imageScanningConfiguration,
          encryptionConfigurations: r.inputs.encryptionConfigurations,
          forceDelete: r.inputs.forceDelete,
        },
        {
          name: SERVICES[i],
          // Releases immutable; only the build cache's tag moves.
          imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
          imageTagMutabilityExclusionFilters: [{ filter: "buildcache", filterType: "WILDCARD" }],
          imageScanningConfiguration: { scanOnPush: true },
          encryptionConfigurations: [{ encryptionType: "AES256" }],
          forceDelete: false,
        },
      );
    }
  });

  it("attaches the lifecycle policy of the settings, and no pull policy by default", () => {
    const lc = shared.resources.filter((r) => r.type === LIFECYCLE);
    assert.deepEqual(
      lc.map((r) => [r.name, r.inputs.repository]),
      SERVICES.map((s) => [`registry-${s}-lifecycle`, s]),
    );
    for (const r of lc) {
      assert.deepEqual(
        JSON.parse(r.inputs.policy),
        lifecyclePolicy({ untaggedExpiryDays: 7, keepImagesPerBranch: 30, branches: ["main"] }),
      );
    }
    assert.equal(shared.resources.filter((r) => r.type === POLICY).length, 0);
  });

  it("exports the registry host and each repository by service", () => {
    assert.equal(shared.outputs.ecrRegistry, `${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`);
    assert.deepEqual(
      shared.outputs.ecrRepositories,
      Object.fromEntries(
        SERVICES.map((s) => [
          s,
          { name: s, arn: `arn:aws:ecr:us-east-1:${MOCK_ACCOUNT}:repository/${s}`, url: url(s) },
        ]),
      ),
    );
    assert.equal(shared.outputs.accountId, MOCK_ACCOUNT);
  });

  it("adds a pull policy per repository when environment accounts are listed", async () => {
    const run = await runFixture("shared", {
      config: { ecrPullAccountIds: ["111122223333"], services: ["front-end", "cart-v2"] },
    });
    const policies = run.resources.filter((r) => r.type === POLICY);
    assert.deepEqual(
      policies.map((r) => [r.name, r.inputs.repository]),
      [
        ["registry-front-end-pull", "front-end"],
        ["registry-cart-v2-pull", "cart-v2"],
      ],
    );
    assert.deepEqual(JSON.parse(policies[0].inputs.policy), pullPolicy(["111122223333"]));
  });
});
