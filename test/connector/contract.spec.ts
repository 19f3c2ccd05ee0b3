import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  statusChangePattern,
  type DeploymentStatusChangeDetail,
} from "../../connector/src/contract";
import { PROJECT_DIR } from "../../harness/config";
import { matches } from "../helpers/event-pattern";
import { fluxEvent } from "./fixtures";
import { rig } from "./ports";

/** The event as EventBridge delivers what the connector puts (PutEvents entry to envelope). */
const envelope = (detail: DeploymentStatusChangeDetail) => ({
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "Deployment Status Change",
  source: "gitops-platform",
  account: "123456789012",
  time: "2026-08-07T16:12:45Z",
  region: "us-east-1",
  resources: [],
  detail,
});

describe("connector: the published event contract", () => {
  it("matches the patterns subscribers write (README, promotion) and nothing else", async () => {
    const r = rig();
    await r.post(fluxEvent({ reason: "Progressing", timestamp: "2026-08-07T16:11:00Z" }));
    await r.post(fluxEvent());
    const [progressing, succeeded] = r.events.map(envelope);
    const devSuccess = statusChangePattern({ environments: ["dev"], statuses: ["succeeded"] });
    assert.deepEqual(devSuccess, {
      source: ["gitops-platform"],
      "detail-type": ["Deployment Status Change"],
      detail: { environment: ["dev"], status: ["succeeded"] },
    });
    assert.equal(matches(devSuccess, succeeded), true);
    assert.equal(matches(devSuccess, progressing), false);
    assert.equal(matches(statusChangePattern({ environments: ["prod"] }), succeeded), false);
    assert.equal(matches(statusChangePattern({}), progressing), true);
    assert.equal(matches(devSuccess, { ...succeeded, source: "aws.codecommit" }), false);
    // The README's example is this pattern, minus detail-type.
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const example = /A rule for dev's successes:\n\s+`(\{.*\})`/.exec(readme)?.[1];
    assert.ok(example, "README example pattern");
    assert.equal(matches(JSON.parse(example), succeeded), true);
    assert.equal(matches(JSON.parse(example), progressing), false);
  });
});
