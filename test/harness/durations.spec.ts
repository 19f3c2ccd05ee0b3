import * as assert from "node:assert/strict";
import {
  DEFAULT_SECONDS,
  defaultedTypes,
  REMOTE_CHAINS,
  TYPICAL_CREATE,
  typicalCreate,
} from "../../harness/durations";

describe("harness/durations", () => {
  it("a remote component takes the sum of its chain of children, each a type of the table", () => {
    for (const [type, { chain }] of Object.entries(REMOTE_CHAINS)) {
      for (const t of chain) assert.ok(TYPICAL_CREATE[t], `${type}: ${t} is not in the table`);
      const d = typicalCreate(type);
      assert.equal(d.basis, "composite");
      assert.deepEqual(d.chain, chain);
      assert.equal(
        d.seconds,
        chain.reduce((sum, t) => sum + TYPICAL_CREATE[t].seconds, 0),
      );
    }
    // The VPC's outputs wait for its NAT gateway; the cluster's for the control plane.
    assert.ok(REMOTE_CHAINS["awsx:ec2:Vpc"].chain.includes("aws:ec2/natGateway:NatGateway"));
    assert.ok(REMOTE_CHAINS["eks:index:Cluster"].chain.includes("aws:eks/cluster:Cluster"));
  });

  it("every cited figure names its source: a URL, a repository path or an issue", () => {
    for (const [type, d] of Object.entries(TYPICAL_CREATE)) {
      assert.ok(Number.isInteger(d.seconds) && d.seconds >= 0, type);
      if (d.basis === "cited") assert.match(d.source, /https:\/\/|#\d+|\w\/\w+\.(md|go|ts)/, type);
      else {
        assert.equal(d.basis, "default", type);
        assert.equal(d.seconds, DEFAULT_SECONDS, type);
        assert.match(d.source, /^no public figure found \(/, type);
      }
    }
  });

  it("the EKS control plane is within AWS's documented 10 to 15 minutes", () => {
    const s = TYPICAL_CREATE["aws:eks/cluster:Cluster"].seconds;
    assert.ok(s >= 600 && s <= 900, `${s} s`);
  });

  it("providers and reads create nothing; Kubernetes objects and unknown types have figures", () => {
    assert.deepEqual(typicalCreate("pulumi:providers:kubernetes"), {
      seconds: 0,
      basis: "none",
      source: "a provider: configured, nothing is created",
    });
    assert.deepEqual(typicalCreate("pulumi:pulumi:StackReference", true), {
      seconds: 0,
      basis: "none",
      source: "read, not created",
    });
    const configMap = typicalCreate("kubernetes:core/v1:ConfigMap");
    assert.equal(configMap.basis, "cited");
    assert.equal(configMap.seconds, 1);
    assert.equal(typicalCreate("kubernetes:core/v1:Namespace").seconds, 3);
    // A Helm chart other than a v3 Release is not a plain object: no figure.
    assert.equal(typicalCreate("kubernetes:helm.sh/v4:Chart").basis, "default");
    assert.deepEqual(typicalCreate("aws:sqs/queue:Queue"), {
      seconds: DEFAULT_SECONDS,
      basis: "default",
      source: "no public figure found (type not in harness/durations.ts)",
    });
  });

  it("lists the types without a figure behind a type, itself or inside its chain", () => {
    assert.deepEqual(defaultedTypes("aws:sqs/queue:Queue"), ["aws:sqs/queue:Queue"]);
    assert.deepEqual(defaultedTypes("eks:index:Cluster"), ["aws:eks/accessEntry:AccessEntry"]);
    assert.deepEqual(defaultedTypes("awsx:ec2:Vpc"), []);
    assert.deepEqual(defaultedTypes("aws:kms/key:Key"), []);
    assert.deepEqual(defaultedTypes("aws:sqs/queue:Queue", true), []);
  });
});
