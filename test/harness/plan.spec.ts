import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runStack, type StackRun } from "../../harness/run";
import { formatPlan, planJson } from "../../harness/plan";
import { main } from "../../scripts/plan";

function capture(run: (stack: string) => Promise<StackRun>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { log: (t: string) => out.push(t), error: (t: string) => err.push(t), run },
  };
}

describe("offline plan (npm run plan)", () => {
  let dev: StackRun;
  before(async () => {
    dev = await runStack("dev");
  });

  it("prints the tree by parent, totals by type and the outputs, and says it is offline", () => {
    const text = formatPlan(dev);
    assert.match(
      text,
      /^Offline plan of stack 'dev': the real program, run in-process with mocked providers\./,
    );
    assert.match(
      text,
      /\n\+ pulumi:pulumi:Stack gitops-platform-dev\n( {2}[+=] .*\n)* {2}\+ pulumi:providers:aws aws {2}\(region=us-east-1\)\n/,
    );
    assert.match(
      text,
      /\n {2}= pulumi:pulumi:StackReference shared {2}\(name=example-org\/gitops-platform\/shared\)\n/,
    );
    const reads = dev.resources.filter((r) => r.read);
    assert.deepEqual(
      reads.map((r) => r.type),
      ["pulumi:pulumi:StackReference"],
    );
    assert.match(
      text,
      new RegExp(`\\nResources: ${dev.resources.length - 1} to create, 1 to read \\(=\\)\\n`),
    );
    assert.match(text, /\n {5}1 {2}pulumi:pulumi:Stack/);
    assert.match(text, /\nOutputs:\n/);
  });

  it("writes --json as {stack, resources: [{urn, type, name, parent, dependencies, inputs}], outputs}", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "plan.json");
    const c = capture(() => Promise.resolve(dev));
    assert.equal(await main(["dev", "--json", file], c.io), 0);
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.deepEqual(json, JSON.parse(JSON.stringify(planJson(dev))));
    assert.equal(json.stack, "dev");
    assert.deepEqual(Object.keys(json.resources[1]), [
      "urn",
      "type",
      "name",
      "parent",
      "dependencies",
      "inputs",
    ]);
    assert.equal(json.resources.length, dev.resources.length);
  });

  it("exits 1 with the settings error and no stack trace on bad settings", async () => {
    const c = capture((stack) =>
      runStack(stack, { config: { vpcCidr: "10.0.0.0/8", natGateways: "Two" } }),
    );
    assert.equal(await main(["staging"], c.io), 1);
    assert.deepEqual(c.out, []);
    assert.equal(c.err.length, 1);
    assert.match(c.err[0], /^Invalid settings for stack 'staging' \(2 problems\):/);
    assert.doesNotMatch(c.err[0], /\n\s+at /);
  });

  it("refuses an unknown stack and bad options with usage", async () => {
    const c = capture(() => Promise.resolve(dev));
    assert.equal(await main(["qa"], c.io), 1);
    assert.match(c.err[0], /^No Pulumi\.qa\.yaml: create it/);
    assert.equal(await main(["--jsn"], c.io), 2);
    assert.match(c.err[1], /unknown option --jsn\. usage: npm run plan/);
  });
});
