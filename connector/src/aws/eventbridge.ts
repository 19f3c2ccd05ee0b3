/** The event port on EventBridge: one `Deployment Status Change` on the default bus. */
import { PutEventsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { EVENT_DETAIL_TYPE, EVENT_SOURCE, type DeploymentStatusChangeDetail } from "../contract";
import type { EventsPort } from "../process";

export class EventBridgeEvents implements EventsPort {
  constructor(private readonly client: EventBridgeClient) {}

  async put(detail: DeploymentStatusChangeDetail): Promise<void> {
    const out = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: EVENT_SOURCE,
            DetailType: EVENT_DETAIL_TYPE,
            Detail: JSON.stringify(detail),
            Resources: [],
          },
        ],
      }),
    );
    // PutEvents reports per-entry failures in a 200 response.
    if ((out.FailedEntryCount ?? 0) > 0) {
      const entry = out.Entries?.[0];
      throw new Error(`PutEvents failed: ${entry?.ErrorCode ?? "?"} ${entry?.ErrorMessage ?? ""}`);
    }
  }
}
