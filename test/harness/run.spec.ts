import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { MockGapError, SECRET_MASK } from "../../harness/run";
import { referenceShared } from "../../stacks/shared";
import { resolveSettings } from "../../stacks/resolve";
import type { RuntimeSettings } from "../../stacks/settings";
import { fixtureRun, runFixture } from "../helpers/stacks";

describe("harness/run", () => {
  it("records type, name, parent, provider, dependencies and protect of every resource", async () => {
    const run = await runFixture("dev", {
      stackOutputs: {},
      program: () => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        const key = new aws.kms.Key("k", { description: "d" }, { provider, protect: true });
        const role = new aws.iam.Role(
          "r",
          { assumeRolePolicy: "{}", description: key.arn },
          { provider, dependsOn: [key] },
        );
        return { role: role.arn };
      },
    });
    const [stack, p, k, r] = run.resources;
    assert.deepEqual(
      run.resources.map((x) => x.type),
      ["pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:kms/key:Key", "aws:iam/role:Role"],
    );
    assert.equal(stack.parent, undefined);
    assert.equal(k.parent, stack.urn);
    assert.match(k.provider!, new RegExp(`^${p.urn.replace(/[$]/g, "\\$")}::`));
    assert.equal(k.protect, true);
    assert.equal(r.protect, false);
    assert.deepEqual(r.dependencies, [k.urn]);
    assert.deepEqual(r.propertyDependencies.description, [k.urn]);
    assert.match(
      r.inputs.description as string,
      /^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/,
    );
    assert.equal(run.outputs.role, "arn:aws:iam::123456789012:role/r");
  });

  it("masks secret inputs and outputs, and lists where they are", async () => {
    const run = await runFixture("dev", {
      stackOutputs: {},
      program: () => {
        const u = new aws.iam.User("u", { name: "u", tags: { token: pulumi.secret("s3cr3t") } });
        return { token: pulumi.secret("s3cr3t"), user: u.name };
      },
    });
    const user = run.resources.find((r) => r.type === "aws:iam/user:User")!;
    assert.deepEqual(user.inputs.tags, { token: SECRET_MASK });
    assert.deepEqual(user.secretInputs, ["tags.token"]);
    assert.equal(run.outputs.token, SECRET_MASK);
    assert.deepEqual(run.secretOutputs, ["token"]);
    assert.doesNotMatch(JSON.stringify(run), /s3cr3t/);
  });

  it("fails at once, naming resource and output, when the program uses an output the mocks lack", async () => {
    const started = Date.now();
    await assert.rejects(
      runFixture("dev", {
        stackOutputs: {},
        program: () => {
          const c = new eks.Cluster("c", { skipDefaultNodeGroup: true });
          const role = new aws.iam.Role("r", {
            assumeRolePolicy: c.autoModeNodeRoleName.apply((n) => n.toUpperCase()),
          });
          return { arn: role.arn };
        },
      }),
      (e: Error) => {
        assert.ok(e instanceof MockGapError);
        assert.match(
          e.message,
          /aws:iam\/role:Role 'r' input 'assumeRolePolicy' is unknown; it depends on eks:index:Cluster 'c' \(missing: .*autoModeNodeRoleName/,
        );
        assert.match(e.message, /Add the missing outputs to OUTPUTS in harness\/mocks\.ts/);
        return true;
      },
    );
    assert.ok(Date.now() - started < 5000, "no wait for a timeout");
  });

  it("surfaces an error thrown inside apply instead of hanging", async () => {
    await assert.rejects(
      runFixture("dev", {
        stackOutputs: {},
        program: () => {
          const r = new aws.iam.Role("r", { assumeRolePolicy: "{}" });
          return {
            x: r.arn.apply((a) => {
              throw new Error(`bad ${a}`);
            }),
          };
        },
      }),
      /bad arn:aws:iam::123456789012:role\/r/,
    );
  });

  it("fails fast when a registration fails and other resources depend on it", async () => {
    const started = Date.now();
    await assert.rejects(
      runFixture("dev", {
        stackOutputs: {},
        program: () => {
          const bad = pulumi.output(Promise.resolve(1)).apply((): string => {
            throw new Error("no value");
          });
          const a = new aws.iam.Role("a", { assumeRolePolicy: bad });
          const b = new aws.iam.Role("b", { assumeRolePolicy: "{}" }, { dependsOn: [a] });
          return { b: b.arn };
        },
      }),
      /error serializing property "assumeRolePolicy": no value/,
    );
    assert.ok(Date.now() - started < 5000, "no wait for a timeout");
  });

  it("names a data source the mocks do not know", async () => {
    await assert.rejects(
      runFixture("dev", {
        stackOutputs: {},
        program: () => ({ ami: aws.ec2.getAmiOutput({ owners: ["amazon"], mostRecent: true }).id }),
      }),
      /data source 'aws:ec2\/getAmi:getAmi'.*Add it to mockCall/,
    );
  });

  it("tells an environment stack to deploy the shared stack first", async () => {
    const settings = resolveSettings({
      project: "gitops-platform",
      stack: "dev",
      organization: "example-org",
      region: "us-east-1",
      config: {},
    }) as RuntimeSettings;
    await assert.rejects(
      runFixture("dev", {
        stackOutputs: {},
        program: () => ({ repo: referenceShared(settings).fluxRepo }),
      }),
      /The shared stack 'example-org\/gitops-platform\/shared' has no outputs accountId, .*: deploy the shared stack first: pulumi up -s shared/,
    );
  });

  it("runs several stacks in one process, each with its own URNs and config", async () => {
    const dev = await fixtureRun("dev");
    const prod = await fixtureRun("prod");
    assert.ok(dev.resources.every((r) => r.urn.startsWith("urn:pulumi:dev::gitops-platform::")));
    assert.ok(prod.resources.every((r) => r.urn.startsWith("urn:pulumi:prod::gitops-platform::")));
    assert.equal(dev.outputs.environment, "dev");
    assert.equal(prod.outputs.environment, "prod");
  });
});
