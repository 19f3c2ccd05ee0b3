/**
 * The registry port on ECR: DescribeImages by tag; a keep tag added to an existing image by
 * BatchGetImage (its manifest, as stored) and PutImage of that manifest with the new tag and the
 * digest, which ECR checks (ImageDigestDoesNotMatchException): no layer is pushed, nothing is
 * rebuilt (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-retag.html).
 * Tags are immutable in these repositories: adding a new tag is allowed, moving one is not.
 */
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  ImageAlreadyExistsException,
  ImageNotFoundException,
  PutImageCommand,
  type ECRClient,
} from "@aws-sdk/client-ecr";
import type { ImageDetail, RegistryPort } from "../ports";

/** Manifest types BatchGetImage may return as stored (Docker v2 and OCI, single and index). */
export const MANIFEST_MEDIA_TYPES = [
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.oci.image.index.v1+json",
];

export class EcrRegistry implements RegistryPort {
  constructor(private readonly client: ECRClient) {}

  async describeTag(repository: string, tag: string): Promise<ImageDetail | undefined> {
    try {
      const out = await this.client.send(
        new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }),
      );
      const d = out.imageDetails?.[0];
      return d?.imageDigest
        ? {
            digest: d.imageDigest,
            tags: d.imageTags ?? [],
            ...(d.registryId ? { registryId: d.registryId } : {}),
          }
        : undefined;
    } catch (e) {
      if (e instanceof ImageNotFoundException) return undefined;
      throw e;
    }
  }

  async addTag(repository: string, digest: string, tag: string): Promise<boolean> {
    const got = await this.client.send(
      new BatchGetImageCommand({
        repositoryName: repository,
        imageIds: [{ imageDigest: digest }],
        acceptedMediaTypes: MANIFEST_MEDIA_TYPES,
      }),
    );
    const image = got.images?.[0];
    if (!image?.imageManifest)
      throw new Error(
        `ECR ${repository}@${digest}: no manifest (${JSON.stringify(got.failures ?? [])})`,
      );
    try {
      await this.client.send(
        new PutImageCommand({
          repositoryName: repository,
          imageManifest: image.imageManifest,
          imageManifestMediaType: image.imageManifestMediaType,
          imageTag: tag,
          imageDigest: digest,
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ImageAlreadyExistsException) return false;
      throw e;
    }
  }
}
