/**
 * The IAM permissions of external-dns in one environment: the actions its AWS provider calls
 * (kubernetes-sigs/external-dns `docs/tutorials/aws.md`, "IAM Policy", chart 1.21.1 / v0.21.0),
 * narrowed to one hosted zone and, through Route 53's record-set condition keys, to the names under
 * the environment's domain, the record types it writes for an ALB (alias A and AAAA, and its TXT
 * ownership records) and the changes it makes. So dev's external-dns cannot touch prod's records
 * even when both live in one zone.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-conditions-route53.html
 */
import type { PolicyDocument, ServiceAccountRef } from "../aws";
import { externalDnsRecordNames } from "./names";

/** The service account the external-dns chart creates in flux-repo `infrastructure/dns`. */
export const EXTERNAL_DNS_SERVICE_ACCOUNT: ServiceAccountRef = {
  namespace: "kube-system",
  name: "external-dns",
};

/** Record types external-dns writes for an ALB Ingress: alias A/AAAA and TXT (registry). */
export const EXTERNAL_DNS_RECORD_TYPES = ["A", "AAAA", "TXT"] as const;

export interface ExternalDnsPolicyInput {
  /** ARN of the hosted zone (`arn:aws:route53:::hostedzone/<id>`). */
  readonly hostedZoneArn: string;
  /** The environment's domain: records may be that name or under it. */
  readonly domain: string;
}

export function externalDnsPolicy(input: ExternalDnsPolicyInput): PolicyDocument {
  if (!/^arn:aws[\w-]*:route53:::hostedzone\/Z[0-9A-Z]+$/.test(input.hostedZoneArn)) {
    throw new Error(
      `externalDnsPolicy: ${JSON.stringify(input.hostedZoneArn)} is not a hosted zone ARN.`,
    );
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // A statement of its own: ForAllValues holds when a key is absent, and these keys exist
        // only on ChangeResourceRecordSets.
        Sid: "ChangeRecordsUnderTheDomain",
        Effect: "Allow",
        Action: ["route53:ChangeResourceRecordSets"],
        Resource: input.hostedZoneArn,
        Condition: {
          "ForAllValues:StringLike": {
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
              ...externalDnsRecordNames(input.domain),
            ],
          },
          "ForAllValues:StringEquals": {
            "route53:ChangeResourceRecordSetsRecordTypes": [...EXTERNAL_DNS_RECORD_TYPES],
            "route53:ChangeResourceRecordSetsActions": ["CREATE", "UPSERT", "DELETE"],
          },
        },
      },
      {
        Sid: "ReadTheZone",
        Effect: "Allow",
        Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"],
        Resource: input.hostedZoneArn,
      },
      {
        // ListHostedZones has no resource-level permissions (Service Authorization Reference,
        // Amazon Route 53); external-dns then keeps only the zone of --zone-id-filter.
        Sid: "FindTheZone",
        Effect: "Allow",
        Action: ["route53:ListHostedZones"],
        Resource: "*",
      },
    ],
  };
}
