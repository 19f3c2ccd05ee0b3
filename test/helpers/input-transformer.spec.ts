import * as assert from "node:assert/strict";
import { transformInput } from "./input-transformer";

describe("test helper: EventBridge input transformer", () => {
  // The EC2 example of the EventBridge user guide, "Input transform examples".
  const event = {
    "detail-type": "EC2 Instance State-change Notification",
    source: "aws.ec2",
    detail: { "instance-id": "i-0123456789", state: "RUNNING" },
  };
  const inputPaths = { instance: "$.detail.instance-id", state: "$.detail.state" };

  it("inserts strings in quotes as content and unquoted values as JSON, as the guide's example", () => {
    assert.deepEqual(
      transformInput(event, {
        inputPaths,
        inputTemplate:
          '{"instance": <instance>, "state": [9, <state>, true], "Transformed": "Yes"}',
      }),
      { instance: "i-0123456789", state: [9, "RUNNING", true], Transformed: "Yes" },
    );
    assert.deepEqual(
      transformInput(
        { detail: { msg: 'say "hi"' } },
        { inputPaths: { m: "$.detail.msg" }, inputTemplate: '{"text": "<m>"}' },
      ),
      { text: 'say "hi"' },
    );
  });

  it("refuses what the documentation does not define", () => {
    assert.throws(
      () =>
        transformInput(event, { inputPaths: { x: "$.detail.oldCommitId" }, inputTemplate: "{}" }),
      /the event has no \$\.detail\.oldCommitId/,
    );
    assert.throws(
      () => transformInput(event, { inputPaths, inputTemplate: '{"a": "<other>"}' }),
      /template variable <other> is not defined/,
    );
    assert.throws(
      () => transformInput(event, { inputPaths: { d: "$.detail" }, inputTemplate: '{"a": "<d>"}' }),
      /<d> in quotes is not a string/,
    );
  });
});
