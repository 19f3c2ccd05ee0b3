/**
 * Repositories: the three CodeCommit repositories of the delivery plane (flux-repo,
 * microservices-repo, app-repo), each seeded once from its folder of `gitops/` in this project.
 * https://docs.aws.amazon.com/codecommit/latest/userguide/how-to-create-repository.html
 */
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RepositoryRef } from "./contract";
import { RepositorySeed } from "./repository-seed";
import {
  collectSeedFiles,
  fileDigests,
  seedDigest,
  seedDriftWarning,
  seedLimitProblems,
} from "./seed-files";

/** The three repositories by role; the role is also the folder of `gitops/` that seeds it. */
export const REPOSITORY_ROLES = {
  flux: {
    folder: "flux-repo",
    description:
      "Flux entry points per cluster (clusters/<env>), infrastructure and apps; owned by git after the first deploy.",
  },
  microservices: {
    folder: "microservices-repo",
    description:
      "Kustomize base and overlays of the services; Flux image automation commits new image tags here.",
  },
  app: {
    folder: "app-repo",
    description:
      "Source code of the services; a push to the pipeline branch builds and pushes images.",
  },
} as const;

export type RepositoryRole = keyof typeof REPOSITORY_ROLES;

export interface RepositoriesArgs {
  /** CodeCommit repository names by role (1-100 of `[\w.-]`, not ending in `.git`). */
  readonly names: Readonly<Record<RepositoryRole, string>>;
  /** Branch the seed commit creates; the first branch becomes the repository default. e.g. `main`. */
  readonly defaultBranch: string;
  /** Region of the repositories; the seed's SDK client needs it explicitly. */
  readonly region: string;
  /** Named AWS profile (`aws:profile`) the seed's SDK client uses. Default: the environment's. */
  readonly profile?: string;
  /**
   * Folder holding `flux-repo/`, `microservices-repo/`, `app-repo/` (this project's `gitops/`).
   * Read at program time; each repository gets every file of its folder in one commit. A folder
   * with no files gets no seed (a warning says so) until content appears.
   */
  readonly contentRoot: string;
  /** Protect the repositories from `pulumi destroy` (their git history is not in any state). */
  readonly protect: boolean;
}

export class Repositories extends pulumi.ComponentResource {
  public readonly repositories: Readonly<Record<RepositoryRole, aws.codecommit.Repository>>;
  /** Seeds by role; a role whose folder is empty has none. */
  public readonly seeds: Readonly<Partial<Record<RepositoryRole, RepositorySeed>>>;

  constructor(name: string, args: RepositoriesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gitops-platform:delivery:Repositories", name, {}, opts);
    const roles = Object.keys(REPOSITORY_ROLES) as RepositoryRole[];
    const content = roles.map((role) => this.readContent(args.contentRoot, role));
    const problems = content.flatMap((c) => c.problems);
    if (problems.length > 0) {
      throw new Error(
        `The repository seed content breaks CodeCommit limits:\n  - ${problems.join("\n  - ")}`,
      );
    }

    const repositories = {} as Record<RepositoryRole, aws.codecommit.Repository>;
    const seeds: Partial<Record<RepositoryRole, RepositorySeed>> = {};
    for (const { role, label, files } of content) {
      const repo = new aws.codecommit.Repository(
        `${name}-${REPOSITORY_ROLES[role].folder}`,
        {
          repositoryName: args.names[role],
          description: REPOSITORY_ROLES[role].description,
          // No drift from this: terraform-provider-aws (bridged by pulumi-aws 7)
          // internal/service/codecommit/repository.go skips UpdateDefaultBranch while the
          // repository has no branch, and its Read keeps the configured value until one exists
          // ("The default branch can only be set when there is code in the repository. Preserve
          // the configured value."). The seed's first commit creates this very branch, which
          // CodeCommit makes the default, so state, configuration and AWS agree from then on.
          defaultBranch: args.defaultBranch,
        },
        { parent: this, protect: args.protect },
      );
      repositories[role] = repo;
      if (files.length === 0) {
        void pulumi.log.warn(`${label} has no files: ${args.names[role]} is not seeded.`, this);
        continue;
      }
      const current = { digest: seedDigest(files), files: fileDigests(files) };
      const seed = new RepositorySeed(
        `${name}-${REPOSITORY_ROLES[role].folder}-seed`,
        {
          region: args.region,
          profile: args.profile,
          repositoryName: repo.repositoryName,
          branch: args.defaultBranch,
          source: label,
          files,
          digest: current.digest,
          fileDigests: current.files,
        },
        { parent: this },
      );
      seeds[role] = seed;
      // The outputs are those of the first deploy (the seed is create-only): a difference is an
      // edit of gitops/ that git, not pulumi up, has to carry. Only when this seed made the commit.
      pulumi
        .all([seed.digest, seed.fileDigests, seed.seeded, repo.repositoryName])
        .apply(([digest, seededFiles, seeded, repoName]) => {
          const text = seeded
            ? seedDriftWarning(label, repoName, current, { digest, files: seededFiles })
            : undefined;
          if (text) void pulumi.log.warn(text, seed);
        });
    }
    this.repositories = repositories;
    this.seeds = seeds;
    this.registerOutputs({ repositories, seeds });
  }

  private readContent(root: string, role: RepositoryRole) {
    const label = `gitops/${REPOSITORY_ROLES[role].folder}`;
    const files = collectSeedFiles(path.join(root, REPOSITORY_ROLES[role].folder));
    const sized = files.map((f) => ({ path: f.path, size: f.content.length }));
    // An empty folder is not a problem here (no seed yet), only content that cannot be committed.
    const problems = files.length === 0 ? [] : seedLimitProblems(label, sized);
    return { role, label, files, problems };
  }

  /**
   * The repository name once its seed is committed: a pipeline reading the repository by this name
   * starts its first run (at creation) on the seeded branch.
   */
  public seededName(role: RepositoryRole): pulumi.Output<string> {
    return this.seeds[role]?.repositoryName ?? this.repositories[role].repositoryName;
  }

  /** The stack-output view of one repository. */
  public ref(role: RepositoryRole): pulumi.Output<RepositoryRef> {
    const r = this.repositories[role];
    return pulumi
      .all([r.repositoryName, r.arn, r.cloneUrlHttp])
      .apply(([repoName, arn, cloneUrlHttp]) => ({ name: repoName, arn, cloneUrlHttp }));
  }
}
