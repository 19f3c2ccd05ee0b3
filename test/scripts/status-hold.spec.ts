/** `npm run status` of a later stage before and after its first promotion (the first-deploy hold). */
import * as assert from "node:assert/strict";
import type { Item } from "../../connector/src/expression";
import { statusReport } from "../../scripts/status-report";

const SHA = "2a4f6b8d0c1e3f5a7b9d0e2f4a6c8e0b1d3f5a7c";
const APP = "Kustomization/flux-system/front-end";
const APPS = "Kustomization/flux-system/apps";
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/front-end:main-1f49071-12";

function items(revision: string, images: string[]): Item[] {
  const at = "2026-08-08T10:00:00.000Z";
  return [
    { pk: "staging", sk: `current#${APP}`, application: APP, revision, since: at },
    {
      pk: "staging",
      sk: `current#${APPS}`,
      application: APPS,
      revision: `main@sha1:${SHA}`,
      since: at,
    },
    ...[
      [APP, revision, images],
      [APPS, `main@sha1:${SHA}`, []],
    ].map(([application, rev, imgs]) => ({
      pk: "staging",
      sk: `revision#${String(application)}#${String(rev)}`,
      application,
      revision: rev,
      images: imgs,
      status: "succeeded",
      statusSince: at,
    })),
  ];
}

const line = (report: string, app: string) =>
  report.split("\n").find((l) => l.startsWith(app)) ?? "";

describe("scripts/status: the first-deploy hold", () => {
  it("reports a later stage's application with no image on its env branch as waiting", () => {
    const report = statusReport("staging", "ledger", items(`env/staging@sha1:${SHA}`, []));
    assert.match(line(report, APP), /env\/staging@sha1:2a4f6b8\s+waiting for first promotion\s+/);
    // flux-repo's own Kustomizations run no image and are not held.
    assert.match(line(report, APPS), /main@sha1:2a4f6b8\s+succeeded\s/);
  });

  it("reports the promoted application as it runs once the first promotion merged", () => {
    const report = statusReport("staging", "ledger", items(`env/staging@sha1:${SHA}`, [IMAGE]));
    assert.match(
      line(report, APP),
      /succeeded\s+2026-08-08 10:00 UTC\s+.*front-end:main-1f49071-12$/,
    );
  });
});
