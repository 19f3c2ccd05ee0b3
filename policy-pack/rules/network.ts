/**
 * Endpoints of prod stacks: the Kubernetes API is not open to the whole internet, and public
 * load balancers serve HTTPS.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PROD_PROFILE, stackProfile, type Props } from "../stack";

const WORLD = ["0.0.0.0/0", "::/0"];

/** Why a cluster's API is open to the world, or undefined. EKS defaults: public, 0.0.0.0/0. */
export function openToWorld(r: PolicyResource): string | undefined {
  const p = r.props as Props;
  const vpc = r.type === "aws:eks/cluster:Cluster" ? (p.vpcConfig ?? {}) : p;
  if (r.type !== "eks:index:Cluster" && r.type !== "aws:eks/cluster:Cluster") return undefined;
  if (vpc.endpointPublicAccess === false) return undefined;
  const cidrs: string[] | undefined = vpc.publicAccessCidrs;
  if (cidrs === undefined || cidrs.length === 0)
    return "public endpoint with no publicAccessCidrs (EKS then allows 0.0.0.0/0)";
  const open = cidrs.filter((c) => WORLD.includes(c));
  return open.length > 0 ? `public endpoint open to ${open.join(", ")}` : undefined;
}

export const kubernetesApiNotOpenToWorld: StackValidationPolicy = {
  name: "kubernetes-api-not-open-to-world-in-prod",
  description:
    "In prod, the EKS API endpoint is private or limited to listed CIDRs, unless this policy's config says allowOpenToWorld: true.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowOpenToWorld: {
        type: "boolean",
        default: false,
        description:
          "Accept a prod Kubernetes API endpoint open to 0.0.0.0/0 (an explicit, reviewed choice).",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    if (stackProfile(args.resources) !== PROD_PROFILE) return;
    if (args.getConfig<{ allowOpenToWorld?: boolean }>().allowOpenToWorld === true) return;
    for (const r of args.resources) {
      const why = openToWorld(r);
      if (why) {
        reportViolation(
          `${r.name}: ${why}. Set endpointPublicAccess: false or publicAccessCidrs, or allow it explicitly (policy config allowOpenToWorld: true).`,
          r.urn,
        );
      }
    }
  },
};

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";

function redirectsToHttps(listener: Props): boolean {
  return (listener.defaultActions ?? []).some(
    (a: Props) => a.type === "redirect" && a.redirect?.protocol === "HTTPS",
  );
}

/** Problems of an internet-facing application load balancer and its listeners. */
function loadBalancerProblems(lb: PolicyResource, resources: readonly PolicyResource[]): string[] {
  const p = lb.props as Props;
  if (p.internal === true || (p.loadBalancerType ?? "application") !== "application") return [];
  const listeners = resources.filter(
    (r) =>
      LISTENERS.includes(r.type) &&
      (r.propertyDependencies.loadBalancerArn ?? []).some((d) => d.urn === lb.urn),
  );
  const problems: string[] = [];
  if (!listeners.some((l) => (l.props as Props).protocol === "HTTPS"))
    problems.push("no HTTPS listener");
  for (const l of listeners) {
    const lp = l.props as Props;
    if ((lp.protocol ?? "HTTP") === "HTTP" && !redirectsToHttps(lp)) {
      problems.push(`HTTP listener ${l.name} does not redirect to HTTPS`);
    }
  }
  return problems;
}

/** Problems of an internet-facing Ingress of the AWS Load Balancer Controller. */
function ingressProblems(ingress: PolicyResource): string[] {
  const p = ingress.props as Props;
  const annotations: Record<string, string> = p.metadata?.annotations ?? {};
  if (annotations["alb.ingress.kubernetes.io/scheme"] !== "internet-facing") return [];
  const problems: string[] = [];
  if (
    !annotations["alb.ingress.kubernetes.io/certificate-arn"] &&
    (p.spec?.tls ?? []).length === 0
  ) {
    problems.push("no certificate (alb.ingress.kubernetes.io/certificate-arn or spec.tls)");
  }
  if (!annotations["alb.ingress.kubernetes.io/ssl-redirect"])
    problems.push("HTTP is not redirected (alb.ingress.kubernetes.io/ssl-redirect)");
  return problems;
}

export const httpsOnPublicLoadBalancers: StackValidationPolicy = {
  name: "https-on-public-load-balancers-in-prod",
  description:
    "In prod, internet-facing application load balancers (declared, or through an Ingress the plan declares) serve HTTPS and redirect HTTP.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    if (stackProfile(args.resources) !== PROD_PROFILE) return;
    for (const r of args.resources) {
      const problems = LOAD_BALANCERS.includes(r.type)
        ? loadBalancerProblems(r, args.resources)
        : r.type === INGRESS
          ? ingressProblems(r)
          : [];
      for (const problem of problems) reportViolation(`${r.name}: ${problem}.`, r.urn);
    }
  },
};
