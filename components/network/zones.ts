/**
 * Availability zones per AWS region, by AZ ID (the same physical zone in every account; zone
 * names such as `us-east-1a` map to IDs differently per account in the oldest regions), and the
 * zones where EKS cannot place a control plane.
 *
 * Sources:
 * - AZ IDs: "AWS Availability Zones", https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 *   (AZ ID, Region, Geography tables), checked against a `describe-availability-zones` listing of
 *   every commercial region kept in a public repository (2026). Local and Wavelength zones are
 *   left out: awsx only picks zones of type `availability-zone`. Zones that only older accounts
 *   see (usw1-az2, cac1-az3, apne1-az3) are listed: they are real, and the deploy-time check below
 *   sees what the account has.
 * - EKS: "The subnets can't reside in the following Availability Zones: us-east-1 use1-az3,
 *   us-west-1 usw1-az2, ca-central-1 cac1-az3" (awsdocs/amazon-eks-user-guide
 *   latest/ug/networking/network-reqs.adoc, commit 101184e; CreateCluster fails with
 *   UnsupportedAvailabilityZoneException).
 * Add a row when AWS opens a region (the same page lists its AZ IDs).
 * Only the commercial partition: the program writes `arn:aws:` ARNs (GovCloud and China use
 * `arn:aws-us-gov:` and `arn:aws-cn:`).
 */

const ids = (prefix: string, ...n: number[]): readonly string[] => n.map((i) => `${prefix}-az${i}`);

export const REGION_ZONE_IDS: Readonly<Record<string, readonly string[]>> = {
  "us-east-1": ids("use1", 1, 2, 3, 4, 5, 6),
  "us-east-2": ids("use2", 1, 2, 3),
  "us-west-1": ids("usw1", 1, 2, 3),
  "us-west-2": ids("usw2", 1, 2, 3, 4),
  "ca-central-1": ids("cac1", 1, 2, 3, 4),
  "ca-west-1": ids("caw1", 1, 2, 3),
  "mx-central-1": ids("mxc1", 1, 2, 3),
  "sa-east-1": ids("sae1", 1, 2, 3),
  "eu-west-1": ids("euw1", 1, 2, 3),
  "eu-west-2": ids("euw2", 1, 2, 3),
  "eu-west-3": ids("euw3", 1, 2, 3),
  "eu-central-1": ids("euc1", 1, 2, 3),
  "eu-central-2": ids("euc2", 1, 2, 3),
  "eu-north-1": ids("eun1", 1, 2, 3),
  "eu-south-1": ids("eus1", 1, 2, 3),
  "eu-south-2": ids("eus2", 1, 2, 3),
  "il-central-1": ids("ilc1", 1, 2, 3),
  "me-central-1": ids("mec1", 1, 2, 3),
  "me-south-1": ids("mes1", 1, 2, 3),
  "af-south-1": ids("afs1", 1, 2, 3),
  "ap-east-1": ids("ape1", 1, 2, 3),
  "ap-east-2": ids("ape2", 1, 2, 3),
  "ap-south-1": ids("aps1", 1, 2, 3),
  "ap-south-2": ids("aps2", 1, 2, 3),
  "ap-northeast-1": ids("apne1", 1, 2, 3, 4),
  "ap-northeast-2": ids("apne2", 1, 2, 3, 4),
  "ap-northeast-3": ids("apne3", 1, 2, 3),
  "ap-southeast-1": ids("apse1", 1, 2, 3),
  "ap-southeast-2": ids("apse2", 1, 2, 3),
  "ap-southeast-3": ids("apse3", 1, 2, 3),
  "ap-southeast-4": ids("apse4", 1, 2, 3),
  "ap-southeast-5": ids("apse5", 1, 2, 3),
  "ap-southeast-6": ids("apse6", 1, 2, 3),
  "ap-southeast-7": ids("apse7", 1, 2, 3),
};

/** AZ IDs where EKS cannot place a control plane (see the sources above). */
export const EKS_UNSUPPORTED_ZONE_IDS: readonly string[] = ["use1-az3", "usw1-az2", "cac1-az3"];

/** Zones of `region` where an EKS cluster may have subnets, by AZ ID; undefined for an unknown region. */
export function eksZoneIds(region: string): readonly string[] | undefined {
  return REGION_ZONE_IDS[region]?.filter((z) => !EKS_UNSUPPORTED_ZONE_IDS.includes(z));
}

/** Zones as `ec2:DescribeAvailabilityZones` (the `getAvailabilityZones` data source) lists them. */
export interface AccountZones {
  /** Zone names in the account's order (`us-east-1a`, ...). */
  readonly names: readonly string[];
  /** The AZ ID of each name, same order. */
  readonly zoneIds: readonly string[];
}

/**
 * The first `count` zones of the account where EKS may place the cluster, in the order AWS lists
 * them (by name), or the reason there are not enough. Pure: `availabilityZoneNames` feeds it the
 * data source's answer at deploy time.
 */
export function chooseZones(
  zones: AccountZones,
  count: number,
  region: string,
): readonly string[] | string {
  const usable = zones.names.filter((_, i) => !EKS_UNSUPPORTED_ZONE_IDS.includes(zones.zoneIds[i]));
  if (usable.length >= count) return usable.slice(0, count);
  const listed = zones.names.map((n, i) => `${n} (${zones.zoneIds[i]})`).join(", ");
  const excluded = zones.zoneIds.filter((z) => EKS_UNSUPPORTED_ZONE_IDS.includes(z));
  return (
    `gitops-platform:availabilityZones = ${count}: this AWS account has ${usable.length} ` +
    `availability zone${usable.length === 1 ? "" : "s"} in ${region} where EKS can place a cluster ` +
    `(it lists ${listed || "none"}${excluded.length ? `; EKS refuses ${excluded.join(", ")}` : ""}). ` +
    (usable.length >= 2
      ? `Set gitops-platform:availabilityZones to ${usable.length} or fewer, or use another region.`
      : "Use another region: EKS needs two.")
  );
}
