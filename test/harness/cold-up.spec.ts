import * as assert from "node:assert/strict";
import {
  coldUpSection,
  estimateColdUp,
  formatSeconds,
  referencedUrns,
  resourceGraph,
  type ColdUpEstimate,
} from "../../harness/cold-up";
import { typicalCreate } from "../../harness/durations";
import { formatPlan, planJson } from "../../harness/plan";
import type { RecordedResource, StackRun } from "../../harness/run";
import { FIXTURE_ENVIRONMENTS, fixtureRun } from "../helpers/stacks";

const urn = (type: string, name: string) => `urn:pulumi:s::p::${type}::${name}`;

function recorded(
  type: string,
  name: string,
  fields: Partial<RecordedResource> = {},
): RecordedResource {
  return {
    urn: urn(type, name),
    type,
    name,
    parent: undefined,
    provider: undefined,
    custom: true,
    remote: false,
    read: false,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    secretInputs: [],
    ...fields,
  };
}

describe("harness/cold-up", () => {
  it("reads edges from the record: inputs, dependsOn alone, the provider, resource references", () => {
    const stack = recorded("pulumi:pulumi:Stack", "s", { custom: false });
    const cluster = recorded("eks:index:Cluster", "eks", { custom: false, remote: true });
    const role = recorded("aws:iam/role:Role", "role", { parent: stack.urn });
    const provider = recorded("pulumi:providers:kubernetes", "k8s", {
      dependencies: [cluster.urn],
      propertyDependencies: { kubeconfig: [cluster.urn] },
    });
    const group = recorded("eks:index:ManagedNodeGroup", "ng", {
      custom: false,
      remote: true,
      dependencies: [role.urn],
      inputs: { cluster: { urn: cluster.urn }, nodeRole: { urn: role.urn, id: "r-1" } },
    });
    const release = recorded("kubernetes:helm.sh/v3:Release", "flux", {
      provider: `${provider.urn}::k8s-id`,
      dependencies: [group.urn, role.urn],
      propertyDependencies: { values: [role.urn] },
    });
    const ref = recorded("pulumi:pulumi:StackReference", "shared", { read: true });
    const graph = resourceGraph([stack, cluster, role, provider, group, release, ref]);
    const edges = Object.fromEntries(
      graph.map((n) => [n.name, n.edges.map((e) => `${e.to.split("::").pop()}:${e.kind}`)]),
    );
    assert.deepEqual(edges, {
      s: [],
      eks: [],
      role: [],
      k8s: ["eks:input"],
      // The role is in the dependencies but also a reference input: an input carries it.
      ng: ["role:reference", "eks:reference"],
      flux: ["role:input", "ng:dependsOn", "k8s:provider"],
      shared: [],
    });
    assert.deepEqual(
      graph.map((n) => [n.name, n.kind, n.seconds]),
      [
        ["s", "component", 0],
        ["eks", "remote", typicalCreate("eks:index:Cluster").seconds],
        ["role", "custom", typicalCreate("aws:iam/role:Role").seconds],
        ["k8s", "custom", 0],
        ["ng", "remote", typicalCreate("eks:index:ManagedNodeGroup").seconds],
        ["flux", "custom", typicalCreate("kubernetes:helm.sh/v3:Release").seconds],
        ["shared", "custom", 0],
      ],
    );
    assert.equal(graph[2].parent, stack.urn);
  });

  it("finds resource references anywhere in the inputs, and nothing else", () => {
    const a = urn("t", "a");
    const b = urn("t", "b");
    assert.deepEqual(
      referencedUrns({
        x: { urn: a },
        list: [{ nested: { urn: b, id: "i" } }],
        s: a,
        o: { urn: a, k: 1 },
      }),
      [a, b],
    );
  });

  it("formats seconds as minutes and seconds", () => {
    assert.deepEqual([0, 45, 60, 1074, 3601].map(formatSeconds), [
      "0s",
      "45s",
      "1m 00s",
      "17m 54s",
      "60m 01s",
    ]);
  });

  for (const env of FIXTURE_ENVIRONMENTS) {
    describe(`on fixture stack ${env}`, () => {
      let run: StackRun;
      let estimate: ColdUpEstimate;
      before(async () => {
        run = await fixtureRun(env);
        estimate = estimateColdUp(run);
      });

      it("the path is the VPC, the EKS cluster, a node group, the Flux chart, its two objects and the NodePools' sync", () => {
        assert.deepEqual(
          estimate.criticalPath.map((s) => [s.type, s.via?.kind ?? "first"]),
          [
            ["awsx:ec2:Vpc", "first"],
            ["eks:index:Cluster", "input"],
            // The VPC CNI's IRSA role (it needs the cluster's OIDC provider) and add-on come
            // before the nodes (components/cluster/cluster.ts).
            ["aws:iam/role:Role", "input"],
            ["aws:iam/rolePolicy:RolePolicy", "input"],
            ["aws:eks/addon:Addon", "input"],
            ["eks:index:ManagedNodeGroup", "dependsOn"],
            ["kubernetes:helm.sh/v3:Release", "dependsOn"],
            ["kubernetes:source.toolkit.fluxcd.io/v1:GitRepository", "dependsOn"],
            ["kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization", "dependsOn"],
            ["kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization", "dependsOn"],
          ],
        );
        const groups = run.resources.filter((r) => r.type === "eks:index:ManagedNodeGroup");
        assert.ok(groups.some((g) => g.urn === estimate.criticalPath[5].urn));
        assert.equal(
          estimate.criticalPath[4].urn.split("::").pop(),
          `gitops-${env}-addons-vpc-cni`,
        );
      });

      it("its duration is the sum of the table's figures along it, and at most 20 minutes", () => {
        const sum = estimate.criticalPath.reduce((t, s) => t + typicalCreate(s.type).seconds, 0);
        assert.equal(estimate.totalSeconds, sum);
        estimate.criticalPath.forEach((s, i) => {
          assert.equal(s.start, i === 0 ? 0 : estimate.criticalPath[i - 1].finish);
          assert.equal(s.finish - s.start, typicalCreate(s.type).seconds);
        });
        assert.ok(estimate.totalSeconds <= 20 * 60, formatSeconds(estimate.totalSeconds));
      });

      it("gives every managed resource its earliest finish, none after the total", () => {
        const managed = run.resources.filter((r) => (r.custom || r.remote) && !r.read);
        assert.deepEqual(
          Object.keys(estimate.earliestFinish),
          managed.map((r) => r.urn),
        );
        const finishes = Object.values(estimate.earliestFinish);
        assert.equal(Math.max(...finishes), estimate.totalSeconds);
        const [vpc, cluster] = estimate.criticalPath;
        assert.equal(estimate.earliestFinish[vpc.urn], typicalCreate("awsx:ec2:Vpc").seconds);
        assert.equal(
          estimate.earliestFinish[cluster.urn],
          typicalCreate("awsx:ec2:Vpc").seconds + typicalCreate("eks:index:Cluster").seconds,
        );
      });

      it("flags the Kustomization's dependsOn on its GitRepository; the chart's on nodes is a need", () => {
        const [, , , , addon, group, release, gitRepository, kustomization, nodePools] =
          estimate.criticalPath;
        assert.deepEqual(estimate.unneededDependsOn, [
          {
            from: kustomization.urn,
            fromType: kustomization.type,
            to: gitRepository.urn,
            toType: gitRepository.type,
            savingSeconds: typicalCreate(gitRepository.type).seconds,
          },
        ]);
        assert.deepEqual(
          estimate.justifiedDependsOn.map((e) => [e.from, e.to]),
          [
            [group.urn, addon.urn],
            [release.urn, group.urn],
            [gitRepository.urn, release.urn],
            [nodePools.urn, kustomization.urn],
          ],
        );
        // What a needed edge costs: never more than the resource it waits for (others run
        // meanwhile); the nodes' wait for the CNI add-on also covers its role, made after the cluster.
        const [, cluster] = estimate.criticalPath;
        for (const e of estimate.justifiedDependsOn) {
          const bound =
            e.to === addon.urn ? addon.finish - cluster.finish : typicalCreate(e.toType).seconds;
          assert.ok(e.savingSeconds > 0 && e.savingSeconds <= bound, `${e.from} -> ${e.to}`);
        }
        assert.match(
          estimate.justifiedDependsOn[1].justification!,
          /^the Flux chart install needs nodes/,
        );
      });
    });
  }

  describe("on the fixture shared stack", () => {
    let estimate: ColdUpEstimate;
    let run: StackRun;
    before(async () => {
      run = await fixtureRun("shared");
      estimate = estimateColdUp(run);
    });

    it("its path is contiguous and adds up; no dependsOn lengthens it without need", () => {
      const steps = estimate.criticalPath;
      assert.ok(steps.length > 1);
      steps.forEach((s, i) => assert.equal(s.start, i === 0 ? 0 : steps[i - 1].finish));
      assert.equal(steps[steps.length - 1].finish, estimate.totalSeconds);
      assert.equal(
        estimate.totalSeconds,
        steps.reduce((t, s) => t + typicalCreate(s.type).seconds, 0),
      );
      assert.deepEqual(estimate.unneededDependsOn, []);
    });

    it("lists exactly the stack's types without a public figure", () => {
      const managed = run.resources.filter((r) => (r.custom || r.remote) && !r.read);
      const expected = [...new Set(managed.map((r) => r.type))]
        .filter((t) => typicalCreate(t).basis === "default")
        .sort();
      assert.ok(expected.length > 0);
      assert.deepEqual(estimate.typesWithoutFigure, expected);
    });
  });

  it("is printed at the end of the plan and written into its JSON", async () => {
    const dev = await fixtureRun("dev");
    const estimate = estimateColdUp(dev);
    const text = formatPlan(dev);
    const section = coldUpSection(estimate).join("\n");
    assert.ok(text.endsWith(section));
    assert.match(
      section,
      new RegExp(
        `^\\nCold pulumi up, estimated from typical creation times \\(harness/durations\\.ts\\): ` +
          `${formatSeconds(estimate.totalSeconds)}\\n`,
      ),
    );
    const vpc = typicalCreate("awsx:ec2:Vpc").seconds;
    const span = `0s → ${formatSeconds(vpc)}`.padStart(19);
    assert.ok(
      section.includes(`\n  ${span}  awsx:ec2:Vpc gitops-dev-vpc  (first; ${vpc}s, composite)\n`),
    );
    const saving = typicalCreate("kubernetes:source.toolkit.fluxcd.io/v1:GitRepository").seconds;
    assert.ok(
      section.includes(
        "\n  Lengthens it without need: gitops-dev-flux-kustomization (Kustomization) dependsOn " +
          "gitops-dev-flux-git-repository (GitRepository), no input carries it; " +
          `${formatSeconds(saving)} shorter without it.\n`,
      ),
    );
    assert.ok(
      section.endsWith(
        `\n  No public figure, 10s each: ${estimate.typesWithoutFigure.join(", ")}.`,
      ),
    );
    assert.ok(estimate.typesWithoutFigure.includes("aws:eks/accessEntry:AccessEntry"));
    assert.deepEqual((planJson(dev) as { coldUp: unknown }).coldUp, estimate);
  });
});
