import type { StackState } from "./state";

/** How `runStack` runs a stack. */
export interface RunOptions {
  /**
   * Folder of the `Pulumi.<stack>.yaml` files (the stack run and, for StackReferences, `shared`).
   * Default: the project's own. Tests pass a folder of fixture stack files they own.
   */
  readonly stackDir?: string;
  /** Config values applied over the stack file (bare keys in the project namespace; undefined removes). */
  readonly config?: Record<string, unknown>;
  /** Secret config values (bare keys). */
  readonly secrets?: Record<string, string>;
  /** Outputs served to `StackReference`s, by fully qualified stack name. Default: a run of `shared`. */
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
  /** The program to run instead of `index.ts` (the harness's own tests). */
  readonly program?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** A real deployment's state (`pulumi stack export`); see `recordedOutputs` (harness/state.ts). */
  readonly state?: StackState;
}
