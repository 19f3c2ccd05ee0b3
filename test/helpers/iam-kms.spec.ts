import * as assert from "node:assert/strict";
import type { PolicyDocument, PolicyStatement } from "../../components/aws";
import { evaluateKms, kmsTableFailures } from "./iam-kms";

const KEY = "arn:aws:kms:us-east-1:111111111111:key/k";
const ROLE = "arn:aws:iam::111111111111:role/app";
const OTHER = "arn:aws:iam::111111111111:role/other";
const FOREIGN = "arn:aws:iam::222222222222:role/app";
const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement,
});
const everything = doc({ Effect: "Allow", Action: "*", Resource: "*" });
const decrypt = { action: "kms:Decrypt", resource: KEY };

describe("test helper: KMS key policy evaluation", () => {
  it("lets a statement naming the caller allow without any identity policy", () => {
    const key = doc({
      Effect: "Allow",
      Principal: { AWS: ROLE },
      Action: "kms:Decrypt",
      Resource: "*",
    });
    assert.equal(evaluateKms(decrypt, { arn: ROLE }, key), "allow");
    assert.equal(
      evaluateKms(decrypt, { arn: OTHER, identity: [everything] }, key),
      "implicit-deny",
    );
    assert.equal(
      evaluateKms({ action: "kms:Encrypt", resource: KEY }, { arn: ROLE }, key),
      "implicit-deny",
    );
  });

  it("makes the account (root or ID) only a delegation to IAM", () => {
    for (const principal of ["arn:aws:iam::111111111111:root", "111111111111"]) {
      const key = doc({
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: "kms:DescribeKey",
        Resource: "*",
      });
      const describe = { action: "kms:DescribeKey", resource: KEY };
      assert.equal(evaluateKms(describe, { arn: OTHER }, key), "implicit-deny", principal);
      assert.equal(evaluateKms(describe, { arn: OTHER, identity: [everything] }, key), "allow");
      assert.equal(
        evaluateKms(describe, { arn: FOREIGN, identity: [everything] }, key),
        "implicit-deny",
        "another account's root is not this one",
      );
      // IAM cannot grant what the key policy does not delegate.
      assert.equal(
        evaluateKms(decrypt, { arn: OTHER, identity: [everything] }, key),
        "implicit-deny",
      );
    }
  });

  it("lets a Deny win, from the key policy (with conditions on the principal) or from IAM", () => {
    const key = doc(
      { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
      {
        Effect: "Deny",
        Principal: "*",
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { ArnNotEquals: { "aws:PrincipalArn": ROLE } },
      },
    );
    assert.equal(evaluateKms(decrypt, { arn: ROLE }, key), "allow");
    assert.equal(evaluateKms(decrypt, { arn: OTHER }, key), "explicit-deny");
    const denyAll = doc({ Effect: "Deny", Action: "kms:*", Resource: "*" });
    assert.equal(evaluateKms(decrypt, { arn: ROLE, identity: [denyAll] }, key), "explicit-deny");
  });

  it("reports the rows of a key-policy table that do not hold", () => {
    const key = doc({
      Effect: "Allow",
      Principal: { AWS: ROLE },
      Action: "kms:Decrypt",
      Resource: "*",
    });
    assert.deepEqual(
      kmsTableFailures(
        [
          { ...decrypt, caller: { arn: ROLE }, expect: "allow", why: "the role decrypts" },
          { ...decrypt, caller: { arn: OTHER }, expect: "allow", why: "wrong row" },
        ],
        key,
      ),
      [`wrong row: ${OTHER} kms:Decrypt -> implicit-deny, expected allow`],
    );
  });

  it("refuses a key policy statement without a principal", () => {
    assert.throws(
      () =>
        evaluateKms(decrypt, { arn: ROLE }, doc({ Effect: "Allow", Action: "*", Resource: "*" })),
      /key policy statement without Principal/,
    );
  });
});
