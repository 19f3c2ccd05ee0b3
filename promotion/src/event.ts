/**
 * The function's input: SQS messages of the FIFO queue the EventBridge rule feeds, each one
 * EventBridge event (`source` gitops-platform, `detail-type` Deployment Status Change) as its body.
 * A body that is not such an event is dropped with a log line (a retry would not fix it).
 */
import {
  DEPLOYMENT_STATUSES,
  EVENT_DETAIL_TYPE,
  EVENT_SOURCE,
  type DeploymentStatusChangeDetail,
} from "../../connector/src/contract";

export function statusChangeOf(body: string): DeploymentStatusChangeDetail | string {
  let event: { source?: unknown; "detail-type"?: unknown; detail?: Record<string, unknown> };
  try {
    event = JSON.parse(body) as typeof event;
  } catch {
    return "message body is not JSON";
  }
  if (event?.source !== EVENT_SOURCE || event["detail-type"] !== EVENT_DETAIL_TYPE)
    return `not a ${EVENT_DETAIL_TYPE} event of ${EVENT_SOURCE}`;
  const d = event.detail;
  const strings = ["id", "environment", "application", "revision", "statusSince"] as const;
  if (
    !d ||
    strings.some((k) => typeof d[k] !== "string") ||
    !DEPLOYMENT_STATUSES.includes(d.status as never) ||
    !Array.isArray(d.images) ||
    d.images.some((i) => typeof i !== "string")
  )
    return "detail does not have the contract's fields";
  return d as unknown as DeploymentStatusChangeDetail;
}
