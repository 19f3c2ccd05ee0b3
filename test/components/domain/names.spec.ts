import * as assert from "node:assert/strict";
import {
  appHostname,
  certificateDomain,
  dnsNameProblem,
  externalDnsRecordNames,
  isWithinZone,
  parseHostedZone,
} from "../../../components/domain/names";

describe("components/domain: names", () => {
  it("accepts DNS names of two or more lower-case labels and says what is wrong with others", () => {
    for (const ok of [
      "example.com",
      "dev.example.com",
      "a-1.b2.example.co.uk",
      "x".repeat(63) + ".io",
    ]) {
      assert.equal(dnsNameProblem(ok), undefined, ok);
    }
    assert.deepEqual(
      [
        "localhost",
        "Dev.example.com",
        "-a.example.com",
        "a-.example.com",
        "*.example.com",
        "example.com.",
        "a..b",
      ].map(dnsNameProblem),
      [
        "not a DNS name with at least two labels (such as dev.example.com)",
        'label "Dev" is not 1 to 63 lower-case letters, digits or inner hyphens',
        'label "-a" is not 1 to 63 lower-case letters, digits or inner hyphens',
        'label "a-" is not 1 to 63 lower-case letters, digits or inner hyphens',
        'label "*" is not 1 to 63 lower-case letters, digits or inner hyphens',
        'label "" is not 1 to 63 lower-case letters, digits or inner hyphens',
        'label "" is not 1 to 63 lower-case letters, digits or inner hyphens',
      ],
    );
    assert.equal(
      dnsNameProblem(`${"x".repeat(64)}.io`),
      `label "${"x".repeat(64)}" is not 1 to 63 lower-case letters, digits or inner hyphens`,
    );
    assert.equal(dnsNameProblem(`${"a.".repeat(127)}io`), "longer than 253 characters");
  });

  it("reads a hosted zone as an ID (with or without /hostedzone/) or as a zone name", () => {
    assert.deepEqual(parseHostedZone("Z0123456789ABCDEFGHIJ"), { id: "Z0123456789ABCDEFGHIJ" });
    assert.deepEqual(parseHostedZone("/hostedzone/Z1D633PJN98FT9"), { id: "Z1D633PJN98FT9" });
    assert.deepEqual(parseHostedZone("example.com"), { name: "example.com" });
    assert.equal(
      parseHostedZone("z0123"),
      "neither a hosted zone ID (Z followed by upper-case letters and digits) nor a zone name: not a DNS name with at least two labels (such as dev.example.com)",
    );
  });

  it("places a domain in its zone or a parent zone, never a sibling", () => {
    assert.equal(isWithinZone("dev.example.com", "example.com"), true);
    assert.equal(isWithinZone("example.com", "example.com."), true);
    assert.equal(isWithinZone("Dev.Example.com", "example.com"), true);
    assert.equal(isWithinZone("example.com", "dev.example.com"), false);
    assert.equal(isWithinZone("badexample.com", "example.com"), false);
  });

  it("names the certificate, the hosts and the records external-dns may write", () => {
    assert.equal(certificateDomain("dev.example.com"), "*.dev.example.com");
    assert.equal(appHostname("front-end", "dev.example.com"), "front-end.dev.example.com");
    assert.deepEqual(externalDnsRecordNames("Dev.Example.com"), [
      "dev.example.com",
      "*.dev.example.com",
    ]);
  });
});
