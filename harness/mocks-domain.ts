/**
 * Mock outputs and data sources of the application domain (components/domain): the ACM
 * certificate with its DNS validation option, Route 53 records and the hosted-zone lookup, in
 * the shapes the AWS provider returns.
 */
import { hex, MOCK_ACCOUNT } from "./mock-ids";

/** The name of a hosted zone looked up by ID (a real lookup returns the zone's own name). */
export const MOCK_ZONE_NAME = "example.com";

type State = { name: string; inputs: Record<string, any>; ctx: { readonly region: string } };

const uuid = (seed: string) =>
  `${hex(seed, 8)}-${hex(seed + 1, 4)}-${hex(seed + 2, 4)}-${hex(seed + 3, 4)}-${hex(seed + 4, 12)}`;

export const DOMAIN_OUTPUTS: Record<string, (s: State) => Record<string, unknown>> = {
  "aws:acm/certificate:Certificate": (s) => {
    const name = String(s.inputs.domainName);
    // ACM's validation CNAME: one per distinct name; a wildcard is validated through its base.
    const base = name.replace(/^\*\./, "");
    return {
      arn: `arn:aws:acm:${s.ctx.region}:${MOCK_ACCOUNT}:certificate/${uuid(s.name)}`,
      status: "PENDING_VALIDATION",
      domainValidationOptions: [
        {
          domainName: name,
          resourceRecordName: `_${hex(`${base}-name`, 32)}.${base}.`,
          resourceRecordType: "CNAME",
          resourceRecordValue: `_${hex(`${base}-value`, 32)}.xlfgrmvvlj.acm-validations.aws.`,
        },
      ],
    };
  },
  "aws:route53/record:Record": (s) => ({ fqdn: String(s.inputs.name).replace(/\.$/, "") }),
};

/** `aws.route53.getZone`: a public zone, by ID (named MOCK_ZONE_NAME) or by name. */
export function mockGetZone(inputs: Record<string, any>): Record<string, unknown> {
  const name = String(inputs.name ?? MOCK_ZONE_NAME).replace(/\.$/, "");
  const zoneId = String(inputs.zoneId ?? `Z${hex(name, 20).toUpperCase()}`);
  return {
    zoneId,
    id: zoneId,
    name,
    arn: `arn:aws:route53:::hostedzone/${zoneId}`,
    privateZone: false,
    nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"],
    resourceRecordSetCount: 2,
    tags: {},
  };
}
