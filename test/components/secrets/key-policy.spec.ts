import * as assert from "node:assert/strict";
import type { PolicyDocument } from "../../../components/aws";
import {
  DECRYPT_ACTIONS,
  ENCRYPT_ACTIONS,
  KEY_MANAGEMENT_ACTIONS,
  sopsKeyPolicy,
} from "../../../components/secrets/key-policy";
import { kmsTableFailures, type KmsCaller, type KmsTableRow } from "../../helpers/iam-kms";

const ACCOUNT = "123456789012";
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const FLUX_DEV = role("gitops-dev-flux-kustomize-controller");
const FLUX_STAGING = role("gitops-staging-flux-kustomize-controller");
const PEOPLE = role("platform-admins");

const everything: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};
/** PowerUserAccess: everything but IAM, Organizations and Account (the Deployments roles have it). */
const powerUser: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
  ],
};

const policy = sopsKeyPolicy({
  accountId: ACCOUNT,
  decryptRoleArn: FLUX_DEV,
  encryptPrincipalArns: [PEOPLE, PEOPLE],
});
/** The policy as KMS receives it (serialized, parsed back). */
const wire = JSON.parse(JSON.stringify(policy)) as PolicyDocument;

describe("components/secrets: the SOPS key policy", () => {
  it("is exactly: account manages, Flux decrypts, people encrypt, no plaintext or grant for others", () => {
    assert.deepEqual(wire, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountManagesKeyThroughIam",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: [...KEY_MANAGEMENT_ACTIONS],
          Resource: "*",
        },
        {
          Sid: "FluxDecrypts",
          Effect: "Allow",
          Principal: { AWS: FLUX_DEV },
          Action: ["kms:Decrypt"],
          Resource: "*",
        },
        {
          Sid: "PeopleEncrypt",
          Effect: "Allow",
          Principal: { AWS: [PEOPLE] },
          Action: ["kms:Encrypt", "kms:DescribeKey"],
          Resource: "*",
        },
        {
          Sid: "NoPlaintextForOthers",
          Effect: "Deny",
          Principal: "*",
          Action: ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
          Resource: "*",
          Condition: { ArnNotEquals: { "aws:PrincipalArn": FLUX_DEV } },
        },
        {
          Sid: "NoGrants",
          Effect: "Deny",
          Principal: "*",
          Action: ["kms:CreateGrant"],
          Resource: "*",
        },
      ],
    });
  });

  it("gives the account no cryptographic action and no grant (management only)", () => {
    const crypto =
      /^kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|Sign|Verify|GenerateMac|CreateGrant)/;
    assert.deepEqual(
      KEY_MANAGEMENT_ACTIONS.filter((a) => crypto.test(a)),
      [],
    );
    assert.ok(
      KEY_MANAGEMENT_ACTIONS.every((a) => !a.includes("*")),
      "no wildcard actions",
    );
    assert.deepEqual(
      [...DECRYPT_ACTIONS, ...ENCRYPT_ACTIONS],
      ["kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"],
    );
  });

  it("holds the allow/deny table: only this environment's kustomize-controller decrypts", () => {
    const admin: KmsCaller = { arn: role("Admin"), identity: [everything] };
    const deployments: KmsCaller = { arn: role("gitops-shared-deploy-dev"), identity: [powerUser] };
    const flux: KmsCaller = { arn: FLUX_DEV };
    const rows: KmsTableRow[] = [
      ["kms:Decrypt", flux, "allow", "dev's kustomize-controller decrypts dev's secrets"],
      [
        "kms:Decrypt",
        { arn: FLUX_STAGING, identity: [everything] },
        "deny",
        "another environment's controller",
      ],
      [
        "kms:Decrypt",
        { arn: PEOPLE, identity: [everything] },
        "deny",
        "people who encrypt cannot read back",
      ],
      ["kms:Decrypt", admin, "deny", "an administrator's IAM policies do not reach plaintext"],
      ["kms:Decrypt", deployments, "deny", "the Deployments role (PowerUserAccess)"],
      [
        "kms:Decrypt",
        { arn: role("flux", "210987654321"), identity: [everything] },
        "deny",
        "another account",
      ],
      ["kms:ReEncryptFrom", admin, "deny", "re-encryption would move plaintext to another key"],
      ["kms:ReEncryptFrom", flux, "deny", "the controller only decrypts"],
      ["kms:CreateGrant", admin, "deny", "a grant could hand decryption to anyone"],
      ["kms:CreateGrant", flux, "deny", "not even the decrypting role grants"],
      ["kms:Encrypt", { arn: PEOPLE }, "allow", "a named person encrypts a new secret"],
      ["kms:DescribeKey", { arn: PEOPLE }, "allow", "and checks which key an ARN names"],
      ["kms:Encrypt", flux, "deny", "the controller does not write secrets"],
      [
        "kms:Encrypt",
        { arn: role("someone"), identity: [everything] },
        "deny",
        "nobody else encrypts, whatever IAM says",
      ],
      ["kms:GenerateDataKey", { arn: PEOPLE }, "deny", "no data keys (SOPS calls Encrypt only)"],
      ["kms:PutKeyPolicy", admin, "allow", "administrators manage the key (AWS's lockout check)"],
      ["kms:ScheduleKeyDeletion", admin, "allow", "and may retire it"],
      [
        "kms:EnableKeyRotation",
        deployments,
        "allow",
        "the stack's deploying role manages it through IAM",
      ],
      [
        "kms:PutKeyPolicy",
        { arn: role("nobody") },
        "deny",
        "a role without IAM permissions manages nothing",
      ],
      [
        "kms:PutKeyPolicy",
        { arn: role("x", "210987654321"), identity: [everything] },
        "deny",
        "another account",
      ],
    ].map(([action, caller, expect, why]) => ({
      action: action as string,
      resource: KEY,
      caller: caller as KmsCaller,
      expect: expect as KmsTableRow["expect"],
      why: why as string,
    }));
    assert.deepEqual(kmsTableFailures(rows, wire), []);
  });

  it("leaves out the encrypt statement when nobody may encrypt (KMS refuses an empty principal)", () => {
    const none = sopsKeyPolicy({
      accountId: ACCOUNT,
      decryptRoleArn: FLUX_DEV,
      encryptPrincipalArns: [],
    });
    assert.deepEqual(
      none.Statement.map((s) => s.Sid),
      ["AccountManagesKeyThroughIam", "FluxDecrypts", "NoPlaintextForOthers", "NoGrants"],
    );
    assert.deepEqual(
      kmsTableFailures(
        [
          {
            action: "kms:Encrypt",
            resource: KEY,
            caller: { arn: PEOPLE, identity: [everything] },
            expect: "deny",
            why: "no encrypters",
          },
        ],
        none,
      ),
      [],
    );
  });

  it("refuses inputs that are not an account ID or IAM principal ARNs", () => {
    assert.throws(
      () =>
        sopsKeyPolicy({ accountId: "1234", decryptRoleArn: FLUX_DEV, encryptPrincipalArns: [] }),
      new Error('sopsKeyPolicy: accountId "1234" is not 12 digits.'),
    );
    assert.throws(
      () =>
        sopsKeyPolicy({
          accountId: ACCOUNT,
          decryptRoleArn: FLUX_DEV,
          encryptPrincipalArns: [`arn:aws:iam::${ACCOUNT}:root`],
        }),
      new Error(`sopsKeyPolicy: "arn:aws:iam::${ACCOUNT}:root" is not an IAM role or user ARN.`),
    );
  });
});
