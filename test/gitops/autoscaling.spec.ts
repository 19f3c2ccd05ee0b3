import * as assert from "node:assert/strict";
import { STACK_TAG } from "../../components/aws";
import * as path from "node:path";
import {
  KARPENTER_CHART_URL,
  KARPENTER_CHART_VERSION,
  KARPENTER_INSTANCE_TYPES,
  KARPENTER_NODE_DISK_GIB,
  KARPENTER_SERVICE_ACCOUNT,
} from "../../components/autoscaling/versions";
import { NODEPOOLS_PATH } from "../../components/autoscaling/nodepools";
import { runtimeProfile } from "../../stacks/profiles";
import {
  ENVIRONMENTS,
  FLUX_REPO,
  byName,
  findKubectl,
  fluxRepoObjects,
  kustomizeBuildAll,
  profileOf,
  sampleClusterInfo,
  scalarLeaves,
  substitutedObjects,
  type KubeObject,
} from "./helpers";
import { validationError } from "./schemas";
import * as PINNED from "./fixtures/karpenter-1.14.1-schema-paths.json";

/** Property paths of an object (arrays as `[]`), as the fixture lists them. */
function paths(value: unknown, at: string): string[] {
  return scalarLeaves(value, at).map((l) => l.path.replace(/\[\d+\]/g, "[]").replace(/\[\]$/, ""));
}
/**
 * The paths of `used` the schema does not know. A known path without known children is an open
 * map (tags, annotations, resources): anything under it is the map's own key.
 */
function unknownPaths(used: readonly string[], known: readonly string[]): string[] {
  const fields = new Set(known);
  const open = (p: string) => fields.has(p) && !known.some((f) => f.startsWith(`${p}.`));
  const prefixes = (p: string) => p.split(".").map((_, i, all) => all.slice(0, i).join("."));
  return used.filter((p) => !fields.has(p) && !prefixes(p).some(open));
}

describe("gitops/flux-repo: Karpenter (chart, NodePool, EC2NodeClass)", () => {
  const controllers = fluxRepoObjects("infrastructure/controllers/karpenter.yaml");
  const pool = fluxRepoObjects("infrastructure/nodepools/default-nodepool.yaml");

  it("installs the pinned chart version from its OCI repository", () => {
    const repo = byName(controllers, "OCIRepository", "karpenter") as any;
    assert.equal(repo.spec.url, KARPENTER_CHART_URL);
    assert.deepEqual(repo.spec.ref, { tag: KARPENTER_CHART_VERSION });
    const release = byName(controllers, "HelmRelease", "karpenter") as any;
    assert.deepEqual(release.spec.chartRef, { kind: "OCIRepository", name: "karpenter" });
    assert.equal(release.metadata.namespace, KARPENTER_SERVICE_ACCOUNT.namespace);
    assert.equal(repo.metadata.namespace, KARPENTER_SERVICE_ACCOUNT.namespace);
    // The service account the IRSA role trusts.
    assert.equal(release.spec.values.serviceAccount.name, KARPENTER_SERVICE_ACCOUNT.name);
  });

  it("sets only values the pinned chart has (its values.yaml, 1.14.1)", () => {
    const release = byName(controllers, "HelmRelease", "karpenter") as any;
    // A list (controller.env) is an open value like a map: its items are the list's own.
    const used = scalarLeaves(release.spec.values, "").map((l) =>
      l.path.slice(1).replace(/\[\d+\]/g, ""),
    );
    const unknown = unknownPaths(used, PINNED.values);
    assert.deepEqual(unknown, []);
  });

  it("lets the NodePool launch exactly the instance types the cost ceiling prices", () => {
    const np = byName(pool, "NodePool", "default") as any;
    const types = np.spec.template.spec.requirements.find(
      (r: { key: string }) => r.key === "node.kubernetes.io/instance-type",
    );
    assert.deepEqual(types, {
      key: "node.kubernetes.io/instance-type",
      operator: "In",
      values: [...KARPENTER_INSTANCE_TYPES],
    });
    const nc = byName(pool, "EC2NodeClass", "default") as any;
    assert.deepEqual(nc.spec.blockDeviceMappings, [
      {
        deviceName: "/dev/xvda",
        ebs: {
          volumeSize: `${KARPENTER_NODE_DISK_GIB}Gi`,
          volumeType: "gp3",
          encrypted: true,
          deleteOnTermination: true,
        },
      },
    ]);
  });

  it("uses only fields of the pinned CRDs (1.14.1; the models package trails by a minor)", () => {
    const known = { NodePool: PINNED.nodePoolSpec, EC2NodeClass: PINNED.ec2NodeClassSpec } as const;
    for (const o of pool) {
      const fields = known[o.kind as keyof typeof known];
      assert.deepEqual(unknownPaths(paths(o.spec, "spec"), fields), [], o.kind);
    }
    // Not a no-op: a typo is reported, a key of an open map (tags) is not.
    assert.deepEqual(unknownPaths(["spec.limts.cpu", "spec.tags.team"], PINNED.ec2NodeClassSpec), [
      "spec.limts.cpu",
    ]);
  });

  describe("built and substituted per environment", function () {
    const kubectl = findKubectl();
    let built = new Map<string, string | Error>();
    const dir = path.join(FLUX_REPO, NODEPOOLS_PATH);
    before(async function () {
      if (kubectl === undefined) {
        console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
        this.skip();
      }
      built = await kustomizeBuildAll(kubectl, [dir]);
    });

    for (const env of ENVIRONMENTS) {
      it(`takes ${env}'s capacity type and limits from cluster-info, valid against the schemas`, async () => {
        const text = built.get(dir);
        if (text instanceof Error || text === undefined) throw text ?? new Error("not built");
        const objects: KubeObject[] = substitutedObjects(text, sampleClusterInfo(env), env);
        for (const o of objects) assert.equal(await validationError(o), undefined, o.kind);
        const np = byName(objects, "NodePool", "default") as any;
        const k = runtimeProfile(profileOf(env)).karpenter;
        assert.deepEqual(np.spec.limits, { cpu: k.cpuLimit, memory: `${k.memoryLimitGiB}Gi` });
        assert.deepEqual(
          np.spec.template.spec.requirements.find(
            (r: { key: string }) => r.key === "karpenter.sh/capacity-type",
          ).values,
          [k.capacityType],
        );
        const nc = byName(objects, "EC2NodeClass", "default") as any;
        assert.equal(nc.spec.instanceProfile, sampleClusterInfo(env).KARPENTER_INSTANCE_PROFILE);
        const discovery = {
          tags: { "karpenter.sh/discovery": sampleClusterInfo(env).CLUSTER_NAME },
        };
        assert.deepEqual(nc.spec.subnetSelectorTerms, [discovery]);
        assert.deepEqual(nc.spec.securityGroupSelectorTerms, [discovery]);
        // The stack tag on the instances, volumes and interfaces Karpenter launches; IMDSv2,
        // one hop (Karpenter's defaults, written out).
        assert.deepEqual(nc.spec.tags, { [STACK_TAG]: env });
        assert.deepEqual(nc.spec.metadataOptions, {
          httpEndpoint: "enabled",
          httpProtocolIPv6: "disabled",
          httpPutResponseHopLimit: 1,
          httpTokens: "required",
        });
      });
    }

    it("rejects a NodePool the schema forbids (the check is not a no-op)", async () => {
      const text = built.get(dir) as string;
      const np = byName(
        substitutedObjects(text, sampleClusterInfo("dev"), "dev"),
        "NodePool",
        "default",
      ) as any;
      const broken = structuredClone(np);
      broken.spec.disruption.consolidateAfter = "soon";
      assert.match((await validationError(broken)) ?? "", /consolidateAfter must match pattern/);
    });
  });
});
