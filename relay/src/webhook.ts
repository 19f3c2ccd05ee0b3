/**
 * What notification-controller expects of a `generic-hmac` Receiver call:
 * - the path: `/hook/` + hex SHA-256 of `token + name + namespace` (fluxcd/notification-controller
 *   `api/v1/receiver_types.go` `GetWebhookPath`, `ReceiverWebhookPath = "/hook/"`); the Receiver
 *   writes it to `.status.webhookPath`, and the server finds the Receiver by that exact path;
 * - the signature: `X-Signature: sha256=<hex HMAC-SHA256 of the body keyed by the token>`, checked by
 *   go-github's `ValidateSignature` (`internal/server/receiver_handlers.go`, case
 *   `GenericHMACReceiver`), which accepts sha1/sha256/sha512 prefixes.
 */
import { createHash, createHmac } from "node:crypto";

export const WEBHOOK_PATH_PREFIX = "/hook/";
export const SIGNATURE_HEADER = "X-Signature";

/** `/hook/<sha256(token + name + namespace)>`, as Flux computes it. */
export function webhookPath(token: string, name: string, namespace: string): string {
  const digest = createHash("sha256").update(`${token}${name}${namespace}`, "utf8").digest("hex");
  return `${WEBHOOK_PATH_PREFIX}${digest}`;
}

/** The `X-Signature` value for `body`. */
export function signature(body: string, token: string): string {
  return `sha256=${createHmac("sha256", token).update(body, "utf8").digest("hex")}`;
}
