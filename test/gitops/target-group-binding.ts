/**
 * TargetGroupBinding (elbv2.k8s.aws/v1beta1) has no typed model package; this checks the fields
 * and enums of its CRD (AWS Load Balancer Controller `config/crd/bases/elbv2.k8s.aws_targetgroupbindings.yaml`,
 * reference: https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/spec/):
 * spec `serviceRef` {name, port} and one of `targetGroupARN`/`targetGroupName` required,
 * `targetType` instance|ip, `networking.ingress[]` of `from[]` (ipBlock.cidr or securityGroup.groupID)
 * and `ports[]` (protocol TCP|UDP, port).
 */
import type { KubeObject } from "./helpers";

const SPEC_FIELDS = new Set([
  "ipAddressType",
  "multiClusterTargetGroup",
  "networking",
  "nodeSelector",
  "serviceRef",
  "targetGroupARN",
  "targetGroupName",
  "targetType",
  "vpcID",
]);

const keysOutside = (o: object, allowed: readonly string[]) =>
  Object.keys(o).filter((k) => !allowed.includes(k));

export function targetGroupBindingError(o: KubeObject): string | undefined {
  const spec = (o.spec ?? {}) as Record<string, any>;
  const unknown = Object.keys(spec).filter((k) => !SPEC_FIELDS.has(k));
  if (unknown.length > 0) return `unknown TargetGroupBinding fields: ${unknown.join(", ")}`;
  if (o.metadata.namespace === undefined) return "TargetGroupBinding is namespaced";
  const ref = spec.serviceRef as Record<string, unknown> | undefined;
  if (typeof ref?.name !== "string" || ref.port === undefined)
    return "serviceRef needs name and port";
  if (keysOutside(ref, ["name", "port"]).length > 0) return "unknown serviceRef fields";
  if (spec.targetGroupARN === undefined && spec.targetGroupName === undefined) {
    return "targetGroupARN or targetGroupName is required";
  }
  if (spec.targetType !== undefined && !["instance", "ip"].includes(spec.targetType)) {
    return `targetType ${JSON.stringify(spec.targetType)}`;
  }
  const networking = spec.networking as Record<string, any> | undefined;
  if (networking === undefined) return undefined;
  if (keysOutside(networking, ["ingress"]).length > 0) return "unknown networking fields";
  for (const rule of networking.ingress ?? []) {
    if (keysOutside(rule, ["from", "ports"]).length > 0) return "unknown ingress rule fields";
    if (!Array.isArray(rule.from) || rule.from.length === 0) return "ingress rule without from";
    for (const peer of rule.from) {
      const kinds = Object.keys(peer);
      if (kinds.length !== 1 || !["ipBlock", "securityGroup"].includes(kinds[0])) {
        return `ingress peer ${JSON.stringify(peer)}`;
      }
      if (peer.securityGroup && typeof peer.securityGroup.groupID !== "string") {
        return "securityGroup needs groupID";
      }
      if (peer.ipBlock && typeof peer.ipBlock.cidr !== "string") return "ipBlock needs cidr";
    }
    for (const port of rule.ports ?? []) {
      if (keysOutside(port, ["protocol", "port"]).length > 0) return "unknown port fields";
      if (port.protocol !== undefined && !["TCP", "UDP"].includes(port.protocol)) {
        return `port protocol ${JSON.stringify(port.protocol)}`;
      }
    }
  }
  return undefined;
}
