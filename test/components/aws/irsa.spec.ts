import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicy, irsaTrustPolicyJson } from "../../../components/aws/irsa";

const ARN =
  "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const HOST = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

/** The resolved value and secrecy of an Output (internal API, as the harness uses it). */
async function resolve<T>(o: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const [value, secret] = await Promise.all([
    (o as any).promise(true) as Promise<T>,
    (o as any).isSecret as Promise<boolean>,
  ]);
  return { value, secret };
}

describe("components/irsa: trust policy of one service account", () => {
  it("lets exactly system:serviceaccount:<ns>:<name> assume the role, for the STS audience", () => {
    const doc = irsaTrustPolicy(ARN, `https://${HOST}`, {
      namespace: "kube-system",
      name: "aws-load-balancer-controller",
    });
    assert.deepEqual(doc, {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: ARN },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${HOST}:sub`]: "system:serviceaccount:kube-system:aws-load-balancer-controller",
              [`${HOST}:aud`]: "sts.amazonaws.com",
            },
          },
        },
      ],
    });
  });

  it("matches exactly (StringEquals, no wildcard), so no other account or namespace qualifies", () => {
    const doc = irsaTrustPolicy(ARN, HOST, { namespace: "flux-system", name: "source-controller" });
    const condition = (doc.Statement[0] as { Condition: Record<string, unknown> }).Condition;
    assert.deepEqual(Object.keys(condition), ["StringEquals"]);
    const values = Object.values(condition.StringEquals as Record<string, string>);
    assert.ok(
      values.every((v) => !/[*?]/.test(v)),
      JSON.stringify(values),
    );
    assert.equal(doc.Statement.length, 1);
  });

  it("accepts the issuer with or without https:// and gives the same document", () => {
    const sa = { namespace: "flux-system", name: "image-reflector-controller" };
    assert.deepEqual(irsaTrustPolicy(ARN, HOST, sa), irsaTrustPolicy(ARN, `https://${HOST}`, sa));
  });

  it("keys the conditions by the issuer host of the cluster, not by the provider ARN", () => {
    const other = "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    const doc = irsaTrustPolicy(ARN, `https://${other}`, { namespace: "a", name: "b" });
    const keys = Object.keys(doc.Statement[0].Condition!.StringEquals);
    assert.deepEqual(keys, [`${other}:sub`, `${other}:aud`]);
  });

  it("builds the JSON from Outputs, keeping secrecy", async () => {
    const sa = { namespace: "kube-system", name: "aws-load-balancer-controller" };
    const plain = await resolve(
      irsaTrustPolicyJson({ arn: pulumi.output(ARN), url: `https://${HOST}` }, sa),
    );
    assert.equal(plain.secret, false);
    assert.deepEqual(JSON.parse(plain.value), irsaTrustPolicy(ARN, HOST, sa));
    const secret = await resolve(irsaTrustPolicyJson({ arn: pulumi.secret(ARN), url: HOST }, sa));
    assert.equal(secret.secret, true);
    assert.equal(secret.value, plain.value);
  });
});
