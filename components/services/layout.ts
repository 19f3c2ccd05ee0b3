/**
 * Where a service's GitOps content lives (paths relative to the project's gitops/ folder, `/`
 * separated), and what a gitops/ tree says about its environments. One layout for the templates,
 * the settings-versus-files check and the add-service command.
 *
 * ```
 * microservices-repo/base/<service>/               Deployment, Service (+ Ingress)
 * microservices-repo/overlays/<env>/<service>/     replicas, resources, the pinned image
 * flux-repo/apps/base/<service>.yaml               its Namespace, reconciler account and Flux Kustomization
 * flux-repo/apps/<env>/<service>-image-policy.yaml image automation, where apps/<env> has it
 * app-repo/<folder>/Dockerfile                      the service's source
 * ```
 */
import * as fs from "fs";
import * as path from "path";

export const serviceLayout = {
  base: (service: string) => `microservices-repo/base/${service}`,
  overlay: (environment: string, service: string) =>
    `microservices-repo/overlays/${environment}/${service}`,
  fluxApps: (environment: string) => `flux-repo/apps/${environment}`,
  /** The Flux Kustomization of the service, listed in apps/base/kustomization.yaml. */
  kustomizationFile: (service: string) => `${service}.yaml`,
  /** ImageRepository + ImagePolicy, listed in apps/<env>/kustomization.yaml. */
  imagePolicyFile: (service: string) => `${service}-image-policy.yaml`,
  source: (folder: string) => `app-repo/${folder}`,
} as const;

/** The file whose presence in flux-repo/apps/<env> means that environment runs image automation. */
export const IMAGE_AUTOMATION_FILE = "image-update-automation.yaml";

/** Sub-folders of `dir` (sorted); none when it does not exist. */
export function folders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The environments of a gitops/ tree, with whether each runs Flux image automation. */
export interface GitopsEnvironment {
  readonly name: string;
  readonly imageAutomation: boolean;
}

/**
 * The environments of `gitopsRoot`: the folders of flux-repo/clusters (each cluster's entry point),
 * image automation where flux-repo/apps/<env> holds the ImageUpdateAutomation.
 */
export function gitopsEnvironments(gitopsRoot: string): GitopsEnvironment[] {
  return folders(path.join(gitopsRoot, "flux-repo/clusters")).map((name) => ({
    name,
    imageAutomation: fs.existsSync(
      path.join(gitopsRoot, serviceLayout.fluxApps(name), IMAGE_AUTOMATION_FILE),
    ),
  }));
}

/**
 * The services a gitops/ tree has content for: the folders of microservices-repo/base and of each
 * environment's overlays, with the folders found for each (sorted by service).
 */
export function servicesInContent(gitopsRoot: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (service: string, folder: string) =>
    found.set(service, [...(found.get(service) ?? []), folder]);
  for (const s of folders(path.join(gitopsRoot, "microservices-repo/base"))) {
    add(s, serviceLayout.base(s));
  }
  for (const env of folders(path.join(gitopsRoot, "microservices-repo/overlays"))) {
    for (const s of folders(path.join(gitopsRoot, "microservices-repo/overlays", env))) {
      add(s, serviceLayout.overlay(env, s));
    }
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}
