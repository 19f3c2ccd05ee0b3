import * as assert from "node:assert/strict";
import { checkSignature, sign } from "../../connector/src/signature";

/** A body as notification-controller's json.Marshal writes it (no spaces, struct field order). */
const BODY =
  '{"involvedObject":{"kind":"Kustomization","namespace":"flux-system","name":"apps"},"severity":"info","timestamp":"2026-08-07T16:12:44Z","message":"Reconciliation finished in 1.2s, next run in 5m0s","reason":"ReconciliationSucceeded","metadata":{"commit_status":"update","environment":"dev","revision":"main@sha1:1f49071aa0c2bbd3d5c02d93bfb1c2a8f3a3e0d1"},"reportingController":"kustomize-controller"}';
const KEY = Buffer.from("0123456789abcdef0123456789abcdef");
/** Computed independently (Python `hmac.new(key, body, hashlib.sha256).hexdigest()`). */
const BODY_MAC = "1ef91dc127c1a76b593c3bfd706ccb201c46521e3d60fc7d9ba69ca8d3c15f2c";

describe("connector: HMAC-SHA256 signature (generic-hmac X-Signature)", () => {
  it("matches RFC 4231 test case 2 and an independently computed Flux body", () => {
    assert.equal(
      sign(Buffer.from("what do ya want for nothing?"), Buffer.from("Jefe")),
      "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    assert.equal(sign(Buffer.from(BODY), KEY), `sha256=${BODY_MAC}`);
  });

  it("accepts exactly the header Flux sends (hex case aside)", () => {
    const body = Buffer.from(BODY);
    assert.equal(checkSignature(`sha256=${BODY_MAC}`, body, KEY), "valid");
    assert.equal(checkSignature(`sha256=${BODY_MAC.toUpperCase()}`, body, KEY), "valid");
  });

  it("refuses a missing, malformed, wrong-algorithm, wrong-key or wrong-body signature", () => {
    const body = Buffer.from(BODY);
    assert.equal(checkSignature(undefined, body, KEY), "missing");
    assert.equal(checkSignature("", body, KEY), "missing");
    assert.equal(checkSignature(BODY_MAC, body, KEY), "malformed");
    assert.equal(checkSignature(`sha1=${BODY_MAC.slice(0, 40)}`, body, KEY), "malformed");
    assert.equal(checkSignature(`sha256=${BODY_MAC.slice(0, 62)}`, body, KEY), "malformed");
    assert.equal(checkSignature(`sha256=${BODY_MAC}00`, body, KEY), "malformed");
    assert.equal(checkSignature(`sha256=${BODY_MAC}`, body, Buffer.from("other key")), "mismatch");
    assert.equal(checkSignature(`sha256=${BODY_MAC}`, Buffer.from(`${BODY} `), KEY), "mismatch");
    const flipped = `${BODY_MAC.slice(0, 63)}${BODY_MAC.endsWith("c") ? "d" : "c"}`;
    assert.equal(checkSignature(`sha256=${flipped}`, body, KEY), "mismatch");
  });
});
