/**
 * The relay's logic behind its ports: route the event, sign a small body with the Receivers'
 * token and POST it to the Receiver's webhook path. A failed call throws: EventBridge invokes
 * Lambda asynchronously, and Lambda retries a failed asynchronous invocation twice
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html); after
 * that, polling (the longer fallback intervals) still brings the change.
 */
import { routeEvent, type RelayRoutes } from "./route";
import { SIGNATURE_HEADER, signature, webhookPath } from "./webhook";

export interface RelayPorts {
  /** The Receivers' token (cached by the adapter). */
  token(): Promise<string>;
  /** POSTs and answers the HTTP status. */
  post(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<number>;
  log(entry: Record<string, unknown>): void;
}

export type RelayResult =
  | { readonly result: "notified"; readonly receiver: string; readonly status: number }
  | { readonly result: "skipped"; readonly reason: string };

export async function relayEvent(
  event: {
    id?: unknown;
    source?: unknown;
    "detail-type"?: unknown;
    detail?: Record<string, unknown>;
  },
  config: { readonly endpoint: string; readonly routes: RelayRoutes },
  ports: RelayPorts,
): Promise<RelayResult> {
  const route = routeEvent(event, config.routes);
  if ("skip" in route) {
    ports.log({ result: "skipped", reason: route.skip, id: event.id });
    return { result: "skipped", reason: route.skip };
  }
  const token = await ports.token();
  // The Receiver does not read the body (no resourceFilter); it says what happened, for the logs.
  const body = JSON.stringify({ id: event.id, source: event.source, subject: route.subject });
  const url = `${config.endpoint}${webhookPath(token, route.receiver, config.routes.namespace)}`;
  const status = await ports.post(url, body, {
    "Content-Type": "application/json",
    [SIGNATURE_HEADER]: signature(body, token),
  });
  ports.log({ result: "notified", receiver: route.receiver, subject: route.subject, status });
  if (status < 200 || status >= 300) {
    throw new Error(`receiver ${route.receiver} answered ${status} for ${route.subject}`);
  }
  return { result: "notified", receiver: route.receiver, status };
}
