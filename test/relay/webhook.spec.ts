import * as assert from "node:assert/strict";
import { signature, webhookPath } from "../../relay/src/webhook";

describe("relay: the Receiver's webhook path and generic-hmac signature", () => {
  // Known answers from other tools: `printf %s 'Tok3nflux-repoflux-system' | sha256sum` and
  // `printf %s '{"a":1}' | openssl dgst -sha256 -hmac Tok3n`.
  it("computes the path as notification-controller does: sha256(token + name + namespace)", () => {
    assert.equal(
      webhookPath("Tok3n", "flux-repo", "flux-system"),
      "/hook/23285f1fccfc84c6a525adbaa94687c63baca21d47277714cc4e17f63365bee3",
    );
    // Each part counts: another Receiver or namespace has another path.
    assert.notEqual(
      webhookPath("Tok3n", "microservices-repo", "flux-system"),
      webhookPath("Tok3n", "flux-repo", "flux-system"),
    );
  });

  it("signs the body with HMAC-SHA256 keyed by the token, as sha256=<hex>", () => {
    assert.equal(
      signature('{"a":1}', "Tok3n"),
      "sha256=a265714c286d04a7016a5c53c4f5e05fcb864f732a7fa75ee765538aa3835408",
    );
  });
});
