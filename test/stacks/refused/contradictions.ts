/** Refused: settings that contradict each other or their stack. Rows as in ../bad-settings.ts. */
import type { BadSetting } from "../bad-settings";

export const CONTRADICTIONS_REFUSED: readonly BadSetting[] = [
  [
    "profile shared in an environment stack",
    "dev",
    { profile: "shared" },
    `gitops-platform:profile = "shared": stack 'dev' is an environment stack (its name is a runtime profile), but profile shared makes it the delivery plane: it would create repositories, registry and pipelines instead of a cluster. Remove gitops-platform:profile from Pulumi.dev.yaml, or give the delivery plane its own stack (pulumi stack init shared).`,
  ],
  [
    "the shared stack built as an environment",
    "shared",
    { profile: "staging" },
    `gitops-platform:profile = "staging": stack 'shared' is the delivery plane every environment stack reads (sharedStack defaults to <org>/<project>/shared); built as an environment it exports no repositories and every environment fails. Remove gitops-platform:profile from Pulumi.shared.yaml, or name this environment differently (pulumi stack rename).`,
  ],
  [
    "no prod stack although prod deploys",
    "shared",
    { deployments: { enabled: true, repository: "acme/platform", prodStacks: [] } },
    `gitops-platform:deployments.prodStacks = []: stack 'prod' deploys from deployments.branch 'main': every push there would reach prod. List it: prodStacks: [prod] (it then deploys from 'production' only).`,
  ],
  [
    "a pipeline branch the ECR lifecycle never keeps",
    "shared",
    { pipelineBranch: "release" },
    `gitops-platform:pipelineBranch = "release": images are built from branch 'release', but the ECR lifecycle keeps the newest images of main only: its images would never expire. Add 'release' to gitops-platform:ecrBranches (and change the dev ImagePolicy in flux-repo/apps/dev to imagePolicyFilter('release')).`,
  ],
  [
    "ECR branches without the pipeline's",
    "shared",
    { ecrBranches: ["release"] },
    `gitops-platform:ecrBranches = ["release"]: images are built from branch 'main', but the ECR lifecycle keeps the newest images of release only: its images would never expire. Add 'main' to gitops-platform:ecrBranches`,
  ],
];
