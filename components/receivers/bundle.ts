/**
 * The relay's Lambda code: relay/src bundled by esbuild at program time, with the same function
 * (and options) as the connector's (components/feedback/bundle.ts).
 */
import * as path from "node:path";

export const RELAY_ENTRY = path.resolve(__dirname, "../../relay/src/handler.ts");
