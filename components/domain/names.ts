/**
 * Names of an environment's application domain, as pure functions: the DNS-name and hosted-zone
 * rules the settings check, the certificate's name, the applications' hostnames and the record
 * names external-dns may write. The settings (stacks/) and the component share them.
 */

/** A Route 53 hosted zone, by ID (`Z...`) or by its name (`example.com`). */
export type HostedZoneRef = { readonly id: string } | { readonly name: string };

/**
 * Route 53 hosted zone IDs: `Z` and upper-case letters and digits (at most 32 characters, the
 * API's `ResourceId` length). The `/hostedzone/` prefix some APIs print is accepted and dropped.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetHostedZone.html
 */
const ZONE_ID = /^(?:\/hostedzone\/)?(Z[0-9A-Z]{1,31})$/;

/**
 * Why `value` is not a DNS name this program can serve applications under, or undefined: at least
 * two labels of lower-case letters, digits and inner hyphens (1 to 63 characters each,
 * RFC 1035 §2.3.1 preferred syntax), 253 characters at most; no trailing dot, no wildcard.
 */
export function dnsNameProblem(value: string): string | undefined {
  if (value.length > 253) return "longer than 253 characters";
  const labels = value.split(".");
  if (labels.length < 2) return "not a DNS name with at least two labels (such as dev.example.com)";
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
  const bad = labels.find((l) => !label.test(l));
  return bad === undefined
    ? undefined
    : `label ${JSON.stringify(bad)} is not 1 to 63 lower-case letters, digits or inner hyphens`;
}

/** The zone `value` names (an ID, or a DNS name), or why it names none. */
export function parseHostedZone(value: string): HostedZoneRef | string {
  const id = ZONE_ID.exec(value);
  if (id) return { id: id[1] };
  const problem = dnsNameProblem(value);
  return problem === undefined
    ? { name: value }
    : `neither a hosted zone ID (Z followed by upper-case letters and digits) nor a zone name: ${problem}`;
}

/** Whether `name` is `zone` or a name under it. */
export function isWithinZone(name: string, zone: string): boolean {
  const z = zone.replace(/\.$/, "").toLowerCase();
  const n = name.replace(/\.$/, "").toLowerCase();
  return n === z || n.endsWith(`.${z}`);
}

/**
 * The certificate covers every application of the environment: `*.<domain>`. ACM refuses a first
 * domain name longer than 64 octets (RequestCertificate `DomainName`,
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html).
 */
export function certificateDomain(domain: string): string {
  return `*.${domain}`;
}

export const ACM_FIRST_NAME_MAX = 64;

/** Hostname of application `app` (`front-end.dev.example.com`). */
export function appHostname(app: string, domain: string): string {
  return `${app}.${domain}`;
}

/**
 * Record names external-dns may change, as Route 53 normalizes them in the condition key
 * `route53:ChangeResourceRecordSetsNormalizedRecordNames` (lower case, no trailing dot): the
 * domain and every name under it, its TXT ownership records (`a-front-end.<domain>`) included.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-conditions-route53.html
 */
export function externalDnsRecordNames(domain: string): readonly string[] {
  const d = domain.toLowerCase();
  return [d, `*.${d}`];
}
