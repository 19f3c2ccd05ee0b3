/**
 * IPv4 CIDR arithmetic and the subnet layout of the VPC. Pure functions: the settings validation
 * and the network component both use `layoutSubnets`, so what is validated is what is built.
 */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns a reason instead when it is not a valid, aligned IPv4 CIDR. */
export function parseCidr(text: string): Cidr | string {
  const m = CIDR_RE.exec(text);
  if (!m) return "not an IPv4 CIDR (expected a.b.c.d/n)";
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return "an octet is greater than 255";
  const prefix = Number(m[5]);
  if (prefix > 32) return "the prefix length is greater than 32";
  const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  if (base % size(prefix) !== 0) {
    return `host bits are set (the network address is ${formatCidr({ base: alignDown(base, prefix), prefix })})`;
  }
  return { base, prefix };
}

export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** Number of addresses in a block of the given prefix length. */
export function size(prefix: number): number {
  return 2 ** (32 - prefix);
}

function alignDown(addr: number, prefix: number): number {
  return addr - (addr % size(prefix));
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b.prefix) && b.base < a.base + size(a.prefix);
}

/** RFC 1918 private ranges; a VPC should live in one of them. */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(
  (c) => parseCidr(c) as Cidr,
);

export function isPrivate(c: Cidr): boolean {
  return PRIVATE_RANGES.some((r) => r.prefix <= c.prefix && overlaps(r, c));
}

export interface SubnetLayout {
  /** One private subnet per AZ, in AZ order. */
  readonly private: readonly string[];
  /** One public subnet per AZ, in AZ order. */
  readonly public: readonly string[];
}

/**
 * Lays out one private and one public subnet per AZ inside the VPC CIDR: all private subnets first
 * (the large ones: with the VPC CNI every pod takes a VPC address), then the public ones, each block
 * aligned to its own size. Returns a reason when the subnets do not fit.
 */
export function layoutSubnets(
  vpcCidr: string,
  azCount: number,
  privatePrefix: number,
  publicPrefix: number,
): SubnetLayout | string {
  const vpc = parseCidr(vpcCidr);
  if (typeof vpc === "string") return `VPC CIDR ${vpcCidr}: ${vpc}`;
  for (const p of [privatePrefix, publicPrefix]) {
    if (p <= vpc.prefix) return `a /${p} subnet is not smaller than the /${vpc.prefix} VPC`;
    // AWS: subnets are between /16 and /28.
    if (p < 16 || p > 28) return `a /${p} subnet is outside the /16../28 range AWS allows`;
  }
  const end = vpc.base + size(vpc.prefix);
  let next = vpc.base;
  const take = (prefix: number): string | undefined => {
    const start = next % size(prefix) === 0 ? next : alignDown(next, prefix) + size(prefix);
    if (start + size(prefix) > end) return undefined;
    next = start + size(prefix);
    return formatCidr({ base: start, prefix });
  };
  const priv: string[] = [];
  const pub: string[] = [];
  for (let i = 0; i < azCount; i++) priv.push(take(privatePrefix) ?? "");
  for (let i = 0; i < azCount; i++) pub.push(take(publicPrefix) ?? "");
  if ([...priv, ...pub].includes("")) {
    const needed = azCount * (size(privatePrefix) + size(publicPrefix));
    return (
      `${azCount} private /${privatePrefix} and ${azCount} public /${publicPrefix} subnets need ` +
      `${needed} addresses; the /${vpc.prefix} VPC has ${size(vpc.prefix)}`
    );
  }
  return { private: priv, public: pub };
}
