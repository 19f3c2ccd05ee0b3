import * as assert from "node:assert/strict";
import { criticalPath, schedule, type EdgeKind, type GraphNode } from "../../harness/critical-path";

/** A custom resource `name` of `seconds`, waiting for `deps` (`name` or `name:kind`). */
function res(name: string, seconds: number, deps: string[] = [], parent?: string): GraphNode {
  return {
    urn: name,
    type: `t:${name}`,
    name,
    kind: "custom",
    seconds,
    ...(parent ? { parent } : {}),
    edges: deps.map((d) => {
      const [to, kind] = d.split(":");
      return { to, kind: (kind ?? "input") as EdgeKind };
    }),
  };
}
const component = (name: string, parent?: string): GraphNode => ({
  urn: name,
  type: `c:${name}`,
  name,
  kind: "component",
  seconds: 0,
  ...(parent ? { parent } : {}),
  edges: [],
});
const path = (nodes: GraphNode[]) =>
  criticalPath(nodes).steps.map((s) => [s.name, s.start, s.finish, s.via?.kind ?? "-"]);

describe("harness/critical-path", () => {
  it("a chain: each starts when the one before finishes; the total is the sum", () => {
    const nodes = [res("a", 5), res("b", 10, ["a"]), res("c", 3, ["b:dependsOn"])];
    const result = criticalPath(nodes);
    assert.equal(result.totalSeconds, 18);
    assert.deepEqual(path(nodes), [
      ["a", 0, 5, "-"],
      ["b", 5, 15, "input"],
      ["c", 15, 18, "dependsOn"],
    ]);
    assert.deepEqual(
      [...result.finish],
      [
        ["a", 5],
        ["b", 15],
        ["c", 18],
      ],
    );
  });

  it("a diamond: the join waits for the longer branch, the shorter one keeps its own finish", () => {
    const nodes = [res("a", 2), res("b", 10, ["a"]), res("c", 4, ["a"]), res("d", 1, ["b", "c"])];
    const result = criticalPath(nodes);
    assert.equal(result.totalSeconds, 13);
    assert.deepEqual(path(nodes), [
      ["a", 0, 2, "-"],
      ["b", 2, 12, "input"],
      ["d", 12, 13, "input"],
    ]);
    assert.equal(result.finish.get("c"), 6);
  });

  it("independent resources run in parallel: the total is the longest, not the sum", () => {
    const nodes = [res("a", 7), res("b", 30), res("c", 12)];
    assert.equal(criticalPath(nodes).totalSeconds, 30);
    assert.deepEqual(path(nodes), [["b", 0, 30, "-"]]);
  });

  it("a dependency on a component waits for all its resources, nested components included", () => {
    const nodes = [
      component("comp"),
      res("x", 7, [], "comp"),
      component("inner", "comp"),
      res("z", 9, [], "inner"),
      res("after", 2, ["comp:dependsOn"]),
    ];
    const result = criticalPath(nodes);
    assert.equal(result.totalSeconds, 11);
    assert.deepEqual(path(nodes), [
      ["z", 0, 9, "-"],
      ["after", 9, 11, "dependsOn"],
    ]);
    assert.deepEqual(result.steps[1].via, { kind: "dependsOn", component: "comp" });
    assert.equal(result.finish.get("comp"), 9);
    assert.equal(result.finish.get("inner"), 9);
  });

  it("the parent link alone orders nothing; an empty component finishes at 0", () => {
    const nodes = [
      component("comp"),
      res("child", 4, [], "comp"),
      res("r", 1, ["empty"]),
      component("empty"),
    ];
    const t = schedule(nodes);
    assert.deepEqual(t.get("child"), { start: 0, finish: 4 });
    assert.deepEqual(t.get("r"), { start: 0, finish: 1 });
  });

  it("a remote component is one step of its own duration; its dependents wait for all of it", () => {
    const nodes: GraphNode[] = [
      { ...res("vpc", 124), kind: "remote" },
      { ...res("eks", 673, ["vpc"]), kind: "remote" },
      res("provider", 0, ["eks"]),
      res("namespace", 3, ["provider:provider"]),
    ];
    assert.deepEqual(path(nodes), [
      ["vpc", 0, 124, "-"],
      ["eks", 124, 797, "input"],
      ["provider", 797, 797, "input"],
      ["namespace", 797, 800, "provider"],
    ]);
  });

  it("flags a dependsOn edge on the path with how much the whole path would shrink without it", () => {
    // c needs a's output; its dependsOn on b makes it wait 200 s more, but b itself still takes
    // 300 s: without the edge the stack is done at 300, not at 110.
    const nodes = [res("a", 100), res("b", 300), res("c", 10, ["a", "b:dependsOn"])];
    const result = criticalPath(nodes);
    assert.equal(result.totalSeconds, 310);
    assert.deepEqual(result.explicitEdges, [
      { from: "c", fromType: "t:c", to: "b", toType: "t:b", savingSeconds: 10 },
    ]);
  });

  it("marks a known need as justified, with its reason, and still says what it costs", () => {
    const nodes = [res("nodes", 170), res("chart", 105, ["nodes:dependsOn"])];
    const result = criticalPath(nodes, (from, to) =>
      from.name === "chart" && to.name === "nodes" ? "the chart needs nodes" : undefined,
    );
    assert.deepEqual(result.explicitEdges, [
      {
        from: "chart",
        fromType: "t:chart",
        to: "nodes",
        toType: "t:nodes",
        // Without the edge both run at once: max(170, 105) instead of 170 + 105.
        savingSeconds: 105,
        justification: "the chart needs nodes",
      },
    ]);
  });

  it("does not blame dependsOn when an input binds at the same time", () => {
    const nodes = [res("a", 5), res("b", 5), res("c", 1, ["b:dependsOn", "a"])];
    const result = criticalPath(nodes);
    assert.deepEqual(
      result.steps.map((s) => s.name),
      ["a", "c"],
    );
    assert.deepEqual(result.steps[1].via, { kind: "input" });
    assert.deepEqual(result.explicitEdges, []);
  });

  it("an edge off the critical path is not reported", () => {
    const nodes = [res("slow", 50), res("quick", 1), res("end", 1, ["slow", "quick:dependsOn"])];
    assert.deepEqual(criticalPath(nodes).explicitEdges, []);
  });

  it("a graph of components only, or nothing, takes 0 s", () => {
    assert.deepEqual(criticalPath([component("root")]), {
      totalSeconds: 0,
      steps: [],
      finish: new Map([["root", 0]]),
      explicitEdges: [],
    });
  });

  it("refuses a cycle, an unknown dependency and a node listed twice, naming them", () => {
    assert.throws(
      () => criticalPath([res("a", 1, ["b"]), res("b", 1, ["c"]), res("c", 1, ["a"])]),
      { message: "critical path: dependency cycle a -> b -> c -> a" },
    );
    assert.throws(() => criticalPath([res("a", 1, ["ghost"])]), {
      message: "critical path: a depends on ghost, no node",
    });
    assert.throws(() => criticalPath([res("a", 1), res("a", 2)]), {
      message: "critical path: node a is listed twice",
    });
  });
});
