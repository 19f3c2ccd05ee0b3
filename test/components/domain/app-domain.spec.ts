import * as assert from "node:assert/strict";
import { hex, MOCK_ACCOUNT } from "../../../harness/mocks";
import type { StackRun } from "../../../harness/run";
import { irsaTrustPolicy } from "../../../components/aws/irsa";
import { AppDomain, externalDnsPolicy } from "../../../components/domain";
import { loadSettings } from "../../../stacks/load";
import type { RuntimeSettings } from "../../../stacks/settings";
import { trusts } from "../../helpers/iam";
import { named, ofType } from "../../helpers/resources";
import { fixtureRun, runFixture } from "../../helpers/stacks";

const CERT = "aws:acm/certificate:Certificate";
const RECORD = "aws:route53/record:Record";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
/** The ID harness/mocks-domain.ts gives a zone looked up by name. */
const zoneIdOf = (name: string) => `Z${hex(name, 20).toUpperCase()}`;

/** Runs only the AppDomain component, from the staging fixture's settings with `config` over them. */
function runAppDomain(config: Record<string, unknown>): Promise<StackRun> {
  return runFixture("staging", {
    config,
    program: () => {
      const settings = loadSettings() as RuntimeSettings;
      const domain = new AppDomain("domain", {
        ...settings.appDomain!,
        environment: settings.environment,
        namePrefix: settings.namePrefix,
        oidcProvider: {
          arn: `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0A1B`,
          url: "https://oidc.eks.us-east-1.amazonaws.com/id/0A1B",
        },
      });
      return { hostedZoneId: domain.hostedZoneId, certificateArn: domain.certificateArn };
    },
  });
}

const clusterInfo = (run: StackRun, env: string) =>
  named(run, "kubernetes:core/v1:ConfigMap", `gitops-${env}-flux-cluster-info`).inputs.data;

describe("components/domain: HTTPS for the applications (fixture stacks)", () => {
  let prod: StackRun;
  let dev: StackRun;
  let stagingById: StackRun;
  before(async () => {
    prod = await fixtureRun("prod");
    dev = await fixtureRun("dev");
    stagingById = await runAppDomain({
      domain: "staging.example.com",
      hostedZone: "Z0123456789ABCDEFGHIJ",
    });
  });

  it("prod: a *.<domain> certificate, validated through a record in the zone found by name", () => {
    const zoneId = zoneIdOf("example.com");
    const cert = named(prod, CERT, "gitops-prod-domain-certificate");
    assert.deepEqual(
      { domainName: cert.inputs.domainName, validationMethod: cert.inputs.validationMethod },
      { domainName: "*.example.com", validationMethod: "DNS" },
    );
    const record = named(prod, RECORD, "gitops-prod-domain-certificate-validation");
    assert.deepEqual(record.inputs, {
      zoneId,
      name: `_${hex("example.com-name", 32)}.example.com.`,
      type: "CNAME",
      records: [`_${hex("example.com-value", 32)}.xlfgrmvvlj.acm-validations.aws.`],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = named(prod, VALIDATION, "gitops-prod-domain-certificate");
    assert.deepEqual(validation.propertyDependencies.certificateArn, [cert.urn]);
    assert.deepEqual(validation.inputs.validationRecordFqdns, [
      `_${hex("example.com-name", 32)}.example.com`,
    ]);
    assert.equal(prod.outputs.certificateArn, validation.inputs.certificateArn);
  });

  it("prod: external-dns gets a role for kube-system/external-dns, confined to the domain", () => {
    const role = named(prod, "aws:iam/role:Role", "gitops-prod-domain-external-dns");
    assert.equal(role.inputs.name, "gitops-prod-external-dns");
    const provider = String(prod.outputs.oidcProviderArn);
    assert.deepEqual(
      JSON.parse(role.inputs.assumeRolePolicy),
      irsaTrustPolicy(provider, provider.split(":oidc-provider/")[1], {
        namespace: "kube-system",
        name: "external-dns",
      }),
    );
    const issuer = provider.split(":oidc-provider/")[1];
    const ask = (sub: string) =>
      trusts(
        JSON.parse(role.inputs.assumeRolePolicy),
        { type: "Federated", id: provider },
        {
          action: "sts:AssumeRoleWithWebIdentity",
          resource: `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-prod-external-dns`,
          context: { [`${issuer}:sub`]: sub, [`${issuer}:aud`]: "sts.amazonaws.com" },
        },
      );
    assert.equal(ask("system:serviceaccount:kube-system:external-dns"), true);
    assert.equal(ask("system:serviceaccount:kube-system:aws-load-balancer-controller"), false);
    assert.equal(ask("system:serviceaccount:front-end:external-dns"), false);
    const policy = named(prod, "aws:iam/rolePolicy:RolePolicy", "gitops-prod-domain-external-dns");
    assert.deepEqual(
      JSON.parse(policy.inputs.policy),
      externalDnsPolicy({
        hostedZoneArn: `arn:aws:route53:::hostedzone/${zoneIdOf("example.com")}`,
        domain: "example.com",
      }),
    );
  });

  it("prod: hands the certificate (once validated), zone and role to the GitOps content", () => {
    const validation = named(prod, VALIDATION, "gitops-prod-domain-certificate");
    const cm = named(prod, "kubernetes:core/v1:ConfigMap", "gitops-prod-flux-cluster-info");
    const data = cm.inputs.data;
    assert.deepEqual(
      {
        INGRESS_MODE: data.INGRESS_MODE,
        APPS_DOMAIN: data.APPS_DOMAIN,
        CERTIFICATE_ARN: data.CERTIFICATE_ARN,
        HOSTED_ZONE_ID: data.HOSTED_ZONE_ID,
        EXTERNAL_DNS_ROLE_ARN: data.EXTERNAL_DNS_ROLE_ARN,
        EXTERNAL_DNS_SUSPEND: data.EXTERNAL_DNS_SUSPEND,
      },
      {
        INGRESS_MODE: "https",
        APPS_DOMAIN: "example.com",
        CERTIFICATE_ARN: validation.inputs.certificateArn,
        HOSTED_ZONE_ID: zoneIdOf("example.com"),
        EXTERNAL_DNS_ROLE_ARN: `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-prod-external-dns`,
        EXTERNAL_DNS_SUSPEND: "false",
      },
    );
    assert.ok(cm.propertyDependencies.data.includes(validation.urn), "waits for validation");
  });

  it("dev (no domain): no certificate, record or external-dns role; plain HTTP in cluster-info", () => {
    assert.deepEqual(
      [CERT, RECORD, VALIDATION].flatMap((t) => ofType(dev, t).map((r) => r.name)),
      [],
    );
    assert.equal(dev.resources.filter((r) => r.name.includes("external-dns")).length, 0);
    assert.equal(dev.outputs.certificateArn, undefined);
    const data = clusterInfo(dev, "dev");
    assert.equal(data.INGRESS_MODE, "http");
    assert.equal(data.EXTERNAL_DNS_SUSPEND, "true");
  });

  it("takes a hosted zone by ID", () => {
    const record = named(stagingById, RECORD, "domain-certificate-validation");
    assert.equal(record.inputs.zoneId, "Z0123456789ABCDEFGHIJ");
    assert.equal(
      named(stagingById, CERT, "domain-certificate").inputs.domainName,
      "*.staging.example.com",
    );
    assert.equal(stagingById.outputs.hostedZoneId, "Z0123456789ABCDEFGHIJ");
  });

  it("stops, naming the setting, when the zone of that ID does not hold the domain", async () => {
    await assert.rejects(
      runAppDomain({ domain: "staging.example.org", hostedZone: "Z0123456789ABCDEFGHIJ" }),
      // The SDK prefixes the path of the inputs the failed output reached.
      (e: Error) =>
        e.message.endsWith(
          "hostedZone Z0123456789ABCDEFGHIJ is example.com, which does not hold domain " +
            "staging.example.org: set gitops-platform:hostedZone to the zone of " +
            "staging.example.org (or of a parent domain).",
        ),
    );
  });
});
