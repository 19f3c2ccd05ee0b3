import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { estimateMonthlyCost } from "../../../components/cost";
import { PROJECT_DIR } from "../../../harness/config";
import { costTable } from "../../../scripts/plan";
import { stackSettings as settingsIn } from "../../../harness/settings";
import { FIXTURE_STACKS } from "../../helpers/stacks";
import type { RuntimeSettings } from "../../../stacks/settings";

/** A fixture stack's settings. */
const stackSettings = (stack: string) => settingsIn(stack, FIXTURE_STACKS);

/** The date the README table is computed at (the README says so). */
const README_DATE = new Date("2026-11-23T12:00:00Z");

const runtime = (stack: string) => stackSettings(stack) as RuntimeSettings;

describe("README 'What it costs'", () => {
  /** Table rows as trimmed cells (Prettier pads the README's table). */
  const rows = (table: string) =>
    table
      .trim()
      .split("\n")
      .filter((r) => !/^\|[\s:|-]+\|$/.test(r))
      .map((r) =>
        r
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );

  it("shows the table costTable() computes, so the totals cannot drift", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const section = readme.split("\n## What it costs\n")[1]?.split("\n## ")[0];
    assert.ok(section, "README has a 'What it costs' section");
    assert.match(section, /EKS support windows judged on 2026-11-23/);
    const inReadme = /<!-- cost-table:begin -->\n([\s\S]*?)<!-- cost-table:end -->/.exec(section);
    assert.ok(inReadme, "the table sits between the cost-table markers");
    const expected = rows(costTable(README_DATE, FIXTURE_STACKS));
    assert.deepEqual(rows(inReadme[1]), expected);
    const totals = Object.fromEntries(expected.slice(1).map((r) => [r[0], r[1]]));
    assert.deepEqual(totals, {
      dev: `$${estimateMonthlyCost(runtime("dev"), README_DATE).totalMonthlyUsd.toFixed(2)}`,
      staging: `$${estimateMonthlyCost(runtime("staging"), README_DATE).totalMonthlyUsd.toFixed(2)}`,
      prod: `$${estimateMonthlyCost(runtime("prod"), README_DATE).totalMonthlyUsd.toFixed(2)}`,
      shared: "$0.00",
    });
    // With the receiver relay's NLB ($16.43) in each environment.
    assert.deepEqual(totals, {
      dev: "$133.73",
      staging: "$258.40",
      prod: "$350.09",
      shared: "$0.00",
    });
  });
});
