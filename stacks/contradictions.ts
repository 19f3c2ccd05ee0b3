/**
 * Settings that are each valid but contradict each other or the stack they are in. Pure: the
 * resolvers call these with what they read; the plan runs `crossStackProblems`
 * (stacks/cross-stack.ts) over every stack file it can see.
 */
import type { Problems } from "./problems";
import { RUNTIME_PROFILES, type Profile } from "./settings";

/**
 * `profile` against the stack's name: a stack named after an environment profile (dev, staging,
 * prod) built as the delivery plane, or the stack named `shared` (which every environment reads
 * through `sharedStack` by default) built as an environment.
 */
export function checkProfile(
  stack: string,
  profile: Profile,
  profileSet: boolean,
  problems: Problems,
): void {
  if (!profileSet) return;
  const file = problems.stackFile;
  if (profile === "shared" && (RUNTIME_PROFILES as readonly string[]).includes(stack)) {
    problems.add(
      "profile",
      profile,
      `stack '${stack}' is an environment stack (its name is a runtime profile), but profile shared makes it the delivery plane: it would create repositories, registry and pipelines instead of a cluster`,
      `Remove gitops-platform:profile from ${file}, or give the delivery plane its own stack (pulumi stack init shared).`,
    );
  }
  if (profile !== "shared" && stack === "shared") {
    problems.add(
      "profile",
      profile,
      "stack 'shared' is the delivery plane every environment stack reads (sharedStack defaults to <org>/<project>/shared); built as an environment it exports no repositories and every environment fails",
      `Remove gitops-platform:profile from ${file}, or name this environment differently (pulumi stack rename).`,
    );
  }
}

/**
 * Deployments: every stack that deploys as prod must deploy from `prodBranch` (README: "Nothing
 * from main reaches prod directly"). `profileOf` gives a stack's profile where it is known (from
 * its stack file in the plan; otherwise a stack named after a profile is that profile).
 */
export function prodStacksProblems(
  stacks: readonly string[],
  prodStacks: readonly string[],
  profileOf: (stack: string) => string | undefined,
): { stack: string; profile: string }[] {
  return stacks
    .map((stack) => ({ stack, profile: profileOf(stack) ?? "" }))
    .filter((s) => s.profile === "prod" && !prodStacks.includes(s.stack));
}
