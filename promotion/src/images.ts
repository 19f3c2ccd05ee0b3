/**
 * Image references and the pins a promotion writes: a kustomization.yaml `images:` entry keeps
 * its `name` and `newName` (`${ECR_REGISTRY}/<service>`, substituted by Flux) and gets the build
 * tag in `newTag` AND the manifest digest in `digest`. kustomize then writes
 * `<newName>:<newTag>@<digest>` (api/filters/imagetag: with both set, both replace the original),
 * and the container runtime pulls by digest: the bytes that ran before, whatever the tag says.
 */
import { parseDocument, Scalar, YAMLMap, YAMLSeq } from "yaml";

export interface ImageReference {
  /** Everything before the tag: `<registry>/<repository>` or a bare name. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** A pinned image: its name as the cluster sees it (variables substituted), tag and digest. */
export interface ImagePin {
  readonly name: string;
  readonly tag: string;
  readonly digest: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Docker's tag grammar: `[\w][\w.-]{0,127}`. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const NAME =
  /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** Parses `<name>[:<tag>][@sha256:<hex>]`; undefined when it is not an image reference. */
export function parseImageReference(ref: string): ImageReference | undefined {
  const [rest, digest, extra] = ref.split("@");
  if (extra !== undefined || (digest !== undefined && !DIGEST.test(digest))) return undefined;
  const colon = rest.lastIndexOf(":");
  const hasTag = colon > rest.lastIndexOf("/");
  const name = hasTag ? rest.slice(0, colon) : rest;
  const tag = hasTag ? rest.slice(colon + 1) : undefined;
  if (!NAME.test(name) || (tag !== undefined && !TAG.test(tag))) return undefined;
  return { name, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export function formatPin(p: ImagePin): string {
  return `${p.name}:${p.tag}@${p.digest}`;
}

/** The ECR repository of `name` when it is in `registry` (`<registry>/<repository>`). */
export function ecrRepository(name: string, registry: string): string | undefined {
  return name.startsWith(`${registry}/`) ? name.slice(registry.length + 1) : undefined;
}

const substitute = (s: string, vars: Readonly<Record<string, string>>) =>
  s.replace(/\$\{([_a-zA-Z][_a-zA-Z0-9]*)\}/g, (all, k: string) => vars[k] ?? all);

export interface PinResult {
  readonly text: string;
  /** `images:` entries (by substituted name) no pin was given for. */
  readonly unpinned: readonly string[];
  /** Pins that match no entry. */
  readonly unused: readonly string[];
}

/**
 * Sets every `images:` entry of a kustomization.yaml to its pin (matched by the entry's
 * `newName`, or `name`, after substituting `vars`), keeping comments and every other field.
 */
export function pinKustomization(
  text: string,
  pins: readonly ImagePin[],
  vars: Readonly<Record<string, string>>,
): PinResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`not YAML: ${doc.errors[0].message}`);
  const images = doc.get("images", true);
  const entries = images instanceof YAMLSeq ? images.items : [];
  const used = new Set<string>();
  const unpinned: string[] = [];
  for (const entry of entries) {
    if (!(entry instanceof YAMLMap)) continue;
    const raw: unknown = entry.get("newName") ?? entry.get("name");
    const name = typeof raw === "string" ? substitute(raw, vars) : "";
    const pin = pins.find((p) => p.name === name);
    if (!pin) {
      unpinned.push(name);
      continue;
    }
    used.add(pin.name);
    setScalar(entry, "newTag", pin.tag);
    setScalar(entry, "digest", pin.digest);
  }
  return {
    text: doc.toString(),
    unpinned,
    unused: pins.filter((p) => !used.has(p.name)).map((p) => p.name),
  };
}

/** Replaces a value in place (its comment stays), or adds the key. */
function setScalar(map: YAMLMap, key: string, value: string): void {
  const node = map.get(key, true);
  if (node instanceof Scalar) {
    node.value = value;
    node.type = undefined;
  } else map.set(key, value);
}
