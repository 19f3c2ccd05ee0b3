/**
 * Every container image a promotion carries must be one the pinned `images:` entries rewrite:
 * kustomize's `images:` replaces only the names it lists, so an `image:` field with any other
 * value in a copied manifest or patch (base/<service>, the later stages' overlays) would run an
 * image nobody tested, whatever the pins say. The promotion is refused then, naming the file.
 */
import { parse, parseAllDocuments } from "yaml";

/** The values of every `image` key (any depth) of a YAML text; [] for text that is not YAML. */
export function imageFields(text: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "image" && typeof x === "string") out.push(x);
        else walk(x);
      }
    }
  };
  for (const doc of parseAllDocuments(text)) {
    if (!("errors" in doc) || doc.errors.length > 0) continue;
    walk(doc.toJS());
  }
  return out;
}

/** `file: image` for each `image` field of `files` that is not one of `names`. */
export function unpinnedImageFields(
  files: ReadonlyMap<string, string>,
  names: readonly string[],
): string[] {
  const known = new Set(names);
  return [...files].flatMap(([path, text]) =>
    /\.ya?ml$/.test(path) && !/(^|\/)kustomization\.ya?ml$/.test(path)
      ? imageFields(text)
          .filter((image) => !known.has(image))
          .map((image) => `${path}: image ${image}`)
      : [],
  );
}

/** The `name` of each `images:` entry of a kustomization.yaml: the names kustomize rewrites. */
export function kustomizationImageNames(text: string): string[] {
  const doc = parse(text) as { images?: { name?: unknown }[] } | null;
  return (doc?.images ?? []).flatMap((i) => (typeof i?.name === "string" ? [i.name] : []));
}
