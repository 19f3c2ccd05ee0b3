/**
 * RepositorySeed: the first commit of a CodeCommit repository, made once through the CodeCommit API
 * (AWS SDK v3) by a Pulumi dynamic provider. Create-only: when the branch (or any branch) already
 * exists it commits nothing, so commits made later by people or by Flux image automation are never
 * overwritten; update and delete never touch git.
 *
 * CreateCommit on an empty repository: `parentCommitId` is "Not required if this is an empty
 * repository" (https://docs.aws.amazon.com/codecommit/latest/APIReference/API_CreateCommit.html),
 * and the commit creates the branch, which becomes the repository's default branch. Content beyond
 * one commit's limits (100 files, 7 MB) follows in more commits, each on the one before.
 *
 * The provider is serialized into the state and runs in the engine's dynamic-provider host: its
 * methods require the SDK themselves and use only the functions of this file and `seed-files.ts`.
 * Credentials come from the SDK's default chain (the same environment `pulumi up` runs in, e.g.
 * the OIDC credentials of Pulumi Deployments), not from the program's aws.Provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CodeCommitClient } from "@aws-sdk/client-codecommit";
import { seedBatches, seedLimitProblems } from "./seed-files";

/** A file as the provider receives it (state holds it; Buffers do not survive serialization). */
export interface SeedFileInput {
  readonly path: string;
  /** File bytes, base64. */
  readonly content: string;
  readonly mode: "NORMAL" | "EXECUTABLE";
}

export interface SeedInputs {
  /** Region of the repository (the SDK client does not see the program's aws.Provider). */
  readonly region: string;
  /** Named AWS profile for the SDK client; undefined (or '') uses the default credential chain. */
  readonly profile?: string;
  readonly repositoryName: string;
  /** Branch the first commit creates. */
  readonly branch: string;
  /** Where the content comes from, for messages (e.g. `gitops/flux-repo`). */
  readonly source: string;
  readonly files: readonly SeedFileInput[];
  readonly fileCount: number;
  /** `seedDigest` of the content. */
  readonly digest: string;
  /**
   * `fileDigests` of the content: the outputs keep the seeded ones (the seed never updates).
   * Absent in state written before they were recorded.
   */
  readonly fileDigests?: Readonly<Record<string, string>>;
  readonly commitMessage: string;
  readonly authorName: string;
  readonly email: string;
}

export interface SeedOutputs extends SeedInputs {
  /** The seed commit, or the branch head found when the branch already existed ('' if none). */
  readonly commitId: string;
  /** Whether this resource made the commit (false: the repository already had content). */
  readonly seeded: boolean;
}

/** Properties whose change points the seed at another branch or repository: a new seed. */
const REPLACE_ON = ["region", "repositoryName", "branch"] as const;

/** Head commit of `branch`, or undefined when the branch does not exist. */
async function branchHead(
  client: CodeCommitClient,
  inputs: SeedInputs,
): Promise<string | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@aws-sdk/client-codecommit") as typeof import("@aws-sdk/client-codecommit");
  try {
    const out = await client.send(
      new sdk.GetBranchCommand({
        repositoryName: inputs.repositoryName,
        branchName: inputs.branch,
      }),
    );
    return out.branch?.commitId;
  } catch (e) {
    if ((e as Error).name === "BranchDoesNotExistException") return undefined;
    throw e;
  }
}

/** Commits every file to the empty repository, or leaves a repository with content alone. */
export async function seedRepository(inputs: SeedInputs): Promise<SeedOutputs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@aws-sdk/client-codecommit") as typeof import("@aws-sdk/client-codecommit");
  const client = new sdk.CodeCommitClient({
    region: inputs.region,
    ...(inputs.profile ? { profile: inputs.profile } : {}),
  });
  const head = await branchHead(client, inputs);
  if (head !== undefined) return { ...inputs, commitId: head, seeded: false };
  const listed = await client.send(
    new sdk.ListBranchesCommand({ repositoryName: inputs.repositoryName }),
  );
  // Another branch exists: the repository has history this seed did not make; leave it alone.
  if ((listed.branches ?? []).length > 0) return { ...inputs, commitId: "", seeded: false };

  const files = inputs.files.map((f) => ({ ...f, bytes: Buffer.from(f.content, "base64") }));
  const problems = seedLimitProblems(
    inputs.source,
    files.map((f) => ({ path: f.path, size: f.bytes.length })),
  );
  if (problems.length > 0) {
    throw new Error(
      `Cannot seed CodeCommit repository '${inputs.repositoryName}':\n  - ${problems.join("\n  - ")}`,
    );
  }
  const batches = seedBatches(files.map((f) => ({ ...f, size: f.bytes.length })));
  let parent: string | undefined;
  for (const [i, batch] of batches.entries()) {
    const part = batches.length > 1 ? ` (part ${i + 1} of ${batches.length})` : "";
    try {
      const out = await client.send(
        new sdk.CreateCommitCommand({
          repositoryName: inputs.repositoryName,
          branchName: inputs.branch,
          parentCommitId: parent,
          authorName: inputs.authorName,
          email: inputs.email,
          commitMessage: `${inputs.commitMessage}${part}`,
          putFiles: batch.map((f) => ({
            filePath: f.path,
            fileMode: f.mode,
            fileContent: f.bytes,
          })),
        }),
      );
      parent = out.commitId ?? "";
    } catch (e) {
      // Someone pushed between our check and our first commit: their history wins.
      if (parent === undefined && (e as Error).name === "ParentCommitIdRequiredException") {
        return { ...inputs, commitId: (await branchHead(client, inputs)) ?? "", seeded: false };
      }
      throw e;
    }
  }
  return { ...inputs, commitId: parent ?? "", seeded: true };
}

/** The dynamic provider. Content changes after the first deploy are not diffs: git owns them. */
export const seedProvider: pulumi.dynamic.ResourceProvider<SeedInputs, SeedOutputs> = {
  async create(inputs: SeedInputs) {
    const outs = await seedRepository(inputs);
    return { id: `${inputs.repositoryName}/${inputs.branch}`, outs };
  },
  diff(_id: string, olds: SeedOutputs, news: SeedInputs) {
    const replaces = REPLACE_ON.filter((k) => olds[k] !== news[k]);
    return Promise.resolve({ changes: replaces.length > 0, replaces, deleteBeforeReplace: false });
  },
  update(_id: string, olds: SeedOutputs, news: SeedInputs) {
    // Reached only if the engine asks for an in-place update: git is left as it is.
    return Promise.resolve({ outs: { ...news, commitId: olds.commitId, seeded: olds.seeded } });
  },
  delete() {
    // The repository and its history outlive the seed; deleting the repository is its own resource.
    return Promise.resolve();
  },
};

export interface RepositorySeedArgs {
  /** Region of the repository, e.g. `us-east-1`. */
  readonly region: pulumi.Input<string>;
  /** Named AWS profile (`aws:profile`) for the SDK client. Default: the environment's credentials. */
  readonly profile?: string;
  /** Name of the CodeCommit repository to seed (from the Repository resource, for ordering). */
  readonly repositoryName: pulumi.Input<string>;
  /** Branch the first commit creates, e.g. `main`. */
  readonly branch: pulumi.Input<string>;
  /** Label of the content in messages, e.g. `gitops/flux-repo`. */
  readonly source: string;
  /** Content, already checked with `seedLimitProblems`. */
  readonly files: readonly { path: string; content: Buffer; mode: "NORMAL" | "EXECUTABLE" }[];
  /** `seedDigest(files)`. */
  readonly digest: string;
  /** `fileDigests(files)`. */
  readonly fileDigests: Readonly<Record<string, string>>;
  /** Commit author shown in git history. Default `gitops-platform`. */
  readonly authorName?: string;
  /** Commit author email. Default `gitops-platform@users.noreply.local`. */
  readonly email?: string;
}

export type SeedInputArgs = { [K in keyof SeedInputs]: pulumi.Input<SeedInputs[K]> };

/** The seed as a resource: type `pulumi-nodejs:dynamic/codecommit:RepositorySeed`. */
// Output fields are `declare`d: with ES2022 class fields, a plain declaration would reset the
// outputs that the base constructor sets to undefined.
export class RepositorySeed extends pulumi.dynamic.Resource {
  /** The seeded repository's name, once the seed is done (orders consumers after it). */
  declare public readonly repositoryName: pulumi.Output<string>;
  declare public readonly commitId: pulumi.Output<string>;
  declare public readonly seeded: pulumi.Output<boolean>;
  /**
   * The digest of the content this seed committed. Its diff never reports a change, so the engine
   * keeps the outputs of the first deploy: this stays the seeded digest while gitops/ moves on.
   */
  declare public readonly digest: pulumi.Output<string>;
  /** Per-file digests of the seeded content (absent in state written before they were recorded). */
  declare public readonly fileDigests: pulumi.Output<Record<string, string> | undefined>;

  constructor(name: string, args: RepositorySeedArgs, opts?: pulumi.CustomResourceOptions) {
    const props: SeedInputArgs & { commitId: undefined; seeded: undefined } = {
      region: args.region,
      profile: args.profile ?? "",
      repositoryName: args.repositoryName,
      branch: args.branch,
      source: args.source,
      files: args.files.map((f) => ({
        path: f.path,
        content: f.content.toString("base64"),
        mode: f.mode,
      })),
      fileCount: args.files.length,
      digest: args.digest,
      fileDigests: args.fileDigests,
      commitMessage: `Initial content from gitops-platform (${args.source})`,
      authorName: args.authorName ?? "gitops-platform",
      email: args.email ?? "gitops-platform@users.noreply.local",
      commitId: undefined,
      seeded: undefined,
    };
    super(seedProvider, name, props, opts, "codecommit", "RepositorySeed");
  }
}
