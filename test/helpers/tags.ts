/** The default tags of a recorded run's AWS provider: the stack's tags. */
import type { StackRun } from "../../harness/run";

export function stackTags(run: StackRun): Record<string, string> {
  const provider = run.resources.find((r) => r.type === "pulumi:providers:aws");
  if (!provider) throw new Error(`${run.stack}: no AWS provider recorded`);
  return (JSON.parse(provider.inputs.defaultTags as string) as { tags: Record<string, string> })
    .tags;
}
