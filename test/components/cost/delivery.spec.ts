import * as assert from "node:assert/strict";
import { estimateMonthlyCost, type CostLine } from "../../../components/cost";
import { stackSettings } from "../../../harness/settings";
import { FIXTURE_STACKS } from "../../helpers/stacks";
import type { DeliverySettings } from "../../../stacks/settings";

/** The date the README table is computed at (the README says so). */
const README_DATE = new Date("2026-11-23T12:00:00Z");

const find = (lines: readonly CostLine[], prefix: string): CostLine => {
  const found = lines.find((l) => l.item.startsWith(prefix));
  assert.ok(found, `a line starting with ${prefix}`);
  return found;
};

describe("components/cost: the shared stack's estimate", () => {
  let shared: DeliverySettings;
  before(() => {
    shared = stackSettings("shared", FIXTURE_STACKS) as DeliverySettings;
  });

  it("gives the shared stack no fixed cost: every item is usage-priced, with its price", () => {
    const cost = estimateMonthlyCost(shared, README_DATE);
    assert.deepEqual(
      cost.lines.map((l) => [l.item, l.quantity, l.unitUsd, l.monthlyUsd]),
      [
        ["CodeCommit (3 repositories)", 0, 1, 0],
        ["ECR (2 repositories)", 0, 0.1, 0],
        ["CodePipeline V2 (2 pipelines)", 0, 0.002, 0],
        ["CodeBuild (BUILD_GENERAL1_SMALL)", 0, 0.005, 0],
        ["S3 (pipeline artifacts, 2 buckets)", 0, 0.023, 0],
        ["Lambda (deployment feedback, arm64)", 0, 0.0000133334, 0],
        ["DynamoDB (deployment ledger, on demand)", 0, 0.625, 0],
        ["EventBridge (Deployment Status Change events)", 0, 1, 0],
      ],
    );
    assert.match(
      find(cost.lines, "CodeBuild").note,
      /runs the build router \(under a minute\) plus one image build per service it changed/,
    );
    assert.match(find(cost.lines, "CodeCommit").note, /^usage: first 5 active users a month free/);
    assert.equal(cost.totalMonthlyUsd, 0);
  });

  it("follows the number of services in the shared stack's line items", () => {
    const items = (n: number) => {
      const services = Array.from({ length: n }, (_, i) => `service-${i}`);
      const cost = estimateMonthlyCost(
        { ...shared, registry: { ...shared.registry, services } },
        README_DATE,
      );
      return cost.lines.map((l) => l.item);
    };
    assert.deepEqual(items(1).slice(1, 3), ["ECR (1 repository)", "CodePipeline V2 (1 pipeline)"]);
    assert.deepEqual(items(10).slice(1, 3), [
      "ECR (10 repositories)",
      "CodePipeline V2 (10 pipelines)",
    ]);
    assert.equal(items(50)[4], "S3 (pipeline artifacts, 50 buckets)");
  });
});
