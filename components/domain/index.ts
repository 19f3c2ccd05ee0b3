/** An environment's application domain: hosted zone, ACM certificate, external-dns's IAM. */
export { AppDomain, type AppDomainArgs } from "./app-domain";
export {
  ACM_FIRST_NAME_MAX,
  appHostname,
  certificateDomain,
  dnsNameProblem,
  isWithinZone,
  parseHostedZone,
  type HostedZoneRef,
} from "./names";
export { EXTERNAL_DNS_SERVICE_ACCOUNT, externalDnsPolicy } from "./external-dns-policy";
