/**
 * The connector's configuration: environment variables the Lambda function is created with
 * (components/feedback/connector.ts writes them from `CONNECTOR_ENVIRONMENT`'s names).
 */
import type { ConnectorConfig } from "./process";

/** Names of the Lambda environment variables. */
export const CONNECTOR_ENVIRONMENT = {
  table: "LEDGER_TABLE",
  keyParameterPrefix: "KEY_PARAMETER_PREFIX",
  repositories: "GITOPS_REPOSITORIES",
  ecrRegistry: "ECR_REGISTRY",
} as const;

export interface RuntimeConfig {
  readonly table: string;
  readonly keyParameterPrefix: string;
  readonly connector: ConnectorConfig;
}

/** Reads and checks the variables; throws naming every one missing. */
export function configFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): RuntimeConfig {
  const missing = Object.values(CONNECTOR_ENVIRONMENT).filter((k) => !env[k]);
  if (missing.length > 0)
    throw new Error(`connector: environment variables not set: ${missing.join(", ")}`);
  const get = (k: keyof typeof CONNECTOR_ENVIRONMENT) => env[CONNECTOR_ENVIRONMENT[k]] as string;
  return {
    table: get("table"),
    keyParameterPrefix: get("keyParameterPrefix"),
    connector: {
      repositories: get("repositories")
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean),
      substitutions: { ECR_REGISTRY: get("ecrRegistry") },
    },
  };
}
