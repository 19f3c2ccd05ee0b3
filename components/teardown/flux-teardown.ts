/**
 * FluxTeardown: at `pulumi destroy`, deletes the cluster's Flux Kustomizations in the order of
 * `teardownLayers` (applications first, their controllers last) while Flux and the controllers
 * still run, each with `deletionPolicy: WaitForTermination` so that its finalizer waits until its
 * objects are gone (an Ingress only goes once the AWS Load Balancer Controller deleted its ALB).
 * Bounded by `timeoutSeconds`; on timeout it stops with what is left and how to go on.
 *
 * Facts it relies on (fluxcd/kustomize-controller, main 2026):
 * - a suspended Kustomization is finalized without pruning (`finalizerShouldDeleteResources`),
 *   so the bootstrap Kustomization is suspended first (it would re-apply what this deletes) and
 *   Pulumi deletes it afterwards, with nothing left to prune;
 * - `WaitForTermination` (kustomize-controller v1.6.0, Flux 2.6) waits for the objects "to be
 *   removed from etcd", up to `spec.timeout`, then removes the finalizer anyway
 *   (docs/spec/v1/kustomizations.md, "Deletion policy").
 * Create and update do nothing; the resource exists to run at delete, ordered by the graph: it
 * depends on the bootstrap Kustomization, which depends on the Flux release and the nodes.
 */
import * as pulumi from "@pulumi/pulumi";
import { kubeApi, type KubeApi } from "./kube";
import { teardownLayers, type FluxKustomization, type ObjectRef } from "./layers";

const KUSTOMIZATIONS = "/apis/kustomize.toolkit.fluxcd.io/v1";
const path = (k: ObjectRef) =>
  `${KUSTOMIZATIONS}/namespaces/${k.namespace}/kustomizations/${k.name}`;
const label = (k: ObjectRef) => `${k.namespace}/${k.name}`;

export interface FluxTeardownInputs {
  /** Admin kubeconfig of the cluster (secret), with an exec credential plugin. */
  readonly kubeconfig: string;
  /** The Kustomization Pulumi created (suspended, then left to Pulumi). */
  readonly bootstrap: ObjectRef;
  /** EKS cluster name, for messages. */
  readonly clusterName: string;
  /** How long the whole teardown may take, in seconds. */
  readonly timeoutSeconds: number;
}

export interface TeardownClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: TeardownClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

interface KustomizationItem {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec?: { dependsOn?: { name: string; namespace?: string }[] };
}

function fromItem(i: KustomizationItem): FluxKustomization {
  const owner = i.metadata.labels?.["kustomize.toolkit.fluxcd.io/name"];
  return {
    namespace: i.metadata.namespace,
    name: i.metadata.name,
    dependsOn: i.spec?.dependsOn ?? [],
    owner: owner
      ? {
          name: owner,
          namespace:
            i.metadata.labels?.["kustomize.toolkit.fluxcd.io/namespace"] ?? i.metadata.namespace,
        }
      : undefined,
  };
}

function expectOk(what: string, r: { status: number; body: unknown }, allow404 = true): void {
  if (r.status < 300 || (allow404 && r.status === 404)) return;
  const message = (r.body as { message?: unknown } | undefined)?.message ?? r.body;
  throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(message)}`);
}

/** The teardown itself, on any KubeApi (tests pass a fake). Resolves when every layer is gone. */
export async function runFluxTeardown(
  api: KubeApi,
  inputs: Omit<FluxTeardownInputs, "kubeconfig">,
  clock: TeardownClock = realClock,
  log: (text: string) => void = () => undefined,
): Promise<string[][]> {
  const list = await api.get(`${KUSTOMIZATIONS}/kustomizations`);
  // No Kustomization API: Flux is not installed (or already gone); nothing to order.
  if (list.status === 404) return [];
  expectOk("listing Kustomizations", list, false);
  expectOk(
    `suspending ${label(inputs.bootstrap)}`,
    await api.mergePatch(path(inputs.bootstrap), { spec: { suspend: true } }),
  );
  const items = ((list.body as { items?: KustomizationItem[] } | undefined)?.items ?? [])
    .map(fromItem)
    .filter((k) => label(k) !== label(inputs.bootstrap));
  const layers = teardownLayers(items);
  const deadline = clock.now() + inputs.timeoutSeconds * 1000;
  for (const layer of layers) {
    const remaining = Math.max(60, Math.floor((deadline - clock.now()) / 1000));
    log(`deleting ${layer.map(label).join(", ")}`);
    for (const k of layer) {
      expectOk(
        `preparing ${label(k)}`,
        await api.mergePatch(path(k), {
          spec: { suspend: false, deletionPolicy: "WaitForTermination", timeout: `${remaining}s` },
        }),
      );
      expectOk(`deleting ${label(k)}`, await api.delete(path(k)));
    }
    let left = layer;
    while (left.length > 0) {
      const still: FluxKustomization[] = [];
      for (const k of left) if ((await api.get(path(k))).status !== 404) still.push(k);
      left = still;
      if (left.length === 0) break;
      if (clock.now() >= deadline) {
        throw new Error(
          `Flux teardown of cluster ${inputs.clusterName} did not finish within ${inputs.timeoutSeconds} s: ` +
            `${left.map(label).join(", ")} still wait for their objects to terminate ` +
            `(later: ${
              layers
                .slice(layers.indexOf(layer) + 1)
                .flat()
                .map(label)
                .join(", ") || "none"
            }). ` +
            `An Ingress waits for the AWS Load Balancer Controller to delete its load balancer: see ` +
            `kubectl get kustomizations,ingress -A and kubectl -n kube-system logs deploy/aws-load-balancer-controller. ` +
            `Run pulumi destroy again once they are gone; it goes on from where it stopped.`,
        );
      }
      await clock.sleep(5000);
    }
  }
  return layers.map((l) => l.map(label));
}

export const fluxTeardownProvider: pulumi.dynamic.ResourceProvider<
  FluxTeardownInputs,
  FluxTeardownInputs
> = {
  create(inputs) {
    return Promise.resolve({ id: `${inputs.clusterName}/flux-teardown`, outs: inputs });
  },
  diff(_id, olds, news) {
    return Promise.resolve({
      changes: JSON.stringify(olds) !== JSON.stringify(news),
      replaces: [],
    });
  },
  update(_id, _olds, news) {
    // Only the recorded inputs change: the delete uses the newest kubeconfig.
    return Promise.resolve({ outs: news });
  },
  async delete(_id, olds) {
    try {
      await runFluxTeardown(kubeApi(olds.kubeconfig), olds);
    } catch (e) {
      // The API server's name stops resolving once the cluster is deleted: nothing is left to order.
      if ((e as NodeJS.ErrnoException).code === "ENOTFOUND") return;
      throw e;
    }
  },
};

export interface FluxTeardownArgs {
  /** The cluster's admin kubeconfig (a secret Output), as the Cluster component exports it. */
  readonly kubeconfig: pulumi.Input<string>;
  /** Namespace and name of the bootstrap Kustomization (Flux component). */
  readonly bootstrap: {
    readonly namespace: pulumi.Input<string>;
    readonly name: pulumi.Input<string>;
  };
  /** EKS cluster name, for messages. */
  readonly clusterName: pulumi.Input<string>;
  /** Bound of the whole teardown, in seconds. Default 1200 (20 minutes): ALB deletion takes minutes. */
  readonly timeoutSeconds?: number;
}

/** Type `pulumi-nodejs:dynamic/teardown:FluxTeardown`. */
export class FluxTeardown extends pulumi.dynamic.Resource {
  constructor(name: string, args: FluxTeardownArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      fluxTeardownProvider,
      name,
      {
        ...args,
        kubeconfig: pulumi.secret(args.kubeconfig),
        timeoutSeconds: args.timeoutSeconds ?? 1200,
      },
      opts,
      "teardown",
      "FluxTeardown",
    );
  }
}
