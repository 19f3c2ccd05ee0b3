/** Every request the connector must refuse: the answer, and that nothing was read or written. */
import * as assert from "node:assert/strict";
import { MAX_BODY_BYTES } from "../../connector/src/request";
import { fluxEvent, urlEvent } from "./fixtures";
import { rig } from "./ports";

const EVENT = fluxEvent();
const noEnvironment = fluxEvent();
delete (noEnvironment.metadata as Record<string, string>).environment;
const big = { ...EVENT, message: "x".repeat(MAX_BODY_BYTES) };

/** [why, request options or body, expected status, expected error (or body) text]. */
const CASES: [
  string,
  { body?: string | object; o?: Parameters<typeof urlEvent>[1] },
  number,
  string,
][] = [
  ["GET", { o: { method: "GET" } }, 405, "method GET not allowed: use POST"],
  [
    "another path",
    { o: { path: "/hook" } },
    404,
    'no such path "/hook": post to /v1/environments/<environment>/events',
  ],
  [
    "a path with no environment",
    { o: { path: "/v1/environments//events" } },
    404,
    'no such path "/v1/environments//events": post to /v1/environments/<environment>/events',
  ],
  ["a body over the limit", { body: big }, 413, `body over ${MAX_BODY_BYTES} bytes`],
  [
    "a base64 body over the limit",
    { body: big, o: { base64: true } },
    413,
    `body over ${MAX_BODY_BYTES} bytes`,
  ],
  ["an empty body", { body: "" }, 400, "empty body: expected a Flux event (JSON)"],
  [
    "an unknown environment",
    { o: { environment: "qa" } },
    404,
    'unknown environment "qa": it has no key (deploy its stack)',
  ],
  [
    "no signature",
    { o: { signature: null } },
    401,
    "missing X-Signature: expected sha256=<HMAC-SHA256 of the body> with dev's key",
  ],
  [
    "a signature of another form",
    { o: { signature: "sha1=abc" } },
    401,
    "malformed X-Signature: expected sha256=<HMAC-SHA256 of the body> with dev's key",
  ],
  [
    "a signature with another key",
    { o: { key: Buffer.from("prod-key") } },
    401,
    "mismatch X-Signature: expected sha256=<HMAC-SHA256 of the body> with dev's key",
  ],
  ["malformed JSON", { body: '{"involvedObject": ' }, 400, "body is not JSON"],
  ["a JSON array", { body: "[]" }, 400, "body is not a JSON object"],
  [
    "not a Flux event",
    { body: { hello: "world" } },
    400,
    "not a Flux event: missing or not a string: involvedObject, severity, timestamp, message, reason",
  ],
  [
    "an event it does not record (GitRepository)",
    { body: fluxEvent({ kind: "GitRepository", name: "flux-system" }) },
    422,
    "events of kind GitRepository are not recorded (only Kustomization, HelmRelease): narrow the Alert's eventSources",
  ],
  [
    "an event of another environment, signed by this one",
    { body: fluxEvent({ environment: "prod" }) },
    422,
    'the event is for environment "prod" but was posted for "dev"',
  ],
  [
    "an event without environment metadata",
    { body: noEnvironment },
    422,
    "no environment in the event metadata: the Alert must set eventMetadata.environment",
  ],
];

describe("connector: bad requests get a 4xx and no write", () => {
  for (const [why, { body, o }, status, text] of CASES) {
    it(`${why} -> ${status}`, async () => {
      const r = rig();
      const res = await r.post(body ?? EVENT, o);
      assert.equal(res.statusCode, status);
      const error = (JSON.parse(res.body) as { error: string }).error;
      if (text === "body is not JSON") assert.match(error, /^body is not JSON: /);
      else assert.equal(error, text);
      assert.deepEqual(r.store.log, []);
      assert.deepEqual(r.events, []);
      assert.deepEqual(r.git.comments, []);
      assert.deepEqual(r.git.calls, []);
    });
  }

  it("ignores trace events and events without a revision with a 202, writing nothing", async () => {
    const r = rig();
    const trace = await r.post(fluxEvent({ severity: "trace" }));
    const bare = await r.post(
      fluxEvent({ revision: "", reason: "AccessDenied", severity: "error" }),
    );
    assert.deepEqual(
      [trace.statusCode, JSON.parse(trace.body)],
      [202, { result: "ignored", why: "trace events carry no status" }],
    );
    assert.deepEqual(
      [bare.statusCode, JSON.parse(bare.body)],
      [202, { result: "ignored", why: "AccessDenied event without a revision" }],
    );
    assert.deepEqual(r.store.log, []);
  });

  it("accepts the same event as base64 (function URLs encode non-text bodies)", async () => {
    const r = rig();
    const res = await r.post(EVENT, { base64: true });
    assert.equal(res.statusCode, 200);
    assert.equal(r.events.length, 1);
  });
});
