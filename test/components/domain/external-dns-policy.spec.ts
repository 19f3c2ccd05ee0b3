import * as assert from "node:assert/strict";
import { externalDnsPolicy } from "../../../components/domain/external-dns-policy";
import { tableFailures, type TableRow } from "../../helpers/iam";

const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
const OTHER_ZONE = "arn:aws:route53:::hostedzone/Z9999999999OTHERZONE";
const policy = JSON.parse(
  JSON.stringify(externalDnsPolicy({ hostedZoneArn: ZONE, domain: "dev.example.com" })),
);

/** A ChangeResourceRecordSets request as Route 53 describes it in its condition keys. */
const change = (
  names: string[],
  types: string[],
  actions: string[],
  resource = ZONE,
): Omit<TableRow, "expect" | "why"> => ({
  action: "route53:ChangeResourceRecordSets",
  resource,
  context: {
    "route53:ChangeResourceRecordSetsNormalizedRecordNames": names,
    "route53:ChangeResourceRecordSetsRecordTypes": types,
    "route53:ChangeResourceRecordSetsActions": actions,
  },
});

describe("components/domain: external-dns's IAM policy", () => {
  it("is exactly: change records under the domain in one zone, read that zone, list zones", () => {
    assert.deepEqual(policy, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ChangeRecordsUnderTheDomain",
          Effect: "Allow",
          Action: ["route53:ChangeResourceRecordSets"],
          Resource: ZONE,
          Condition: {
            "ForAllValues:StringLike": {
              "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
                "dev.example.com",
                "*.dev.example.com",
              ],
            },
            "ForAllValues:StringEquals": {
              "route53:ChangeResourceRecordSetsRecordTypes": ["A", "AAAA", "TXT"],
              "route53:ChangeResourceRecordSetsActions": ["CREATE", "UPSERT", "DELETE"],
            },
          },
        },
        {
          Sid: "ReadTheZone",
          Effect: "Allow",
          Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"],
          Resource: ZONE,
        },
        {
          Sid: "FindTheZone",
          Effect: "Allow",
          Action: ["route53:ListHostedZones"],
          Resource: "*",
        },
      ],
    });
  });

  it("holds the allow/deny table: dev's names only, never prod's, never the zone itself", () => {
    const host = "front-end.dev.example.com";
    const rows: TableRow[] = [
      {
        ...change([host, `a-${host}`], ["A", "TXT"], ["UPSERT"]),
        expect: "allow",
        why: "alias + ownership record",
      },
      {
        ...change([host, `aaaa-${host}`], ["AAAA", "TXT"], ["CREATE"]),
        expect: "allow",
        why: "IPv6 alias",
      },
      {
        ...change([host], ["A"], ["DELETE"]),
        expect: "allow",
        why: "an Ingress removed (policy sync)",
      },
      {
        ...change(["dev.example.com"], ["A"], ["UPSERT"]),
        expect: "allow",
        why: "the domain itself",
      },
      {
        ...change(["front-end.example.com"], ["A"], ["UPSERT"]),
        expect: "deny",
        why: "prod's host in a shared zone",
      },
      {
        ...change([host, "front-end.example.com"], ["A"], ["UPSERT"]),
        expect: "deny",
        why: "one foreign name in a batch",
      },
      {
        ...change(["front-end.xdev.example.com"], ["A"], ["UPSERT"]),
        expect: "deny",
        why: "a look-alike suffix",
      },
      {
        ...change(["devexample.com"], ["A"], ["UPSERT"]),
        expect: "deny",
        why: "not under the domain",
      },
      {
        ...change(["dev.example.com"], ["NS"], ["UPSERT"]),
        expect: "deny",
        why: "delegating the domain away",
      },
      {
        ...change([host], ["CNAME"], ["UPSERT"]),
        expect: "deny",
        why: "record types it never writes",
      },
      { ...change([host], ["A"], ["UPSERT"], OTHER_ZONE), expect: "deny", why: "another zone" },
      {
        action: "route53:ListResourceRecordSets",
        resource: ZONE,
        expect: "allow",
        why: "reads its zone",
      },
      { action: "route53:ListTagsForResources", resource: ZONE, expect: "allow", why: "zone tags" },
      {
        action: "route53:ListResourceRecordSets",
        resource: OTHER_ZONE,
        expect: "deny",
        why: "other zones stay unread",
      },
      {
        action: "route53:ListHostedZones",
        resource: "*",
        expect: "allow",
        why: "finds the zone by ID",
      },
      { action: "route53:CreateHostedZone", resource: "*", expect: "deny", why: "no new zones" },
      {
        action: "route53:DeleteHostedZone",
        resource: ZONE,
        expect: "deny",
        why: "no zone deletion",
      },
      {
        action: "route53:ChangeTagsForResource",
        resource: ZONE,
        expect: "deny",
        why: "no tag changes",
      },
      { action: "iam:PassRole", resource: "*", expect: "deny", why: "nothing outside Route 53" },
    ];
    assert.deepEqual(tableFailures(rows, [policy]), []);
  });

  it("refuses a zone that is not a hosted zone ARN", () => {
    assert.throws(
      () => externalDnsPolicy({ hostedZoneArn: "Z0123", domain: "dev.example.com" }),
      new Error('externalDnsPolicy: "Z0123" is not a hosted zone ARN.'),
    );
  });
});
