import * as assert from "node:assert/strict";
import {
  commitLink,
  DESCRIPTION_LIMIT,
  promotionDescription,
  promotionTitle,
  readState,
  TITLE_LIMIT,
  type PromotionRecord,
  type PromotionState,
} from "../../promotion/src/record";
import { REGISTRY } from "./rig";

const D = `sha256:${"b".repeat(64)}`;
const record = (service: string, tag = "main-1a2b3c4-7"): PromotionRecord => ({
  service,
  source: "dev",
  revision: `main@sha1:${"c".repeat(40)}`,
  commitId: "c".repeat(40),
  images: [{ name: `${REGISTRY}/${service}`, tag, digest: D }],
  healthySince: "2026-12-02T09:00:00Z",
  eventId: "e1",
  requestedBy: "event",
});
const CTX = { region: "eu-west-1", repository: "microservices-repo" };

describe("promotion: the pull request's title and description", () => {
  it("carries each deployment record and reads the state back", () => {
    const state: PromotionState = {
      target: "staging",
      base: "d".repeat(40),
      records: [record("catalogue")],
    };
    const text = promotionDescription(state, CTX);
    assert.equal(promotionTitle(state), "Promote to staging: catalogue main-1a2b3c4-7");
    for (const line of [
      "### catalogue",
      "- healthy in **dev** since 2026-12-02T09:00:00Z",
      `- revision \`main@sha1:${"c".repeat(40)}\` ([commit ccccccc](${commitLink("eu-west-1", "microservices-repo", "c".repeat(40))}))`,
      `- image \`${REGISTRY}/catalogue:main-1a2b3c4-7@${D}\``,
      "- requested by deployment event e1",
    ])
      assert.ok(text.includes(`${line}\n`), line);
    assert.deepEqual(readState(text), state);
    assert.equal(
      commitLink("eu-west-1", "microservices-repo", "c".repeat(40)),
      `https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/microservices-repo/commit/${"c".repeat(40)}?region=eu-west-1`,
    );
  });

  it("stays within CodeCommit's limits with many services", () => {
    const records = Array.from({ length: 15 }, (_, i) =>
      record(`service-number-${i}`, `main-1a2b3c4-${i}`),
    );
    const state: PromotionState = { target: "production", base: "d".repeat(40), records };
    const title = promotionTitle(state);
    const text = promotionDescription(state, CTX);
    assert.equal(title.length, TITLE_LIMIT);
    assert.ok(title.endsWith("…"));
    assert.ok(text.length <= DESCRIPTION_LIMIT, String(text.length));
    assert.deepEqual(readState(text), state);
    assert.ok(text.includes("…\n\nPromotion record"));
    const more = { ...state, records: [...records, ...records] };
    assert.throws(
      () => promotionDescription(more, CTX),
      /^PromotionRefused: 30 services waiting for production no longer fit/,
    );
  });

  it("a description it did not write (or that was edited) has no state", () => {
    assert.equal(readState("a pull request by hand"), undefined);
    const text = promotionDescription({ target: "staging", base: "d", records: [] }, CTX);
    assert.equal(readState(text.replace('"target"', '"tar')), undefined);
  });
});
