import * as assert from "node:assert/strict";
import { resolveSettings } from "../../stacks/resolve";
import type { RuntimeSettings } from "../../stacks/settings";
import { settingsInput as input, settingsProblems as problems } from "../helpers/settings";

const ENDPOINT = { publicAccessCidrs: ["198.51.100.0/24"] };
const resolved = (stack: string, config: Record<string, unknown>) =>
  resolveSettings(input(stack, config)) as RuntimeSettings;

describe("stacks/domain-settings: HTTPS for the applications", () => {
  it("serves dev and staging over plain HTTP unless they set a domain", () => {
    assert.equal(resolved("dev", {}).appDomain, undefined);
    assert.deepEqual(resolved("staging", { domain: "staging.example.com" }).appDomain, {
      domain: "staging.example.com",
      hostedZone: { name: "staging.example.com" },
    });
  });

  it("takes the zone by name (the domain or a parent) or by ID", () => {
    assert.deepEqual(
      resolved("dev", { domain: "dev.example.com", hostedZone: "example.com" }).appDomain,
      { domain: "dev.example.com", hostedZone: { name: "example.com" } },
    );
    assert.deepEqual(
      resolved("dev", { domain: "dev.example.com", hostedZone: "/hostedzone/Z1D633PJN98FT9" })
        .appDomain,
      { domain: "dev.example.com", hostedZone: { id: "Z1D633PJN98FT9" } },
    );
  });

  it("requires HTTPS in prod, with the fix, unless the stack opts out", () => {
    assert.deepEqual(problems("prod", ENDPOINT), [
      "gitops-platform:domain = (not set): the applications must be served over HTTPS (httpsRequired is true, the prod profile's default), and HTTPS needs a domain. Set domain to the DNS name the applications live under (for example example.com, with its Route 53 hosted zone in hostedZone), or set httpsRequired: false to serve plain HTTP.",
    ]);
    assert.equal(resolved("prod", { ...ENDPOINT, httpsRequired: false }).appDomain, undefined);
    assert.deepEqual(problems("dev", { httpsRequired: true }), [
      "gitops-platform:domain = (not set): the applications must be served over HTTPS (httpsRequired is true), and HTTPS needs a domain. Set domain to the DNS name the applications live under (for example example.com, with its Route 53 hosted zone in hostedZone), or set httpsRequired: false to serve plain HTTP.",
    ]);
  });

  it("refuses names ACM, Route 53 or the zone cannot take", () => {
    assert.deepEqual(problems("dev", { domain: "Dev.Example.com" }), [
      'gitops-platform:domain = "Dev.Example.com": label "Dev" is not 1 to 63 lower-case letters, digits or inner hyphens. Use a DNS name such as dev.example.com, lower case.',
    ]);
    const long = `${"a".repeat(60)}.io`;
    assert.deepEqual(problems("dev", { domain: long }), [
      `gitops-platform:domain = "${long}": the certificate's name *.${long} is longer than the 64 characters ACM allows. Use a shorter domain.`,
    ]);
    assert.deepEqual(problems("dev", { domain: "dev.example.com", hostedZone: "example.org" }), [
      'gitops-platform:hostedZone = "example.org": zone example.org cannot hold domain dev.example.com. Name the zone of the domain or of a parent domain (for dev.example.com: dev.example.com or example.com).',
    ]);
    assert.deepEqual(problems("dev", { domain: "dev.example.com", hostedZone: "zone-1" }), [
      'gitops-platform:hostedZone = "zone-1": neither a hosted zone ID (Z followed by upper-case letters and digits) nor a zone name: not a DNS name with at least two labels (such as dev.example.com). Give the zone\'s ID (Z...) or its name.',
    ]);
    assert.deepEqual(problems("dev", { hostedZone: "example.com" }), [
      'gitops-platform:hostedZone = "example.com": a hosted zone without a domain serves nothing. Set gitops-platform:domain (the applications\' domain in that zone), or remove hostedZone.',
    ]);
  });

  it("reads who may encrypt secrets, as IAM role or user ARNs", () => {
    const arn = "arn:aws:iam::123456789012:role/platform-admins";
    assert.deepEqual(resolved("dev", { sopsEncryptPrincipalArns: [arn] }).sops, {
      encryptPrincipalArns: [arn],
    });
    assert.deepEqual(resolved("dev", {}).sops, { encryptPrincipalArns: [] });
    assert.deepEqual(
      problems("dev", { sopsEncryptPrincipalArns: ["arn:aws:iam::123456789012:root"] }),
      [
        'gitops-platform:sopsEncryptPrincipalArns = "arn:aws:iam::123456789012:root": not an IAM role or user ARN (arn:aws:iam::<account>:role/<name>). List IAM role or user ARNs.',
      ],
    );
  });
});
