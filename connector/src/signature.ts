/**
 * The `generic-hmac` Provider's signature: notification-controller signs `json.Marshal(event)`,
 * the exact bytes it posts, with HMAC-SHA256 keyed by the Secret's `token` and sends
 * `X-Signature: sha256=<lower-case hex>` (fluxcd/notification-controller
 * `internal/notifier/forwarder.go` `sign` and `Post`, `internal/notifier/client.go`
 * `postMessage`, commit 2e46958a). Verified over the raw body, before it is parsed.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** `sha256=<hex>` of `body` under `key`. */
export function sign(body: Buffer, key: Buffer): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
}

export type SignatureCheck = "valid" | "missing" | "malformed" | "mismatch";

/**
 * Compares the header with the expected signature in constant time: both sides are the same
 * length (a SHA-256 digest) once the header's form is checked, and `timingSafeEqual` compares
 * every byte whatever differs first.
 */
export function checkSignature(
  header: string | undefined,
  body: Buffer,
  key: Buffer,
): SignatureCheck {
  if (header === undefined || header === "") return "missing";
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!m) return "malformed";
  const given = Buffer.from(m[1].toLowerCase(), "hex");
  const expected = createHmac("sha256", key).update(body).digest();
  return timingSafeEqual(given, expected) ? "valid" : "mismatch";
}
