/**
 * The HTTP side: what a request must look like before anything is looked up, and the responses.
 * A Lambda function URL delivers payload format 2.0: lower-case header names, `rawPath`,
 * `requestContext.http.method`, the body as text or base64
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html, "Request payload format").
 */

/**
 * Largest body accepted, in bytes: 256 KiB. A Flux event's message is at most 39,000 characters
 * (fluxcd/pkg `apis/event/v1beta1/event.go`, `MaxLength=39000`); Go's `json.Marshal` writes a
 * character as at most 6 bytes (`\u003c`), so 234,000 bytes plus the object reference and
 * metadata fit, and anything larger is not a Flux event.
 */
export const MAX_BODY_BYTES = 256 * 1024;

/** Where a cluster posts: `/v1/environments/<environment>/events`. */
export const EVENTS_PATH = /^\/v1\/environments\/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})\/events\/?$/;

export function eventsPath(environment: string): string {
  return `/v1/environments/${environment}/events`;
}

/** The parts of a function URL event the connector reads. */
export interface HttpRequest {
  readonly rawPath?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly http?: { readonly method?: string } };
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function respond(statusCode: number, body: Record<string, unknown>): HttpResponse {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}

/** A refusal: nothing is read or written after it. */
export function reject(statusCode: number, error: string): HttpResponse {
  return respond(statusCode, { error });
}

export interface CheckedRequest {
  readonly environment: string;
  readonly body: Buffer;
  readonly signature: string | undefined;
}

/** Method, path, size: the checks that need no key. */
export function checkRequest(req: HttpRequest): CheckedRequest | HttpResponse {
  const method = req.requestContext?.http?.method ?? "";
  const path = req.rawPath ?? "";
  const match = EVENTS_PATH.exec(path);
  if (!match) {
    return reject(
      404,
      `no such path ${JSON.stringify(path)}: post to /v1/environments/<environment>/events`,
    );
  }
  if (method !== "POST") return reject(405, `method ${method} not allowed: use POST`);
  const raw = req.body ?? "";
  // Cheap bound before decoding: base64 is 4/3 of the bytes it encodes.
  if (
    raw.length >
    (req.isBase64Encoded ? Math.ceil((MAX_BODY_BYTES * 4) / 3) + 4 : MAX_BODY_BYTES * 3)
  ) {
    return reject(413, `body over ${MAX_BODY_BYTES} bytes`);
  }
  const body = Buffer.from(raw, req.isBase64Encoded ? "base64" : "utf8");
  if (body.length > MAX_BODY_BYTES) return reject(413, `body over ${MAX_BODY_BYTES} bytes`);
  if (body.length === 0) return reject(400, "empty body: expected a Flux event (JSON)");
  return { environment: match[1], body, signature: req.headers?.["x-signature"] };
}

export function isResponse(x: unknown): x is HttpResponse {
  return typeof x === "object" && x !== null && "statusCode" in x;
}
