/**
 * Every file of one service's GitOps content and sample source, rendered from the templates, and
 * the kustomization.yaml lists that must name its Flux files. `npm run add-service` writes them;
 * the tests render services into scratch copies of gitops/ and validate them like the shipped ones.
 */
import { serviceLayout } from "./layout";
import type { ServiceEnvironment, ServiceSpec } from "./spec";
import {
  baseAutoscaler,
  baseDeployment,
  baseIngress,
  baseKustomization,
  baseService,
} from "./templates-base";
import { fluxKustomization, imagePolicy } from "./templates-flux";
import {
  overlayAutoscalerPatch,
  overlayDeploymentPatch,
  overlayDisruptionBudget,
  overlayKustomization,
} from "./templates-overlay";
import {
  sourceDockerfile,
  sourceDockerignore,
  sourcePackageJson,
  sourceServer,
} from "./templates-source";

/** A file to write, relative to gitops/. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

/** An entry a kustomization.yaml (relative to gitops/) must list in its `resources`. */
export interface Listing {
  readonly kustomization: string;
  readonly resource: string;
}

/**
 * The files of `service` for `environments`, images of `branch` (the pipeline branch). The
 * environments are the gitops/ tree's (flux-repo/clusters), with their profile's values.
 */
export function serviceFiles(
  service: ServiceSpec,
  environments: readonly ServiceEnvironment[],
  branch: string,
): RenderedFile[] {
  const base = serviceLayout.base(service.name);
  const files: RenderedFile[] = [
    { path: `${base}/kustomization.yaml`, content: baseKustomization(service) },
    { path: `${base}/deployment.yaml`, content: baseDeployment(service) },
    { path: `${base}/service.yaml`, content: baseService(service) },
  ];
  if (service.expose === "alb") {
    files.push({ path: `${base}/ingress.yaml`, content: baseIngress(service) });
  }
  files.push({ path: `${base}/horizontal-pod-autoscaler.yaml`, content: baseAutoscaler(service) });
  for (const env of environments) {
    const overlay = serviceLayout.overlay(env.name, service.name);
    files.push(
      {
        path: `${overlay}/kustomization.yaml`,
        content: overlayKustomization(service, env, branch),
      },
      { path: `${overlay}/deployment-patch.yaml`, content: overlayDeploymentPatch(service, env) },
      {
        path: `${overlay}/horizontal-pod-autoscaler-patch.yaml`,
        content: overlayAutoscalerPatch(service, env),
      },
    );
    if (env.highAvailability) {
      files.push({
        path: `${overlay}/pod-disruption-budget.yaml`,
        content: overlayDisruptionBudget(service),
      });
    }
  }
  files.push({
    path: `${serviceLayout.fluxApps("base")}/${serviceLayout.kustomizationFile(service.name)}`,
    content: fluxKustomization(service),
  });
  for (const env of environments.filter((e) => e.imageAutomation)) {
    files.push({
      path: `${serviceLayout.fluxApps(env.name)}/${serviceLayout.imagePolicyFile(service.name)}`,
      content: imagePolicy(service, branch),
    });
  }
  const source = serviceLayout.source(service.folder);
  files.push(
    { path: `${source}/Dockerfile`, content: sourceDockerfile(service) },
    { path: `${source}/.dockerignore`, content: sourceDockerignore() },
    { path: `${source}/package.json`, content: sourcePackageJson(service) },
    { path: `${source}/server.js`, content: sourceServer(service) },
  );
  return files;
}

/** The kustomization.yaml entries that bring the service's Flux files to the clusters. */
export function serviceListings(
  service: ServiceSpec,
  environments: readonly { readonly name: string; readonly imageAutomation: boolean }[],
): Listing[] {
  return [
    {
      kustomization: `${serviceLayout.fluxApps("base")}/kustomization.yaml`,
      resource: serviceLayout.kustomizationFile(service.name),
    },
    ...environments
      .filter((e) => e.imageAutomation)
      .map((e) => ({
        kustomization: `${serviceLayout.fluxApps(e.name)}/kustomization.yaml`,
        resource: serviceLayout.imagePolicyFile(service.name),
      })),
  ];
}
