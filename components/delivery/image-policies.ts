/**
 * The `filterTags.pattern` of every Flux ImagePolicy in a folder of GitOps content (flux-repo),
 * so the settings can be checked against what the seed will commit.
 */
import * as YAML from "yaml";
import { collectSeedFiles } from "./seed-files";

export interface ImagePolicyPattern {
  /** The file, relative to the folder. */
  readonly file: string;
  readonly pattern: string;
}

export function imagePolicyPatterns(dir: string): ImagePolicyPattern[] {
  const found: ImagePolicyPattern[] = [];
  for (const f of collectSeedFiles(dir)) {
    if (!/\.ya?ml$/.test(f.path)) continue;
    for (const doc of YAML.parseAllDocuments(f.content.toString("utf8"))) {
      const o = doc.toJS() as {
        kind?: string;
        spec?: { filterTags?: { pattern?: unknown } };
      } | null;
      const pattern = o?.spec?.filterTags?.pattern;
      if (o?.kind === "ImagePolicy" && typeof pattern === "string")
        found.push({ file: f.path, pattern });
    }
  }
  return found;
}
