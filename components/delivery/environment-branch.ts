/**
 * EnvironmentBranch: a later promotion stage's branch of microservices-repo (`env/<environment>`),
 * made once through the CodeCommit API by a Pulumi dynamic provider, from the head of the default
 * branch (after the seed). Create-only like the seed (repository-seed.ts): a branch that exists is never
 * touched again, since from then on only merged, approved pull requests change it.
 *
 * A branch it creates gets one commit more, the first-deploy hold (promotion-hold.ts); a service
 * added later gets its hold on the existing branch (environment-branch-holds.ts). The
 * environment has run nothing from it yet, and runs nothing until its first promotion (also for a
 * stage added to the path later, or a platform upgraded from one branch for all). APIs:
 * CreateBranch (branchName,
 * commitId) and CreateCommit (branchName, parentCommitId, putFiles),
 * https://docs.aws.amazon.com/codecommit/latest/APIReference/API_CreateBranch.html.
 *
 * The provider runs in the engine's dynamic-provider host: its methods require the SDK themselves.
 */
import * as pulumi from "@pulumi/pulumi";
import type { HoldFile } from "./promotion-hold";
import { holdMissingServices, newHoldFiles } from "./environment-branch-holds";

export interface EnvironmentBranchInputs {
  readonly region: string;
  /** Named AWS profile; '' uses the default credential chain. */
  readonly profile: string;
  readonly repositoryName: string;
  /** e.g. `env/staging`. */
  readonly branch: string;
  /** The branch it starts from (the default branch); missing: nothing is made. */
  readonly fromBranch: string;
  readonly files: readonly HoldFile[];
  readonly commitMessage: string;
  readonly authorName: string;
  readonly email: string;
}

export interface EnvironmentBranchOutputs extends EnvironmentBranchInputs {
  /** The branch head this resource made or found ('' when it made nothing). */
  readonly commitId: string;
  /** Whether this resource created the branch. */
  readonly created: boolean;
}

const REPLACE_ON = ["region", "repositoryName", "branch"] as const;

/** Creates the branch (and its hold commit) unless it exists. */
export async function createEnvironmentBranch(
  inputs: EnvironmentBranchInputs,
): Promise<EnvironmentBranchOutputs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@aws-sdk/client-codecommit") as typeof import("@aws-sdk/client-codecommit");
  const client = new sdk.CodeCommitClient({
    region: inputs.region,
    ...(inputs.profile ? { profile: inputs.profile } : {}),
  });
  const { repositoryName, branch } = inputs;
  try {
    const found = await client.send(
      new sdk.GetBranchCommand({ repositoryName, branchName: branch }),
    );
    return { ...inputs, commitId: found.branch?.commitId ?? "", created: false };
  } catch (e) {
    if ((e as Error).name !== "BranchDoesNotExistException") throw e;
  }
  let from: string | undefined;
  try {
    const head = await client.send(
      new sdk.GetBranchCommand({ repositoryName, branchName: inputs.fromBranch }),
    );
    from = head.branch?.commitId;
  } catch (e) {
    if ((e as Error).name !== "BranchDoesNotExistException") throw e;
  }
  if (!from) return { ...inputs, commitId: "", created: false };
  try {
    await client.send(
      new sdk.CreateBranchCommand({ repositoryName, branchName: branch, commitId: from }),
    );
  } catch (e) {
    // Made in between by someone else: theirs stands.
    if ((e as Error).name === "BranchNameExistsException") {
      const found = await client.send(
        new sdk.GetBranchCommand({ repositoryName, branchName: branch }),
      );
      return { ...inputs, commitId: found.branch?.commitId ?? "", created: false };
    }
    throw e;
  }
  if (inputs.files.length === 0) {
    return { ...inputs, commitId: from, created: true };
  }
  const out = await client.send(
    new sdk.CreateCommitCommand({
      repositoryName,
      branchName: branch,
      parentCommitId: from,
      authorName: inputs.authorName,
      email: inputs.email,
      commitMessage: inputs.commitMessage,
      putFiles: inputs.files.map((f) => ({
        filePath: f.path,
        fileMode: "NORMAL",
        fileContent: Buffer.from(f.content, "utf8"),
      })),
    }),
  );
  return { ...inputs, commitId: out.commitId ?? "", created: true };
}

export const environmentBranchProvider: pulumi.dynamic.ResourceProvider<
  EnvironmentBranchInputs,
  EnvironmentBranchOutputs
> = {
  async create(inputs: EnvironmentBranchInputs) {
    const outs = await createEnvironmentBranch(inputs);
    return { id: `${inputs.repositoryName}/${inputs.branch}`, outs };
  },
  diff(_id: string, olds: EnvironmentBranchOutputs, news: EnvironmentBranchInputs) {
    const replaces = REPLACE_ON.filter((k) => olds[k] !== news[k]);
    // A service added since: its hold goes onto the branch (environment-branch-holds.ts).
    const added = newHoldFiles(olds.files, news.files).length > 0;
    return Promise.resolve({
      changes: replaces.length > 0 || added,
      replaces,
      deleteBeforeReplace: false,
    });
  },
  async update(_id: string, olds: EnvironmentBranchOutputs, news: EnvironmentBranchInputs) {
    // Git owns the branch after its creation, but for the hold of services added since.
    const added = newHoldFiles(olds.files, news.files);
    const commitId = added.length > 0 ? await holdMissingServices(news, added) : olds.commitId;
    return { outs: { ...news, commitId: commitId || olds.commitId, created: olds.created } };
  },
  delete() {
    // The branch is the environment's history: it outlives this resource (as the seed's does).
    return Promise.resolve();
  },
};

export interface EnvironmentBranchArgs {
  readonly region: pulumi.Input<string>;
  /** Named AWS profile (`aws:profile`). Default: the environment's credentials. */
  readonly profile?: string;
  /** microservices-repo's name, from its seed (orders the branch after the seed's commits). */
  readonly repositoryName: pulumi.Input<string>;
  /** e.g. `env/staging` (`environmentBranch`). */
  readonly branch: string;
  /** The default branch, e.g. `main`: the branch starts at its head. */
  readonly fromBranch: pulumi.Input<string>;
  /** `holdFiles(environment, services)`. */
  readonly files: readonly HoldFile[];
}

/** The branch as a resource: type `pulumi-nodejs:dynamic/codecommit:EnvironmentBranch`. */
export class EnvironmentBranch extends pulumi.dynamic.Resource {
  declare public readonly commitId: pulumi.Output<string>;
  declare public readonly created: pulumi.Output<boolean>;

  constructor(name: string, args: EnvironmentBranchArgs, opts?: pulumi.CustomResourceOptions) {
    const props: {
      [K in keyof EnvironmentBranchInputs]: pulumi.Input<EnvironmentBranchInputs[K]>;
    } & {
      commitId: undefined;
      created: undefined;
    } = {
      region: args.region,
      profile: args.profile ?? "",
      repositoryName: args.repositoryName,
      branch: args.branch,
      fromBranch: args.fromBranch,
      files: args.files,
      commitMessage: `${args.branch}: branch for promotions, held until the first one`,
      authorName: "gitops-platform",
      email: "gitops-platform@users.noreply.local",
      commitId: undefined,
      created: undefined,
    };
    super(environmentBranchProvider, name, props, opts, "codecommit", "EnvironmentBranch");
  }
}
