/**
 * The connector's Lambda code, bundled from connector/src at program time (components/aws/bundle.ts
 * says how and why).
 */
import * as path from "node:path";
import { bundleLambda, LAMBDA_RUNTIME, type LambdaBundle } from "../aws";

export const CONNECTOR_ENTRY = path.resolve(__dirname, "../../connector/src/handler.ts");
export const CONNECTOR_RUNTIME = LAMBDA_RUNTIME;

export type ConnectorBundle = LambdaBundle;

/** Bundles `entry` (once per process and entry). */
export function bundleConnector(entry: string = CONNECTOR_ENTRY): ConnectorBundle {
  return bundleLambda(entry);
}
