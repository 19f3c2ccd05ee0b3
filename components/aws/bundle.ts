/**
 * Lambda code bundled at program time by esbuild (a pinned dependency: `pulumi up` runs it), not
 * by closure serialization: a handler is ordinary TypeScript with its own imports, and the bundle
 * is one deterministic file. ESM entry points (`mainFields: module`) let esbuild drop the SDK
 * commands a function never sends (the connector: about 640 kB instead of 1.07 MB with the
 * CommonJS builds). The SDK is bundled rather than taken from the runtime, so the code runs the
 * client versions this lock file pins. Used by the deployment-feedback connector and the promotion.
 * How to find the next esbuild: `npm view esbuild version` (changelog: github.com/evanw/esbuild).
 */
import { createHash } from "node:crypto";
import { buildSync } from "esbuild";

/** Node.js 22 on Lambda (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
export const LAMBDA_RUNTIME = "nodejs22.x";
export const BUNDLE_TARGET = "node22";

export interface LambdaBundle {
  /** The bundled JavaScript (CommonJS, exports `handler`). */
  readonly code: string;
  readonly bytes: number;
  /** Base64 SHA-256 of the code, as Lambda reports `CodeSha256` of a one-file archive's content. */
  readonly sha256: string;
}

const built = new Map<string, LambdaBundle>();

/** Bundles `entry` (an absolute path; once per process and entry). */
export function bundleLambda(entry: string): LambdaBundle {
  const hit = built.get(entry);
  if (hit) return hit;
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: BUNDLE_TARGET,
    format: "cjs",
    mainFields: ["module", "main"],
    minify: true,
    keepNames: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0].text;
  const bundle = {
    code,
    bytes: Buffer.byteLength(code),
    sha256: createHash("sha256").update(code).digest("base64"),
  };
  built.set(entry, bundle);
  return bundle;
}
