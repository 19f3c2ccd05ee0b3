/**
 * The order in which Flux Kustomizations must be deleted so that every finalizer can still run.
 * kustomize-controller deletes all objects of a Kustomization at once and ignores `dependsOn`
 * when pruning (fluxcd/kustomize-controller#301, open; `deleteObjects` in
 * internal/controller/kustomization_controller.go calls `DeleteAll`), so deleting the bootstrap
 * Kustomization would remove the AWS Load Balancer Controller while the application's Ingress
 * still waits for it to delete its ALB. Pure: FluxTeardown applies it to the live objects, tests
 * to the GitOps content.
 */

export interface ObjectRef {
  readonly namespace: string;
  readonly name: string;
}

export interface FluxKustomization extends ObjectRef {
  /** `spec.dependsOn` (namespace defaults to the Kustomization's own). */
  readonly dependsOn: readonly { readonly name: string; readonly namespace?: string }[];
  /**
   * The Kustomization that applied this one, from the labels kustomize-controller puts on what
   * it applies (`kustomize.toolkit.fluxcd.io/name`, `.../namespace`).
   */
  readonly owner?: ObjectRef;
}

const id = (r: ObjectRef) => `${r.namespace}/${r.name}`;

/**
 * Layers to delete one after the other (each layer's members in parallel): a Kustomization goes
 * after every Kustomization that depends on it (the reverse of `dependsOn`, as Flux applies in
 * `dependsOn` order) and after every Kustomization it applied (so the parent's
 * WaitForTermination does not race its children). A cycle, which Flux itself would never get
 * Ready, ends in one last layer rather than hang.
 */
export function teardownLayers(all: readonly FluxKustomization[]): FluxKustomization[][] {
  const byId = new Map(all.map((k) => [id(k), k]));
  const waitsFor = new Map<string, Set<string>>(all.map((k) => [id(k), new Set<string>()]));
  for (const k of all) {
    for (const d of k.dependsOn) {
      const target = id({ namespace: d.namespace ?? k.namespace, name: d.name });
      if (byId.has(target)) waitsFor.get(target)!.add(id(k));
    }
    if (k.owner && byId.has(id(k.owner))) waitsFor.get(id(k.owner))!.add(id(k));
  }
  const layers: FluxKustomization[][] = [];
  const done = new Set<string>();
  while (done.size < all.length) {
    const ready = all.filter(
      (k) => !done.has(id(k)) && [...waitsFor.get(id(k))!].every((w) => done.has(w)),
    );
    const layer = ready.length > 0 ? ready : all.filter((k) => !done.has(id(k)));
    layers.push(layer);
    for (const k of layer) done.add(id(k));
  }
  return layers;
}
