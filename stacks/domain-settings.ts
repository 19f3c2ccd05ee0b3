/**
 * HTTPS for an environment's applications: the domain they are served under, the Route 53 zone
 * that holds it, and whether the environment may run without (`httpsRequired`, true in prod).
 */
import type { AppDomainSettings, RuntimeProfile } from "./settings";
import type { RuntimeProfileValues } from "./profiles";
import type { Problems, Reader } from "./problems";
import {
  ACM_FIRST_NAME_MAX,
  certificateDomain,
  dnsNameProblem,
  isWithinZone,
  parseHostedZone,
} from "../components/domain";

export function resolveDomain(
  read: Reader,
  problems: Problems,
  profile: RuntimeProfile,
  p: RuntimeProfileValues,
): AppDomainSettings | undefined {
  const domain = read.string("domain", p.domain);
  const zoneSetting = read.string("hostedZone", p.hostedZone);
  const httpsRequired = read.boolean("httpsRequired", p.httpsRequired);
  if (domain === "") {
    if (zoneSetting !== "") {
      problems.add(
        "hostedZone",
        zoneSetting,
        "a hosted zone without a domain serves nothing",
        "Set gitops-platform:domain (the applications' domain in that zone), or remove hostedZone.",
      );
    }
    if (httpsRequired) {
      problems.add(
        "domain",
        undefined,
        `the applications must be served over HTTPS (httpsRequired is true${read.has("httpsRequired") ? "" : `, the ${profile} profile's default`}), and HTTPS needs a domain`,
        "Set domain to the DNS name the applications live under (for example example.com, with its Route 53 hosted zone in hostedZone), or set httpsRequired: false to serve plain HTTP.",
      );
    }
    return undefined;
  }
  const bad = dnsNameProblem(domain);
  if (bad) {
    problems.add("domain", domain, bad, "Use a DNS name such as dev.example.com, lower case.");
  } else if (certificateDomain(domain).length > ACM_FIRST_NAME_MAX) {
    problems.add(
      "domain",
      domain,
      `the certificate's name ${certificateDomain(domain)} is longer than the ${ACM_FIRST_NAME_MAX} characters ACM allows`,
      "Use a shorter domain.",
    );
  }
  if (zoneSetting === "" && bad) return { domain, hostedZone: { name: domain } };
  const zone = parseHostedZone(zoneSetting === "" ? domain : zoneSetting);
  if (typeof zone === "string") {
    problems.add("hostedZone", zoneSetting, zone, "Give the zone's ID (Z...) or its name.");
    return { domain, hostedZone: { name: domain } };
  }
  if ("name" in zone && !bad && !isWithinZone(domain, zone.name)) {
    problems.add(
      "hostedZone",
      zone.name,
      `zone ${zone.name} cannot hold domain ${domain}`,
      "Name the zone of the domain or of a parent domain (for dev.example.com: dev.example.com or example.com).",
    );
  }
  return { domain, hostedZone: zone };
}
