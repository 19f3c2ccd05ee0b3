/**
 * In-memory ECR repositories for the promotion's registry port, with ECR's rules: an image is
 * its manifest, its digest the manifest's sha256; tags are immutable (a tag on another image:
 * ImageTagAlreadyExistsException); PutImage checks the digest against the manifest
 * (ImageDigestDoesNotMatchException) and reports a tag the image already has
 * (ImageAlreadyExistsException); pushedAt never changes when a tag is added.
 */
import { createHash } from "node:crypto";
import type { ImageDetail, RegistryPort } from "../../promotion/src/ports";

export interface FakeImage {
  readonly digest: string;
  readonly manifest: string;
  readonly tags: Set<string>;
  readonly pushedAt: Date;
}

export class EcrError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = code;
  }
}

export class FakeEcr implements RegistryPort {
  readonly repositories = new Map<string, FakeImage[]>();
  readonly calls: string[] = [];

  /** A build pushing `tag`: a new manifest, so a new digest. */
  push(repository: string, tag: string, pushedAt = new Date()): string {
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      layers: [
        { digest: `sha256:${createHash("sha256").update(`${repository}:${tag}`).digest("hex")}` },
      ],
    });
    const digest = `sha256:${createHash("sha256").update(manifest).digest("hex")}`;
    this.putImage(repository, manifest, tag, digest, pushedAt);
    return digest;
  }

  image(repository: string, digest: string): FakeImage | undefined {
    return this.repositories.get(repository)?.find((i) => i.digest === digest);
  }

  describeTag(repository: string, tag: string): Promise<ImageDetail | undefined> {
    this.calls.push(`describeTag ${repository}:${tag}`);
    const images = this.repositories.get(repository);
    if (!images) throw new EcrError("RepositoryNotFoundException", repository);
    const i = images.find((x) => x.tags.has(tag));
    return Promise.resolve(
      i ? { digest: i.digest, tags: [...i.tags], registryId: "123456789012" } : undefined,
    );
  }

  addTag(repository: string, digest: string, tag: string): Promise<boolean> {
    this.calls.push(`addTag ${repository}@${digest.slice(7, 19)} ${tag}`);
    const image = this.image(repository, digest);
    if (!image) throw new EcrError("ImageNotFoundException", digest);
    try {
      this.putImage(repository, image.manifest, tag, digest, image.pushedAt);
      return Promise.resolve(true);
    } catch (e) {
      if (e instanceof EcrError && e.code === "ImageAlreadyExistsException")
        return Promise.resolve(false);
      throw e;
    }
  }

  private putImage(repository: string, manifest: string, tag: string, digest: string, at: Date) {
    if (`sha256:${createHash("sha256").update(manifest).digest("hex")}` !== digest)
      throw new EcrError("ImageDigestDoesNotMatchException", digest);
    const images = this.repositories.get(repository) ?? [];
    this.repositories.set(repository, images);
    const holder = images.find((i) => i.tags.has(tag));
    if (holder && holder.digest !== digest)
      throw new EcrError("ImageTagAlreadyExistsException", tag);
    const image = images.find((i) => i.digest === digest);
    if (image?.tags.has(tag)) throw new EcrError("ImageAlreadyExistsException", tag);
    if (image) image.tags.add(tag);
    else images.push({ digest, manifest, tags: new Set([tag]), pushedAt: at });
  }
}
