import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type StackRun } from "../../harness/run";
import { formatPlan, planJson } from "../../harness/plan";
import { costTable, main, type PlanIo } from "../../scripts/plan";
import { stackSettings } from "../../harness/settings";
import { estimateMonthlyCost } from "../../components/cost/cost";
import { FIXTURE_STACKS, fixtureRun, runFixture } from "../helpers/stacks";
import { unusedServiceName } from "../gitops/helpers";

function capture(run?: (stack: string) => Promise<StackRun>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: PlanIo = {
    log: (t: string) => out.push(t),
    error: (t: string) => err.push(t),
    stackDir: FIXTURE_STACKS,
    run,
    // Whether the fixtures' services match gitops/ is tested once, below.
    warnings: () => [],
  };
  return { out, err, io };
}

describe("offline plan (npm run plan)", () => {
  let dev: StackRun;
  before(async () => {
    dev = await fixtureRun("dev");
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

  it("prints the fixed monthly cost after the totals, from the stack's own settings", async () => {
    assert.doesNotMatch(formatPlan(dev), /Estimated fixed monthly cost/);
    const c = capture(() => Promise.resolve(dev));
    const date = new Date("2026-11-23T00:00:00Z");
    const io = {
      ...c.io,
      cost: (s: string) => estimateMonthlyCost(stackSettings(s, FIXTURE_STACKS), date),
    };
    assert.equal(await main(["dev"], io), 0);
    const text = c.out.join("\n");
    const cost = text.slice(text.indexOf("\nEstimated fixed monthly cost"));
    assert.ok(text.indexOf("\nResources: ") < text.indexOf("\nEstimated fixed monthly cost"));
    assert.equal(
      cost.slice(0, cost.indexOf("\nOutputs:")),
      [
        "",
        "Estimated fixed monthly cost (us-east-1 list prices, before usage):",
        "      $73.00  EKS control plane (Kubernetes 1.36, standard support): 1 × $73.00 — $0.10 per cluster-hour until 2027-08-02",
        "      $32.85  NAT gateways (Single, 3 AZs): 1 × $32.85 — $0.045 per gateway-hour",
        "       $3.65  Public IPv4 addresses (NAT gateway Elastic IPs): 1 × $3.65 — $0.005 per address-hour",
        "       $0.00  NAT gateway data processing — usage: $0.045 per GB processed",
        "       $0.00  Node group 'general': 2 × t3.large (Spot) — variable: Spot prices move with supply and demand, up to 90% below On-Demand (https://aws.amazon.com/ec2/spot/pricing/); at most $121.47 at On-Demand $0.0832/hour",
        "       $4.80  Node group 'general': EBS root volumes (2 × 30 GiB): 60 × $0.08 — $0.08 per GB-month (gp3), a fixed price even on Spot nodes",
        "       $2.00  KMS keys (Kubernetes secrets encryption, SOPS secrets in git): 2 × $1.00 — $1 per key-month; rotation is on: +$1 after each of the first two yearly rotations",
        "       $1.00  Volume KMS key (EBS volumes of the default StorageClass): 1 × $1.00 — $1 per key-month; rotation is on, as above",
        "       $0.00  CloudWatch Logs (control plane) — usage: about $0.50 per GB ingested plus storage, https://aws.amazon.com/cloudwatch/pricing/",
        "      $16.43  Network Load Balancer (Flux receiver relay, internal): 1 × $16.425 — $0.0225 per NLB-hour",
        "       $0.00  NLB capacity units, relay Lambda and EventBridge rules — usage: $0.006 per NLCU-hour; Lambda per request; AWS service events on the default bus are free",
        "       $0.00  Karpenter nodes (Spot, limits 8 vCPU / 32 GiB) — variable: only while pods need them; the NodePool limits allow at most $289.92 a month (4 × m5.large at On-Demand $0.096/hour, with 30 GiB gp3 root volumes)",
        "     $133.73  Total fixed, 730 hours a month",
        "  Spot nodes are not in the total: at most $121.47 more at On-Demand prices.",
        "  Karpenter nodes are not in the total: at most $289.92 more within the NodePool limits.",
        "  Usage items are $0 here, not free. EKS support judged on 2026-11-23.",
        "",
      ].join("\n"),
    );
  });

  it("prints the README cost table with --cost-table", async () => {
    const c = capture(() => Promise.reject(new Error("no stack run for --cost-table")));
    assert.equal(await main(["--cost-table"], c.io), 0);
    assert.equal(c.out.length, 1);
    assert.match(
      c.out[0],
      /^\| stack \| fixed per month \| Spot nodes, at most \| Karpenter nodes, at most \| made of \|\n/,
    );
    assert.deepEqual(
      c.out[0]
        .split("\n")
        .slice(2)
        .map((r) => r.split(" | ")[0]),
      ["| dev", "| staging", "| prod", "| shared"],
    );
    assert.equal(c.out[0], costTable(new Date(), FIXTURE_STACKS));
  });

  it("writes --json FILE with every resource's inputs in full, protect, reads and the cost", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "plan.json");
    const c = capture(() => Promise.resolve(dev));
    assert.equal(await main(["dev", "--json", file], c.io), 0);
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    const cost = estimateMonthlyCost(stackSettings("dev", FIXTURE_STACKS));
    assert.deepEqual(json, JSON.parse(JSON.stringify(planJson(dev, cost))));
    assert.equal(json.stack, "dev");
    assert.deepEqual(Object.keys(json.resources[1]), [
      "urn",
      "type",
      "name",
      "parent",
      "read",
      "protect",
      "provider",
      "dependencies",
      "propertyDependencies",
      "inputs",
      "secretInputs",
    ]);
    assert.equal(json.resources.length, dev.resources.length);
    assert.equal(json.cost.totalMonthlyUsd, cost.totalMonthlyUsd);
    const key = json.resources.find((r: any) => r.type === "aws:kms/key:Key");
    assert.equal(key.protect, false);
    assert.equal(
      key.inputs.description,
      "Envelope encryption of Kubernetes secrets in EKS cluster gitops-dev",
    );
    // The text tree shortens long values to 60 characters; the JSON keeps them whole.
    const long = json.resources.find(
      (r: any) => r.type === "aws:iam/role:Role" && JSON.stringify(r.inputs).length > 200,
    );
    assert.ok(long.inputs.assumeRolePolicy.length > 60);
  });

  it("writes --json - to standard output alone, as one parseable document", async () => {
    const c = capture(() => Promise.resolve(dev));
    assert.equal(await main(["dev", "--json", "-"], c.io), 0);
    assert.equal(c.out.length, 1);
    assert.equal(JSON.parse(c.out[0]).stack, "dev");
    assert.ok(!fs.existsSync("-"), "no file named -");
  });

  it("plans several stacks in one call, in order; their JSON is an array", async () => {
    const c = capture((stack) => fixtureRun(stack));
    assert.equal(await main(["prod", "shared", "--json", "-"], c.io), 0);
    const plans = JSON.parse(c.out[0]);
    assert.deepEqual(
      plans.map((p: any) => p.stack),
      ["prod", "shared"],
    );
    assert.ok(plans[0].resources.some((r: any) => r.protect));
    const text = capture((stack) => fixtureRun(stack));
    assert.equal(await main(["prod", "shared"], text.io), 0);
    assert.deepEqual(
      text.out.map((t) => /^\n?Offline plan of stack '(\w+)'/.exec(t)?.[1]),
      ["prod", "shared"],
    );
    assert.equal(await main(["dev", "dev"], text.io), 2);
    assert.match(text.err[0], /^stack dev is named twice/);
  });

  it("exits 1 with the settings error and no stack trace on bad settings, and plans the rest", async () => {
    const c = capture((stack) =>
      stack === "staging"
        ? runFixture(stack, { config: { vpcCidr: "10.0.0.0/8", natGateways: "Two" } })
        : fixtureRun(stack),
    );
    assert.equal(await main(["staging", "dev"], c.io), 1);
    assert.equal(c.out.length, 1);
    assert.match(c.out[0], /^Offline plan of stack 'dev'/);
    assert.equal(c.err.length, 1);
    assert.match(c.err[0], /^Invalid settings for stack 'staging' \(2 problems\):/);
    assert.doesNotMatch(c.err[0], /\n\s+at /);
  });

  it("refuses a stack without a stack file, naming the stacks there, and bad options with usage", async () => {
    const c = capture(() => Promise.resolve(dev));
    assert.equal(await main(["no-such-stack"], c.io), 1);
    assert.equal(
      c.err[0],
      'No Pulumi.no-such-stack.yaml: create it (README, "Adding an environment") or use one of dev, prod, shared, staging.',
    );
    assert.equal(await main(["--jsn"], c.io), 2);
    assert.match(c.err[1], /unknown option --jsn\. usage: npm run plan/);
    assert.equal(await main(["--json"], c.io), 2);
    assert.match(c.err[2], /^--json needs a file name, or - for standard output/);
  });

  it("prints the warnings last and in the JSON; --state plans against a recorded state", async () => {
    const c = capture(() => Promise.resolve(dev));
    assert.equal(
      await main(["dev", "--json", "-"], { ...c.io, date: new Date("2026-11-23T00:00:00Z") }),
      0,
    );
    assert.deepEqual(JSON.parse(c.out[0]).warnings, [
      "gitops-platform:publicAccessCidrs: the Kubernetes API endpoint accepts connections from the whole internet (0.0.0.0/0); only IAM authentication stands in the way. List the CIDRs of your operators and of the machine that runs pulumi up.",
    ]);
    const text = capture(() => Promise.resolve(dev));
    assert.equal(await main(["dev"], text.io), 0);
    assert.match(
      text.out.join("\n"),
      /\nWarnings \(1\):\n  ! gitops-platform:publicAccessCidrs: the Kubernetes API endpoint accepts/,
    );
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "state-")), "state.json");
    fs.writeFileSync(file, JSON.stringify({ deployment: { resources: [] } }));
    const bad = capture(() => Promise.resolve(dev));
    assert.equal(await main(["dev", "prod", "--state", file], bad.io), 2);
    assert.deepEqual(bad.err, [
      "--state is the state of one stack: name that stack alone. usage: npm run plan -- [stack...] [--json FILE|-] [--state FILE] | --cost-table",
    ]);
  });

  it("refuses, naming both stack files, stacks that collide in one account", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacks-"));
    for (const stack of ["dev", "shared"]) {
      fs.copyFileSync(
        path.join(FIXTURE_STACKS, `Pulumi.${stack}.yaml`),
        path.join(dir, `Pulumi.${stack}.yaml`),
      );
    }
    fs.writeFileSync(
      path.join(dir, "Pulumi.qa.yaml"),
      "config:\n  aws:region: us-east-1\n  gitops-platform:profile: dev\n  gitops-platform:namePrefix: gitops-dev\n",
    );
    const c = capture(() => Promise.resolve(dev));
    assert.equal(await main(["qa"], { ...c.io, stackDir: dir }), 1);
    assert.deepEqual(c.err, [
      'The stacks of this project collide:\n  - gitops-platform:namePrefix = "gitops-dev" in both Pulumi.dev.yaml and Pulumi.qa.yaml: IAM role, user and bucket names would collide in the account. Give one of them another namePrefix.\n' +
        // qa is no stage of the shared stack's default path either.
        `  - gitops-platform:promotion = ["dev","staging","prod"] in Pulumi.shared.yaml: environment 'qa' (Pulumi.qa.yaml) is not a stage, so its Flux would have no branch of microservices-repo to sync. Add qa to gitops-platform:promotion in Pulumi.shared.yaml.`,
    ]);
  });

  it("warns, among the plan's warnings, when the delivery stack's services and gitops/ disagree", async () => {
    const ORDERS = unusedServiceName("orders");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-services-"));
    try {
      for (const f of fs.readdirSync(FIXTURE_STACKS)) {
        fs.copyFileSync(path.join(FIXTURE_STACKS, f), path.join(dir, f));
      }
      const shared = path.join(dir, "Pulumi.shared.yaml");
      fs.writeFileSync(
        shared,
        fs
          .readFileSync(shared, "utf8")
          .replace("    - catalogue\n", `    - catalogue\n    - ${ORDERS}\n`),
      );
      const c = capture(() => Promise.resolve(dev));
      const io: PlanIo = { ...c.io, stackDir: dir, warnings: undefined };
      assert.equal(await main(["dev"], io), 0);
      assert.ok(
        c.out[0].includes(
          `\n  ! Service '${ORDERS}' (gitops-platform:services in Pulumi.shared.yaml) is missing ` +
            `gitops/microservices-repo/base/${ORDERS}/kustomization.yaml, ` +
            `gitops/microservices-repo/overlays/dev/${ORDERS}/kustomization.yaml, ` +
            `gitops/microservices-repo/overlays/prod/${ORDERS}/kustomization.yaml, ` +
            `gitops/microservices-repo/overlays/staging/${ORDERS}/kustomization.yaml, ` +
            `gitops/flux-repo/apps/base/${ORDERS}.yaml, gitops/flux-repo/apps/dev/${ORDERS}-image-policy.yaml, ` +
            `gitops/app-repo/${ORDERS}/Dockerfile. ` +
            `Run: npm run add-service -- ${ORDERS} (it writes only what is missing).`,
        ),
        c.out[0],
      );
      assert.match(c.out[0], /^Offline plan of stack 'dev'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
