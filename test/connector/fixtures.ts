/**
 * Flux events as notification-controller posts them to a `generic-hmac` Provider: the shape of
 * fluxcd/pkg `apis/event/v1beta1/event.go` `Event` (commit e2cfd1a2), the values kustomize-controller
 * and helm-controller emit (`internal/controller/kustomization_controller.go` `event`, commit
 * 186fb3b2; `internal/reconcile/release.go` `eventMeta`, commit 0f61a860), and the metadata in
 * both forms: prefixes stripped and the Alert's eventMetadata merged (notification-controller
 * >= 1.9, `combineEventMetadata`), or the controller's raw prefixed keys (older controllers, the
 * docs' example payload in `docs/spec/v1beta3/providers.md`).
 */
import { createHmac } from "node:crypto";
import type { LambdaFunctionURLEvent } from "aws-lambda";

export const SHA_A = "1f49071aa0c2bbd3d5c02d93bfb1c2a8f3a3e0d1";
export const SHA_B = "2b8c1d7e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c";
export const SHA_C = "3c9d2e8f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d";
export const SHA_D = "4dae3f9a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e";

export interface EventOptions {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly severity?: string;
  readonly reason?: string;
  readonly message?: string;
  readonly timestamp?: string;
  readonly revision?: string;
  readonly environment?: string;
  readonly repository?: string;
  readonly path?: string;
  /** `stripped`: notification-controller >= 1.9; `prefixed`: the raw controller keys. */
  readonly form?: "stripped" | "prefixed";
  readonly extraMetadata?: Record<string, string>;
}

const GROUP: Record<string, string> = {
  Kustomization: "kustomize.toolkit.fluxcd.io",
  HelmRelease: "helm.toolkit.fluxcd.io",
};

/** A Kustomization `front-end` event of `dev` (defaults: the final ReconciliationSucceeded). */
export function fluxEvent(o: EventOptions = {}): Record<string, unknown> {
  const kind = o.kind ?? "Kustomization";
  const reason = o.reason ?? "ReconciliationSucceeded";
  const success = kind === "Kustomization" && reason === "ReconciliationSucceeded";
  const controller: Record<string, string> = {
    revision: o.revision ?? `main@sha1:${SHA_A}`,
    ...(success ? { commit_status: "update" } : {}),
    ...o.extraMetadata,
  };
  const fromObject: Record<string, string> = {
    ...(o.repository === undefined
      ? { repository: "microservices-repo" }
      : o.repository
        ? { repository: o.repository }
        : {}),
    ...(o.path === undefined ? { path: "./overlays/dev" } : o.path ? { path: o.path } : {}),
  };
  const alert = { environment: o.environment ?? "dev", cluster: "gitops-dev" };
  const group = GROUP[kind] ?? "source.toolkit.fluxcd.io";
  const metadata =
    o.form === "prefixed"
      ? {
          ...Object.fromEntries(
            Object.entries(fromObject).map(([k, v]) => [`event.toolkit.fluxcd.io/${k}`, v]),
          ),
          ...alert,
          ...Object.fromEntries(Object.entries(controller).map(([k, v]) => [`${group}/${k}`, v])),
        }
      : { ...fromObject, ...alert, ...controller };
  return {
    involvedObject: {
      kind,
      namespace: o.namespace ?? "flux-system",
      name: o.name ?? "front-end",
      uid: "7d0cdc51-ddcd-4735-b14d-1b8b1c1b1c1b",
      apiVersion: `${group}/v1`,
      resourceVersion: "56921",
    },
    severity: o.severity ?? "info",
    timestamp: o.timestamp ?? "2026-08-07T16:12:44Z",
    message:
      o.message ??
      (success
        ? "Reconciliation finished in 1.2s, next run in 5m0s"
        : "Deployment/front-end/front-end configured"),
    reason,
    metadata,
    reportingController: kind === "HelmRelease" ? "helm-controller" : "kustomize-controller",
    reportingInstance: "kustomize-controller-7f5c6c9b8d-abcde",
  };
}

export const KEY = Buffer.from("k".repeat(64));

/** A function URL event (payload format 2.0) posting `body`, signed with `key` unless told otherwise. */
export function urlEvent(
  body: string | object,
  o: {
    environment?: string;
    key?: Buffer;
    signature?: string | null;
    method?: string;
    path?: string;
    base64?: boolean;
  } = {},
): LambdaFunctionURLEvent {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const signature =
    o.signature === null
      ? undefined
      : (o.signature ??
        `sha256=${createHmac("sha256", o.key ?? KEY)
          .update(text)
          .digest("hex")}`);
  const path = o.path ?? `/v1/environments/${o.environment ?? "dev"}/events`;
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: {
      "content-type": "application/json",
      "gotk-component": "kustomize-controller",
      "user-agent": "Go-http-client/1.1",
      ...(signature === undefined ? {} : { "x-signature": signature }),
    },
    requestContext: {
      accountId: "anonymous",
      apiId: "abc123",
      domainName: "abc123.lambda-url.us-east-1.on.aws",
      domainPrefix: "abc123",
      http: {
        method: o.method ?? "POST",
        path,
        protocol: "HTTP/1.1",
        sourceIp: "203.0.113.7",
        userAgent: "Go-http-client/1.1",
      },
      requestId: "4f1b1f0a-1111-2222-3333-444455556666",
      routeKey: "$default",
      stage: "$default",
      time: "07/Aug/2026:16:12:45 +0000",
      timeEpoch: 1786119165000,
    },
    body: o.base64 ? Buffer.from(text).toString("base64") : text,
    isBase64Encoded: o.base64 ?? false,
  };
}
