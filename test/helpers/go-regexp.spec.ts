import * as assert from "node:assert/strict";
import { goRegexp } from "./go-regexp";

describe("test helper: Go regexp semantics (RE2JS)", () => {
  it("searches unanchored and returns Go's named groups", () => {
    const re = goRegexp("^main-(?P<sha>[a-f0-9]{7})-(?P<build>[1-9][0-9]*)$");
    assert.deepEqual(re.exec("main-1f49071-24"), {
      match: "main-1f49071-24",
      groups: { sha: "1f49071", build: "24" },
    });
    assert.equal(goRegexp("b+").exec("abbbc")?.match, "bbb");
    assert.equal(re.test("main-1f49071-024"), false);
  });

  it("refuses what Go's RE2 refuses and JavaScript would accept", () => {
    assert.throws(() => goRegexp("main-(?=[0-9])"));
    assert.throws(() => goRegexp("(a)\\1"));
    assert.throws(() => goRegexp("(?<!x)y"));
  });
});
