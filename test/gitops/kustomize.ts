/** `kubectl kustomize` for the GitOps tests: found once, each directory built once per process. */
import { execFile, spawnSync } from "node:child_process";

/** The kubectl binary, or undefined when it is not installed. */
export function findKubectl(): string | undefined {
  const probe = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
  return probe.status === 0 ? "kubectl" : undefined;
}

/** Builds made in this process, by kubectl and directory: the specs share them. */
const kustomizeBuilds = new Map<string, Promise<string | Error>>();

/**
 * `kubectl kustomize <dir>` (kustomize build) of several directories at once (in parallel: each
 * run takes a few hundred milliseconds), each built once per process. Per directory: the output,
 * or the error with stderr.
 */
export async function kustomizeBuildAll(
  kubectl: string,
  dirs: readonly string[],
): Promise<Map<string, string | Error>> {
  const run = (dir: string) => {
    const key = `${kubectl}\0${dir}`;
    let build = kustomizeBuilds.get(key);
    if (!build) {
      build = new Promise<string | Error>((resolve) => {
        execFile(kubectl, ["kustomize", dir], { maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
          resolve(
            error
              ? new Error(`kubectl kustomize ${dir} failed: ${stderr || error.message}`)
              : stdout,
          ),
        );
      });
      kustomizeBuilds.set(key, build);
    }
    return build;
  };
  const outputs = await Promise.all(dirs.map(run));
  return new Map(dirs.map((dir, i) => [dir, outputs[i]]));
}
