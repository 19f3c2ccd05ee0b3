import * as assert from "node:assert/strict";
import {
  and,
  apply,
  compare,
  holds,
  marshal,
  notExists,
  or,
  render,
  unmarshal,
  type Update,
} from "../../connector/src/expression";
import { MemoryStore } from "../../connector/src/store";

const update: Update = {
  key: { pk: "dev", sk: "revision#Kustomization/flux-system/apps#main@sha1:1" },
  set: {
    status: "succeeded",
    firstSeenAt: { ifNotExists: "2026-01-01T00:00:00.000Z" },
    images: ["a:1"],
  },
  remove: ["supersededBy"],
  condition: or(
    notExists("sk"),
    and(compare("lastEventOrder", "<", "T#4"), compare("status", "<>", "succeeded")),
  ),
};

describe("connector: conditional updates as data", () => {
  it("renders the DynamoDB UpdateItem expression, names and values", () => {
    assert.deepEqual(render(update), {
      UpdateExpression: "SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1), #n2 = :v2 REMOVE #n3",
      ConditionExpression: "(attribute_not_exists(#n4) OR (#n5 < :v3 AND #n0 <> :v4))",
      ExpressionAttributeNames: {
        "#n0": "status",
        "#n1": "firstSeenAt",
        "#n2": "images",
        "#n3": "supersededBy",
        "#n4": "sk",
        "#n5": "lastEventOrder",
      },
      ExpressionAttributeValues: {
        ":v0": { S: "succeeded" },
        ":v1": { S: "2026-01-01T00:00:00.000Z" },
        ":v2": { L: [{ S: "a:1" }] },
        ":v3": { S: "T#4" },
        ":v4": { S: "succeeded" },
      },
      ReturnValues: "ALL_OLD",
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    });
  });

  it("evaluates conditions as DynamoDB does (a missing attribute compares false)", () => {
    assert.equal(holds(update.condition, undefined), true);
    assert.equal(
      holds(update.condition, { sk: "x", lastEventOrder: "T#1", status: "failed" }),
      true,
    );
    assert.equal(
      holds(update.condition, { sk: "x", lastEventOrder: "T#5", status: "failed" }),
      false,
    );
    assert.equal(
      holds(update.condition, { sk: "x", lastEventOrder: "T#1", status: "succeeded" }),
      false,
    );
    assert.equal(holds(compare("missing", "<>", "a"), { sk: "x" }), false);
    assert.equal(holds(compare("n", "<=", "b"), { n: "b" }), true);
  });

  it("applies SET, if_not_exists and REMOVE like UpdateItem", () => {
    assert.deepEqual(
      apply(update, { pk: "dev", sk: update.key.sk, firstSeenAt: "earlier", supersededBy: "x" }),
      {
        pk: "dev",
        sk: update.key.sk,
        status: "succeeded",
        firstSeenAt: "earlier",
        images: ["a:1"],
      },
    );
  });

  it("marshals the value types the ledger uses, both ways", () => {
    const item = { s: "x", n: 3, b: true, l: ["a", "b"] };
    const wire = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, marshal(v)]));
    assert.deepEqual(wire, {
      s: { S: "x" },
      n: { N: "3" },
      b: { BOOL: true },
      l: { L: [{ S: "a" }, { S: "b" }] },
    });
    assert.deepEqual(unmarshal(wire), item);
    assert.throws(() => unmarshal({ m: { M: {} } }), /unsupported attribute m/);
  });

  it("MemoryStore writes only when the condition holds and returns the item as it was", async () => {
    const store = new MemoryStore();
    const first = await store.update(update);
    assert.deepEqual(first, { written: true, before: undefined });
    const again = await store.update(update);
    assert.equal(again.written, false);
    assert.equal(again.before?.status, "succeeded");
    assert.deepEqual(
      (await store.query("dev", "revision#")).map((i) => i.sk),
      [update.key.sk],
    );
  });
});
