/**
 * The files a promotion of one service writes, relative to the commit it is cut from: the
 * service's manifests exactly as the source stage ran them (`base/<service>/**` at the tested
 * commit) and the overlays of the target stage and of every stage after it
 * (`overlays/<E>/<service>/**` from the same commit), the target's `kustomization.yaml` with the
 * images pinned. So an overlay edited on the default branch travels the promotion path with the
 * images that passed the stages before, and a fresh environment branch gets the whole folder.
 * Other files (components/, .sops.yaml, other services) are not touched: they change in a later
 * stage by a pull request of their own.
 */
import { createHash } from "node:crypto";
import { kustomizationImageNames, unpinnedImageFields } from "./image-fields";
import { pinKustomization, type ImagePin } from "./images";
import type { RepositoryPort } from "./ports";
import { PromotionRefused } from "./refused";

export interface FileChanges {
  readonly puts: readonly { readonly path: string; readonly content: string }[];
  readonly deletes: readonly string[];
}

/** Git's blob id of a text (what CodeCommit reports as `blobId`). */
export function blobId(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest("hex");
}

/** The folders a promotion of `service` into `laterStages[0]` owns. */
export function serviceFolders(service: string, laterStages: readonly string[]): string[] {
  return [`base/${service}`, ...laterStages.map((e) => `overlays/${e}/${service}`)];
}

export async function serviceChanges(
  repo: RepositoryPort,
  args: {
    readonly service: string;
    /** The commit tested in the source stage. */
    readonly tested: string;
    /** The commit the result is compared with (the promotion branch's tip). */
    readonly base: string;
    /** The target stage first, then the stages after it. */
    readonly laterStages: readonly string[];
    readonly pins: readonly ImagePin[];
    readonly vars: Readonly<Record<string, string>>;
  },
): Promise<FileChanges> {
  const target = args.laterStages[0];
  const pinned = `overlays/${target}/${args.service}/kustomization.yaml`;
  const desired = new Map<string, string>();
  const existing = new Map<string, string>();
  for (const folder of serviceFolders(args.service, args.laterStages)) {
    const [want, have] = await Promise.all([
      repo.listFiles(args.tested, folder),
      repo.listFiles(args.base, folder),
    ]);
    for (const f of have) existing.set(f.path, f.blobId);
    for (const f of want) {
      const text = await repo.getFile(args.tested, f.path);
      if (text !== undefined) desired.set(f.path, text);
    }
  }
  if (!desired.has(`base/${args.service}/kustomization.yaml`))
    throw new PromotionRefused(
      `base/${args.service}/kustomization.yaml does not exist at ${args.tested}`,
    );
  const overlay = desired.get(pinned);
  if (overlay === undefined)
    throw new PromotionRefused(`${pinned} does not exist at ${args.tested}`);
  const result = pinKustomization(overlay, args.pins, args.vars);
  if (result.unpinned.length > 0 || result.unused.length > 0) {
    throw new PromotionRefused(
      `${pinned} at ${args.tested.slice(0, 7)} does not list exactly the tested images: ` +
        [
          ...result.unpinned.map((n) => `${n} has no tested image`),
          ...result.unused.map((n) => `${n} has no entry`),
        ].join("; "),
    );
  }
  const stray = unpinnedImageFields(desired, kustomizationImageNames(result.text));
  if (stray.length > 0) {
    throw new PromotionRefused(
      `images the pins do not rewrite (kustomize images: replaces only the names it lists): ${stray.join("; ")}`,
    );
  }
  desired.set(pinned, result.text);
  return {
    puts: [...desired]
      .filter(([path, text]) => existing.get(path) !== blobId(text))
      .map(([path, content]) => ({ path, content })),
    deletes: [...existing.keys()].filter((path) => !desired.has(path)),
  };
}
