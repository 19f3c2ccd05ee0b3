import * as assert from "node:assert/strict";
import type { PolicyDocument, PolicyStatement } from "../../components/aws";
import { evaluate, tableFailures, trusts } from "./iam";

const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement,
});
const BUCKET = "arn:aws:s3:::logs";

describe("test helper: IAM evaluator", () => {
  it("allows what a statement allows, and nothing else (implicit deny)", () => {
    const p = doc({ Effect: "Allow", Action: "s3:Get*", Resource: `${BUCKET}/*` });
    assert.equal(evaluate({ action: "s3:GetObject", resource: `${BUCKET}/a` }, [p]), "allow");
    assert.equal(evaluate({ action: "S3:getobject", resource: `${BUCKET}/a` }, [p]), "allow");
    assert.equal(
      evaluate({ action: "s3:PutObject", resource: `${BUCKET}/a` }, [p]),
      "implicit-deny",
    );
    assert.equal(
      evaluate({ action: "s3:GetObject", resource: "arn:aws:s3:::LOGS/a" }, [p]),
      "implicit-deny",
      "resources match case-sensitively",
    );
  });

  it("lets an explicit deny win over any allow, in any policy", () => {
    const allow = doc({ Effect: "Allow", Action: "*", Resource: "*" });
    const deny = doc({ Effect: "Deny", Action: "iam:*", Resource: "*" });
    assert.equal(
      evaluate({ action: "iam:CreateUser", resource: "x" }, [allow, deny]),
      "explicit-deny",
    );
    assert.equal(evaluate({ action: "ec2:RunInstances", resource: "x" }, [allow, deny]), "allow");
  });

  it("needs the permissions boundary to allow too", () => {
    const allow = doc({ Effect: "Allow", Action: "*", Resource: "*" });
    const boundary = doc({ Effect: "Allow", Action: "s3:*", Resource: "*" });
    assert.equal(
      evaluate({ action: "s3:ListBucket", resource: BUCKET }, [allow], boundary),
      "allow",
    );
    assert.equal(
      evaluate({ action: "ec2:RunInstances", resource: "x" }, [allow], boundary),
      "implicit-deny",
    );
  });

  it("reads NotAction and NotResource as complements", () => {
    const p = doc({
      Effect: "Deny",
      NotAction: ["iam:Get*"],
      NotResource: "arn:aws:iam::1:role/ok",
    });
    const allow = doc({ Effect: "Allow", Action: "*", Resource: "*" });
    const r = (action: string, resource: string) => evaluate({ action, resource }, [allow, p]);
    assert.equal(r("iam:DeleteRole", "arn:aws:iam::1:role/x"), "explicit-deny");
    assert.equal(r("iam:GetRole", "arn:aws:iam::1:role/x"), "allow");
    assert.equal(r("iam:DeleteRole", "arn:aws:iam::1:role/ok"), "allow");
  });

  it("evaluates tag conditions: request tags on create, resource tags on change", () => {
    const p = doc(
      {
        Effect: "Allow",
        Action: "ec2:CreateVolume",
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestTag/env": "dev" } },
      },
      {
        Effect: "Allow",
        Action: "ec2:DeleteVolume",
        Resource: "*",
        Condition: { StringEquals: { "aws:ResourceTag/env": "${aws:PrincipalTag/env}" } },
      },
    );
    const vol = "arn:aws:ec2:us-east-1:1:volume/v-1";
    const at = (action: string, context: Record<string, string>) =>
      evaluate({ action, resource: vol, context }, [p]);
    assert.equal(at("ec2:CreateVolume", { "aws:RequestTag/env": "dev" }), "allow");
    assert.equal(at("ec2:CreateVolume", { "aws:RequestTag/env": "prod" }), "implicit-deny");
    assert.equal(at("ec2:CreateVolume", {}), "implicit-deny", "absent key: no match");
    assert.equal(
      at("ec2:DeleteVolume", { "aws:ResourceTag/env": "dev", "aws:PrincipalTag/env": "dev" }),
      "allow",
    );
    assert.equal(at("ec2:DeleteVolume", { "aws:ResourceTag/env": "dev" }), "implicit-deny");
  });

  it("holds negated operators and IfExists when the key is absent; Null tests presence", () => {
    const deny = (Condition: PolicyStatement["Condition"]) =>
      doc(
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Effect: "Deny", Action: "*", Resource: "*", Condition },
      );
    const r = (d: PolicyDocument, context: Record<string, string> = {}) =>
      evaluate({ action: "s3:PutObject", resource: BUCKET, context }, [d]);
    const notDev = deny({ StringNotEquals: { "aws:RequestTag/env": "dev" } });
    assert.equal(r(notDev), "explicit-deny");
    assert.equal(r(notDev, { "aws:RequestTag/env": "dev" }), "allow");
    const ifExists = deny({ StringNotEqualsIfExists: { "aws:RequestTag/env": "dev" } });
    assert.equal(r(ifExists), "explicit-deny", "negated + IfExists, absent: holds");
    const likeIfExists = deny({ StringLikeIfExists: { "aws:RequestTag/env": "prod*" } });
    assert.equal(r(likeIfExists), "explicit-deny");
    assert.equal(r(likeIfExists, { "aws:RequestTag/env": "dev" }), "allow");
    const nul = deny({ Null: { "aws:RequestTag/env": "true" } });
    assert.equal(r(nul), "explicit-deny");
    assert.equal(r(nul, { "aws:RequestTag/env": "x" }), "allow");
  });

  it("compares multi-valued keys with ForAnyValue and ForAllValues (AWS's documented semantics)", () => {
    const only = doc({
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: "*",
      Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } },
    });
    const any = doc({
      Effect: "Deny",
      Action: "codecommit:GitPush",
      Resource: "*",
      Condition: { "ForAnyValue:StringLike": { "codecommit:References": ["refs/heads/prod"] } },
    });
    const r = (d: PolicyDocument[], action: string, context: Record<string, string[]>) =>
      evaluate({ action, resource: "arn:aws:x:us-east-1:1:y", context }, d);
    assert.equal(r([only], "ec2:CreateTags", { "aws:TagKeys": ["env"] }), "allow");
    assert.equal(r([only], "ec2:CreateTags", { "aws:TagKeys": ["env", "owner"] }), "implicit-deny");
    assert.equal(r([only], "ec2:CreateTags", {}), "allow", "ForAllValues on an absent key holds");
    const push = doc(
      { Effect: "Allow", Action: "codecommit:GitPush", Resource: "*" },
      ...any.Statement,
    );
    assert.equal(
      r([push], "codecommit:GitPush", {
        "codecommit:References": ["refs/heads/dev", "refs/heads/prod"],
      }),
      "explicit-deny",
    );
    assert.equal(
      r([push], "codecommit:GitPush", { "codecommit:References": ["refs/heads/dev"] }),
      "allow",
    );
    assert.throws(
      () =>
        r(
          [
            doc({
              Effect: "Allow",
              Action: "*",
              Resource: "*",
              Condition: { StringEquals: { "aws:TagKeys": "a" } },
            }),
          ],
          "x:y",
          { "aws:TagKeys": ["a", "b"] },
        ),
      /multi-valued/,
    );
  });

  it("matches ARNs part by part with ArnLike", () => {
    const p = doc({
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: "*",
      Condition: { ArnLike: { "iam:PermissionsBoundary": "arn:aws:iam::*:policy/boundary-*" } },
    });
    const r = (b: string) =>
      evaluate(
        { action: "iam:PassRole", resource: "r", context: { "iam:PermissionsBoundary": b } },
        [p],
      );
    assert.equal(r("arn:aws:iam::123456789012:policy/boundary-dev"), "allow");
    assert.equal(r("arn:aws:iam::123456789012:policy/other"), "implicit-deny");
  });

  it("evaluates trust policies for a principal", () => {
    const trust = doc({
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::1:oidc-provider/api.pulumi.com/oidc" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "api.pulumi.com/oidc:aud": "acme" } },
    });
    const who = {
      type: "Federated" as const,
      id: "arn:aws:iam::1:oidc-provider/api.pulumi.com/oidc",
    };
    const req = (aud: string) => ({
      action: "sts:AssumeRoleWithWebIdentity",
      resource: "arn:aws:iam::1:role/r",
      context: { "api.pulumi.com/oidc:aud": aud },
    });
    assert.equal(trusts(trust, who, req("acme")), true);
    assert.equal(trusts(trust, who, req("other")), false);
    assert.equal(trusts(trust, { type: "AWS", id: "arn:aws:iam::1:root" }, req("acme")), false);
  });

  it("refuses operators and elements it does not know", () => {
    const p = doc({
      Effect: "Allow",
      Action: "*",
      Resource: "*",
      Condition: { DateGreaterThan: { "aws:CurrentTime": "2020" } },
    });
    assert.throws(
      () => evaluate({ action: "a:b", resource: "r", context: { "aws:CurrentTime": "x" } }, [p]),
      /unknown condition operator DateGreaterThan/,
    );
  });

  it("reports the rows of a table that do not hold", () => {
    const p = doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
    assert.deepEqual(
      tableFailures(
        [
          { action: "s3:GetObject", resource: BUCKET, expect: "allow", why: "read" },
          { action: "s3:PutObject", resource: BUCKET, expect: "deny", why: "no write" },
          { action: "s3:GetObject", resource: BUCKET, expect: "deny", why: "wrong row" },
        ],
        [p],
      ),
      [`wrong row: s3:GetObject on ${BUCKET} -> allow, expected deny`],
    );
  });
});
