/**
 * Validation of GitOps objects: the typed models (kubernetes-models, @kubernetes-models/flux-cd)
 * and a TypeScript check of the objects against their types.
 */
import * as path from "node:path";
import * as ts from "typescript";

import type { KubeObject } from "./helpers";
import { targetGroupBindingError } from "./target-group-binding";

interface Model {
  validate(): void;
}

type ModelClass = new (data: unknown) => Model;

/**
 * The typed model class for an object: core kinds from `kubernetes-models`, Flux kinds from
 * `@kubernetes-models/flux-cd` (Flux 2.8 schemas), Karpenter's from `@kubernetes-models/karpenter`
 * (generated from karpenter-provider-aws' API types, with their validation markers). All are
 * ESM-only, hence `import()`.
 * Undefined when neither package knows the group/version/kind.
 */
export async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const specifier = modelModule(apiVersion, kind);
  try {
    const mod = (await import(specifier)) as Record<string, ModelClass>;
    return mod[kind];
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    if ((e as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw e;
  }
}

/** Validates one object with its model; returns the error text, or undefined when valid. */
export async function validationError(o: KubeObject): Promise<string | undefined> {
  const Model = await modelFor(o.apiVersion, o.kind);
  if (Model === undefined) return `no model for ${o.apiVersion} ${o.kind}`;
  try {
    new Model(o).validate();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The module that declares the model of `apiVersion`/`kind` (see `modelFor`). */
function modelModule(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group.endsWith(".fluxcd.io")) return `@kubernetes-models/flux-cd/${group}/${version}/${kind}`;
  if (group === "karpenter.sh" || group === "karpenter.k8s.aws") {
    return `@kubernetes-models/karpenter/${group}/${version}/${kind}`;
  }
  return `kubernetes-models/${group ? `${group}/` : ""}${version}/${kind}`;
}

/**
 * Type-checks objects against the models' TypeScript interfaces (`I<Kind>`), one in-memory
 * program. The JSON schemas behind `validate()` allow unknown fields (and the API server would
 * silently prune them from custom resources); TypeScript's excess-property check on object
 * literals rejects them, at any depth. Returns one line per problem: `<label>: <message>`.
 */
export function typeCheckObjects(
  objects: readonly { label: string; object: KubeObject }[],
): string[] {
  const file = path.join(__dirname, "__typecheck__.mts");
  const lines = objects.map(({ object }, i) => {
    const module = JSON.stringify(modelModule(object.apiVersion, object.kind));
    return `export const o${i}: import(${module}).I${object.kind} = ${JSON.stringify(object)};`;
  });
  const source = lines.join("\n");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es5.d.ts"],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file
      ? ts.createSourceFile(name, source, language)
      : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => {
      const line = d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line ?? 0;
      const label = objects[line]?.label ?? "?";
      return `${label}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
}

/**
 * IngressClassParams (elbv2.k8s.aws/v1beta1) has no typed model package; these are the spec
 * fields and enums of its CRD in aws/eks-charts stable/aws-load-balancer-controller 3.5.0
 * (crds/crds.yaml).
 */
const INGRESS_CLASS_PARAMS_FIELDS = new Set([
  "PrefixListsIDs",
  "certificateArn",
  "group",
  "inboundCIDRs",
  "ipAddressType",
  "ipamConfiguration",
  "listeners",
  "loadBalancerAttributes",
  "loadBalancerName",
  "minimumLoadBalancerCapacity",
  "namespaceSelector",
  "prefixListsIDs",
  "scheme",
  "sslPolicy",
  "sslRedirectPort",
  "subnets",
  "tags",
  "targetType",
  "wafv2AclArn",
  "wafv2AclName",
]);

function ingressClassParamsError(o: KubeObject): string | undefined {
  const spec = o.spec ?? {};
  const unknown = Object.keys(spec).filter((k) => !INGRESS_CLASS_PARAMS_FIELDS.has(k));
  if (unknown.length > 0) return `unknown IngressClassParams fields: ${unknown.join(", ")}`;
  if (o.metadata.namespace !== undefined) return "IngressClassParams is cluster-scoped";
  const ipType = spec.ipAddressType;
  if (
    ipType !== undefined &&
    !["ipv4", "dualstack", "dualstack-without-public-ipv4"].includes(ipType as string)
  ) {
    return `ipAddressType ${JSON.stringify(ipType)}`;
  }
  const group = spec.group as { name?: unknown } | undefined;
  // IngressGroup names: lower-case alphanumerics, '-' or '.', at most 63 characters (controller
  // docs, "IngressGroup").
  if (group !== undefined && !/^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(String(group.name))) {
    return `group.name ${JSON.stringify(group.name)}`;
  }
  return undefined;
}

export function withoutProvider(o: KubeObject): KubeObject {
  const spec = { ...o.spec };
  delete spec.provider;
  return { ...o, spec };
}

/**
 * The schema check of one object. `@kubernetes-models/flux-cd` 4.0.0 carries Flux 2.8 schemas,
 * whose GitRepository `provider` enum lacks `aws` (added in source-controller v1.9.0 / Flux 2.9,
 * fluxcd/source-controller#2035): the rest of a GitRepository is validated without `provider`, and
 * `provider` is checked against the Flux 2.9 enum here.
 */
export async function schemaError(o: KubeObject): Promise<string | undefined> {
  if (o.apiVersion === "elbv2.k8s.aws/v1beta1" && o.kind === "IngressClassParams") {
    return ingressClassParamsError(o);
  }
  if (o.apiVersion === "elbv2.k8s.aws/v1beta1" && o.kind === "TargetGroupBinding") {
    return targetGroupBindingError(o);
  }
  if (o.apiVersion === "source.toolkit.fluxcd.io/v1" && o.kind === "GitRepository") {
    const provider = o.spec?.provider;
    if (!["generic", "aws", "azure", "github"].includes(provider as string)) {
      return `GitRepository provider ${String(provider)}`;
    }
    return validationError(withoutProvider(o));
  }
  return validationError(o);
}
