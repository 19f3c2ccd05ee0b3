/**
 * The relay's configuration: environment variables the Lambda function is created with
 * (components/receivers/relay.ts writes them from `RELAY_ENVIRONMENT`'s names).
 */
import type { RelayRoutes } from "./route";

export const RELAY_ENVIRONMENT = {
  /** SSM SecureString with the Receivers' token. */
  tokenParameter: "RECEIVER_TOKEN_PARAMETER",
  /** `http://<internal load balancer DNS name>` in front of the webhook receiver. */
  endpoint: "RECEIVER_ENDPOINT",
  /** JSON of `RelayRoutes`. */
  routes: "RECEIVER_ROUTES",
} as const;

export interface RelayConfig {
  readonly tokenParameter: string;
  readonly endpoint: string;
  readonly routes: RelayRoutes;
}

/** Reads and checks the variables; throws naming every one missing. */
export function relayConfigFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): RelayConfig {
  const missing = Object.values(RELAY_ENVIRONMENT).filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(`relay: environment variables not set: ${missing.join(", ")}`);
  }
  return {
    tokenParameter: env[RELAY_ENVIRONMENT.tokenParameter] as string,
    endpoint: (env[RELAY_ENVIRONMENT.endpoint] as string).replace(/\/+$/, ""),
    routes: JSON.parse(env[RELAY_ENVIRONMENT.routes] as string) as RelayRoutes,
  };
}
