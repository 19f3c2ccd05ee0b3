import * as assert from "node:assert/strict";
import {
  formatCidr,
  isPrivate,
  layoutSubnets,
  overlaps,
  parseCidr,
  type Cidr,
} from "../../../components/network/cidr";

const cidr = (text: string) => parseCidr(text) as Cidr;

describe("components/cidr", () => {
  it("parses and formats aligned IPv4 blocks", () => {
    assert.deepEqual(parseCidr("10.10.0.0/16"), { base: (10 << 24) + (10 << 16), prefix: 16 });
    assert.equal(formatCidr(cidr("192.168.4.0/22")), "192.168.4.0/22");
    assert.equal(parseCidr("10.0.0.256/24"), "an octet is greater than 255");
    assert.equal(parseCidr("10.0.0.0"), "not an IPv4 CIDR (expected a.b.c.d/n)");
    assert.equal(
      parseCidr("10.0.0.1/24"),
      "host bits are set (the network address is 10.0.0.0/24)",
    );
  });

  it("knows private ranges and overlaps", () => {
    assert.equal(isPrivate(cidr("172.20.0.0/16")), true);
    assert.equal(isPrivate(cidr("172.32.0.0/16")), false);
    assert.equal(overlaps(cidr("10.0.0.0/16"), cidr("10.0.255.0/24")), true);
    assert.equal(overlaps(cidr("10.0.0.0/16"), cidr("10.1.0.0/24")), false);
  });

  it("lays out private then public subnets, aligned, inside the VPC", () => {
    assert.deepEqual(layoutSubnets("10.10.0.0/16", 3, 19, 24), {
      private: ["10.10.0.0/19", "10.10.32.0/19", "10.10.64.0/19"],
      public: ["10.10.96.0/24", "10.10.97.0/24", "10.10.98.0/24"],
    });
  });

  it("never overlaps and stays inside the VPC (property over many layouts)", () => {
    let checked = 0;
    for (const vpcPrefix of [16, 18, 20]) {
      for (let azs = 2; azs <= 6; azs++) {
        for (const priv of [19, 20, 22, 24]) {
          for (const pub of [24, 26, 28]) {
            const vpc = `10.${vpcPrefix}.0.0/${vpcPrefix}`;
            const layout = layoutSubnets(vpc, azs, priv, pub);
            if (typeof layout === "string") continue;
            checked++;
            const all = [...layout.private, ...layout.public].map(cidr);
            const v = cidr(vpc);
            for (let i = 0; i < all.length; i++) {
              assert.ok(
                overlaps(all[i], v) && all[i].prefix > v.prefix,
                `${formatCidr(all[i])} in ${vpc}`,
              );
              for (let j = i + 1; j < all.length; j++)
                assert.equal(overlaps(all[i], all[j]), false);
            }
          }
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} layouts fitted`);
  });

  it("says why subnets do not fit", () => {
    assert.equal(
      layoutSubnets("10.0.0.0/24", 2, 25, 29),
      "a /29 subnet is outside the /16../28 range AWS allows",
    );
    assert.equal(
      layoutSubnets("10.0.0.0/20", 4, 22, 24),
      "4 private /22 and 4 public /24 subnets need 5120 addresses; the /20 VPC has 4096",
    );
  });
});
