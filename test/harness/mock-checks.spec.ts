import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { MockRejection, rejectInvalidInputs } from "../../harness/mock-checks";
import { runFixture } from "../helpers/stacks";

const rejects = (type: string, inputs: Record<string, unknown>, tags?: Record<string, string>) => {
  try {
    rejectInvalidInputs(type, "r", inputs, tags);
  } catch (e) {
    assert.ok(e instanceof MockRejection);
    return e.message;
  }
  return undefined;
};
const many = (n: number, p = "t") =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${p}${i}`, "x"]));

describe("harness/mock-checks: inputs a real provider refuses", () => {
  it("IAM names over the quota or with other characters", () => {
    assert.equal(rejects("aws:iam/role:Role", { name: "r".repeat(64) }), undefined);
    assert.equal(
      rejects("aws:iam/role:Role", { name: "r".repeat(65) }),
      `aws:iam/role:Role 'r': name '${"r".repeat(65)}' is 65 characters; IAM allows 64 (the real provider refuses it at pulumi up).`,
    );
    assert.match(
      rejects("aws:iam/rolePolicy:RolePolicy", { name: "a b" })!,
      /has characters IAM refuses/,
    );
  });

  it("more than 50 tags once the provider's default tags are added; aws: tags do not count", () => {
    assert.equal(
      rejects("aws:kms/key:Key", { tags: { ...many(47), "aws:x": "y" } }, many(3, "d")),
      undefined,
    );
    assert.equal(
      rejects("aws:kms/key:Key", { tags: many(48) }, many(3, "d")),
      "aws:kms/key:Key 'r': 51 tags with the provider's default tags; AWS allows 50 (the real provider refuses it at pulumi up).",
    );
  });

  it("Kubernetes names that are not DNS names, node group prefixes with no room", () => {
    assert.match(
      rejects("kubernetes:core/v1:ConfigMap", { metadata: { name: "Cluster_Info" } })!,
      /not a DNS subdomain/,
    );
    assert.match(
      rejects("kubernetes:core/v1:ConfigMap", { metadata: { name: "a", namespace: "a.b" } })!,
      /not a DNS label/,
    );
    assert.match(
      rejects("eks:index:ManagedNodeGroup", { nodeGroupNamePrefix: "n".repeat(38) })!,
      /26-character suffix/,
    );
    assert.equal(
      rejects("eks:index:ManagedNodeGroup", { nodeGroupNamePrefix: "n".repeat(37) }),
      undefined,
    );
  });

  it("a run that declares such a resource fails with that message", async () => {
    await assert.rejects(
      runFixture("dev", {
        stackOutputs: {},
        program: () => {
          const provider = new aws.Provider("p", {
            region: "us-east-1",
            defaultTags: { tags: many(3) },
          });
          new aws.iam.Role("long", { name: "x".repeat(70), assumeRolePolicy: "{}" }, { provider });
          new k8s.core.v1.Namespace("ok", { metadata: { name: "flux-system" } });
          return {};
        },
      }),
      {
        message: `failed to register new resource long [aws:iam/role:Role]: aws:iam/role:Role 'long': name '${"x".repeat(70)}' is 70 characters; IAM allows 64 (the real provider refuses it at pulumi up).`,
      },
    );
  });
});
