/**
 * The edits `npm run add-service` makes to files people own, each keeping what is there: new files
 * only where none exists, one more `resources` entry in a kustomization.yaml, one more entry in a
 * stack file's `services`. YAML is edited through the `yaml` library's Document API, so comments,
 * order and flow style survive (https://eemeli.org/yaml/#documents).
 */
import * as fs from "fs";
import * as path from "path";
import { isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";
import type { RenderedFile, ServiceSpec } from "../components/services";
import { SERVICE_DEFAULTS } from "../stacks/profiles";
import { NAMESPACE } from "../stacks/problems";

/** What an edit did, for the command's report. */
export type EditResult = "written" | "kept" | "added" | "present";

/** Writes `file` under `root` unless a file is already there (people own what exists). */
export function writeIfAbsent(root: string, file: RenderedFile): EditResult {
  const full = path.join(root, file.path);
  if (fs.existsSync(full)) return "kept";
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, file.content);
  return "written";
}

function save(file: string, doc: Document): void {
  if (doc.errors.length > 0) {
    throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
  }
  fs.writeFileSync(file, doc.toString({ lineWidth: 0 }));
}

/** Adds `resource` to the `resources` of the kustomization.yaml at `file`, if it is not listed. */
export function addResource(file: string, resource: string): EditResult {
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  const resources = doc.get("resources", true);
  if (isSeq(resources)) {
    if (resources.items.some((i) => isScalar(i) && i.value === resource)) return "present";
    resources.add(doc.createNode(resource));
  } else if (resources === undefined) {
    doc.set("resources", doc.createNode([resource]));
  } else {
    throw new Error(`${file}: resources is not a list`);
  }
  save(file, doc);
  return "added";
}

/** A settings entry with only what differs from the defaults; the bare name when nothing does. */
export function compactEntry(s: ServiceSpec): string | Record<string, string | number> {
  const entry: Record<string, string | number> = { name: s.name };
  if (s.folder !== s.name) entry.folder = s.folder;
  if (s.port !== SERVICE_DEFAULTS.port) entry.port = s.port;
  if (s.healthPath !== SERVICE_DEFAULTS.healthPath) entry.healthPath = s.healthPath;
  if (s.expose !== SERVICE_DEFAULTS.expose) entry.expose = s.expose;
  return Object.keys(entry).length === 1 ? s.name : entry;
}

/**
 * Adds `service` to `gitops-platform:services` of the stack file. When the file does not set
 * the key, it is written with every service the stack had by default plus the new one, so the
 * defaults are not lost.
 */
export function addServiceEntry(
  stackFile: string,
  service: ServiceSpec,
  current: readonly ServiceSpec[],
): EditResult {
  const doc = parseDocument(fs.readFileSync(stackFile, "utf8"));
  const key = `${NAMESPACE}:services`;
  let config = doc.get("config", true);
  if (config === undefined || config === null) {
    doc.set("config", doc.createNode({}));
    config = doc.get("config", true);
  }
  if (!isMap(config)) throw new Error(`${stackFile}: config is not a map`);
  const list = config.get(key, true);
  if (isSeq(list)) {
    list.add(doc.createNode(compactEntry(service)));
  } else if (list === undefined) {
    config.set(key, doc.createNode([...current, service].map(compactEntry)));
  } else {
    throw new Error(`${stackFile}: ${key} is not a list`);
  }
  save(stackFile, doc);
  return "added";
}
