/**
 * The Lambda entry point: the SSM client for the token (read once per instance and cached), Node's
 * `fetch` for the call (plain HTTP inside the VPC, to the internal load balancer), and `relayEvent`.
 */
import * as ssm from "@aws-sdk/client-ssm";
import type { EventBridgeEvent } from "aws-lambda";
import { relayConfigFromEnvironment, type RelayConfig } from "./config";
import { relayEvent, type RelayPorts, type RelayResult } from "./relay";

/** A Receiver answers at once (it only annotates objects); the function's timeout is longer. */
const POST_TIMEOUT_MS = 5_000;

let instance: { config: RelayConfig; ports: RelayPorts } | undefined;

function setUp(): { config: RelayConfig; ports: RelayPorts } {
  const config = relayConfigFromEnvironment(process.env);
  const client = new ssm.SSMClient({});
  let token: Promise<string> | undefined;
  return {
    config,
    ports: {
      token: () => {
        token ??= client
          .send(new ssm.GetParameterCommand({ Name: config.tokenParameter, WithDecryption: true }))
          .then((out) => {
            const value = out.Parameter?.Value;
            if (!value) throw new Error(`relay: parameter ${config.tokenParameter} is empty`);
            return value;
          });
        // A failed read is not cached: the retry reads again.
        token.catch(() => (token = undefined));
        return token;
      },
      post: async (url, body, headers) => {
        const res = await fetch(url, {
          method: "POST",
          body,
          headers,
          signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        });
        return res.status;
      },
      log: (entry) => console.log(JSON.stringify(entry)),
    },
  };
}

export async function handler(
  event: EventBridgeEvent<string, Record<string, unknown>>,
): Promise<RelayResult> {
  instance ??= setUp();
  return relayEvent(event, instance.config, instance.ports);
}

/** The bundle's own SDK classes, for tests of the built bundle (aws-sdk-client-mock). */
export const sdk = { SSMClient: ssm.SSMClient, GetParameterCommand: ssm.GetParameterCommand };

/** Tests only: forget the instance, so the next call reads the environment again. */
export function resetForTests(): void {
  instance = undefined;
}
