/**
 * The domain an environment's applications are served under, over HTTPS: the Route 53 hosted zone
 * (looked up by ID or name), an ACM certificate for `*.<domain>` validated through DNS (Pulumi
 * writes the validation record and waits for ACM), and the IRSA role of external-dns, which writes
 * each Ingress host's alias record once the AWS Load Balancer Controller has made the ALB.
 *
 * Why external-dns and not a Pulumi record: an alias record needs the ALB's DNS name, and the ALB
 * exists only after Flux has applied the Ingress, long after (and outside) `pulumi up`; a lookup of
 * it would fail on the first `up` and, wherever it succeeded, make a resource depend on whether
 * another system had run. external-dns follows the ALB whenever the controller replaces it, and
 * its role may write only names under this environment's domain (external-dns-policy.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicyJson, type OidcProvider } from "../aws";
import { EXTERNAL_DNS_SERVICE_ACCOUNT, externalDnsPolicy } from "./external-dns-policy";
import { certificateDomain, isWithinZone, type HostedZoneRef } from "./names";

export interface AppDomainArgs {
  /** Environment name, in descriptions. */
  readonly environment: string;
  /** Prefix of the physical names: role `<namePrefix>-external-dns` (IAM: 64 characters at most). */
  readonly namePrefix: string;
  /**
   * DNS domain of the environment's applications: application `a` is served at `a.<domain>` with a
   * certificate for `*.<domain>`, e.g. `dev.example.com`. Public ACM certificates are free
   * (https://aws.amazon.com/certificate-manager/pricing/); the ALB's HTTPS listener costs nothing
   * beyond the ALB's own hours and LCUs.
   */
  readonly domain: string;
  /**
   * The public Route 53 hosted zone holding `domain` (the domain itself or a parent), by ID or by
   * name. It is looked up, not created: a zone's name servers are delegated by whoever owns the
   * parent domain. A hosted zone costs $0.50/month and queries $0.40 per million, alias queries
   * to an ALB free (https://aws.amazon.com/route53/pricing/), all outside this stack.
   */
  readonly hostedZone: HostedZoneRef;
  /** The cluster's IAM OIDC provider, for external-dns's role. */
  readonly oidcProvider: OidcProvider;
  /**
   * Permissions boundary of the role (the environment's, when Pulumi Deployments runs the stack:
   * components/deployments/boundary.ts). Default: none.
   */
  readonly permissionsBoundary?: pulumi.Input<string | undefined>;
}

export class AppDomain extends pulumi.ComponentResource {
  /** ID of the hosted zone (`Z...`). */
  public readonly hostedZoneId: pulumi.Output<string>;
  /** ARN of the certificate, known only once ACM has validated it (so no listener uses a pending one). */
  public readonly certificateArn: pulumi.Output<string>;
  /** The IRSA role of external-dns (`kube-system/external-dns`). */
  public readonly externalDnsRoleArn: pulumi.Output<string>;

  constructor(name: string, args: AppDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:domain:AppDomain", name, {}, opts);
    const zone = aws.route53.getZoneOutput(
      "id" in args.hostedZone
        ? { zoneId: args.hostedZone.id }
        : { name: args.hostedZone.name, privateZone: false },
      { parent: this },
    );
    // With a zone ID the settings cannot see the zone's name; a zone that does not hold the
    // domain would leave ACM waiting for a validation record it can never find (75 minutes).
    this.hostedZoneId = pulumi.all([zone.zoneId, zone.name]).apply(([id, zoneName]) => {
      if (!isWithinZone(args.domain, zoneName)) {
        throw new Error(
          `hostedZone ${id} is ${zoneName}, which does not hold domain ${args.domain}: set ` +
            `gitops-platform:hostedZone to the zone of ${args.domain} (or of a parent domain).`,
        );
      }
      return id;
    });

    const certificate = new aws.acm.Certificate(
      `${name}-certificate`,
      { domainName: certificateDomain(args.domain), validationMethod: "DNS" },
      { parent: this },
    );
    // One name, one validation record: ACM returns a single option for a lone wildcard.
    const option = certificate.domainValidationOptions.apply((options) => {
      if (options.length !== 1) {
        throw new Error(
          `ACM returned ${options.length} validation options for ${certificateDomain(args.domain)}; expected 1.`,
        );
      }
      return options[0];
    });
    const record = new aws.route53.Record(
      `${name}-certificate-validation`,
      {
        zoneId: this.hostedZoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
        // ACM gives every certificate of one name in one account the same record: a second stack
        // with this domain (or a re-created certificate) finds it already there.
        allowOverwrite: true,
      },
      { parent: this },
    );
    const validation = new aws.acm.CertificateValidation(
      `${name}-certificate`,
      { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
      { parent: this },
    );
    this.certificateArn = validation.certificateArn;

    const role = new aws.iam.Role(
      `${name}-external-dns`,
      {
        name: `${args.namePrefix}-external-dns`,
        description: `external-dns in ${args.environment}: records under ${args.domain} (IRSA ${EXTERNAL_DNS_SERVICE_ACCOUNT.namespace}/${EXTERNAL_DNS_SERVICE_ACCOUNT.name})`,
        assumeRolePolicy: irsaTrustPolicyJson(args.oidcProvider, EXTERNAL_DNS_SERVICE_ACCOUNT),
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-external-dns`,
      {
        name: "external-dns",
        role: role.id,
        policy: pulumi
          .all([zone.arn, this.hostedZoneId])
          .apply(([hostedZoneArn]) =>
            JSON.stringify(externalDnsPolicy({ hostedZoneArn, domain: args.domain })),
          ),
      },
      { parent: this },
    );
    // Handed to the GitOps content: external-dns must not start before its role may act.
    this.externalDnsRoleArn = pulumi.all([role.arn, policy.id]).apply(([arn]) => arn);
    this.registerOutputs({
      hostedZoneId: this.hostedZoneId,
      certificateArn: this.certificateArn,
      externalDnsRoleArn: this.externalDnsRoleArn,
    });
  }
}
