import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR, readProject } from "../../harness/config";
import { CONFIG_KEYS } from "../../stacks/keys";
import { deliveryProfile, runtimeProfile } from "../../stacks/profiles";
import { RUNTIME_PROFILES } from "../../stacks/settings";

/** The runtime profiles side by side: one row per setting, one column per environment. */
export function profileTable(): string {
  const rows = Object.keys(runtimeProfile("dev")).map((key) => {
    const cells = RUNTIME_PROFILES.map((p) =>
      JSON.stringify((runtimeProfile(p) as unknown as Record<string, unknown>)[key]),
    );
    return [key, ...cells];
  });
  const header = ["setting", ...RUNTIME_PROFILES];
  const widths = header.map((_, i) =>
    Math.min(48, Math.max(...[header, ...rows].map((r) => r[i].length))),
  );
  const fmt = (r: string[]) => r.map((c, i) => c.slice(0, 48).padEnd(widths[i])).join(" | ");
  return [fmt(header), ...rows.map(fmt)].join("\n");
}

describe("stacks/profiles", () => {
  it("differ between environments only where intended (side by side)", () => {
    const table = profileTable();
    if (process.env.SHOW_PROFILES) console.log(table);
    const differing = Object.keys(runtimeProfile("dev")).filter((k) => {
      const values = RUNTIME_PROFILES.map((p) => JSON.stringify((runtimeProfile(p) as any)[k]));
      return new Set(values).size > 1;
    });
    assert.deepEqual(differing.sort(), [
      "allowSpot",
      "clusterLogRetentionDays",
      "clusterLogTypes",
      "clusterSupportType",
      "flowLogRetentionDays",
      "flowLogs",
      "fluxFallbackIntervals",
      "fluxImageAutomation",
      "fluxIntervals",
      "httpsRequired",
      "karpenter",
      "natGateways",
      "nodeGroups",
      "protect",
      "publicAccessCidrs",
      "vpcCidr",
    ]);
    assert.match(table, /^setting +\| dev +\| staging +\| prod/);
  });

  it("give each environment its own VPC range", () => {
    const cidrs = RUNTIME_PROFILES.map((p) => runtimeProfile(p).vpcCidr);
    assert.equal(new Set(cidrs).size, cidrs.length);
  });
});

describe("Pulumi.yaml and the stack files", () => {
  const project = readProject();

  it("declare exactly the settings the program reads, with matching types", () => {
    const declared = Object.keys(project.config).sort();
    const structured = Object.entries(CONFIG_KEYS)
      .filter(([, s]) => s.type === "object")
      .map(([k]) => k);
    const expected = Object.keys(CONFIG_KEYS)
      .filter((k) => !structured.includes(k))
      .sort();
    assert.deepEqual(declared, expected);
    for (const [key, decl] of Object.entries(project.config)) {
      assert.equal(decl.type, (CONFIG_KEYS as any)[key].type, `type of ${key}`);
      assert.ok(decl.description, `${key} has a description`);
      if (decl.type === "array") assert.deepEqual(decl.items, { type: "string" }, `${key} items`);
    }
  });

  it("give defaults only where every profile agrees, and equal to the profiles", () => {
    for (const [key, decl] of Object.entries(project.config)) {
      if (decl.default === undefined) continue;
      const values = [
        ...RUNTIME_PROFILES.map((p) => (runtimeProfile(p) as any)[key]),
        (deliveryProfile as any)[key],
        key === "fluxLegacyEcrAutologin" ? false : undefined,
      ].filter((v) => v !== undefined);
      assert.ok(values.length > 0, `${key} has a Pulumi.yaml default but no profile value`);
      for (const v of values) assert.deepEqual(decl.default, v, `default of ${key}`);
    }
  });

  it("documents the structured settings in the README", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    for (const [key, spec] of Object.entries(CONFIG_KEYS)) {
      if (spec.type === "object")
        assert.match(readme, new RegExp("`" + key + "`"), `README documents ${key}`);
    }
  });
});
