import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStackConfig } from "../../harness/config";
import { resolveSettings } from "../../stacks/resolve";
import { settingsInput } from "../helpers/settings";

describe("harness/config and stacks: which file a problem is in", () => {
  it("a YAML error names the stack file, line and column", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-"));
    const file = path.join(dir, "Pulumi.dev.yaml");
    fs.writeFileSync(file, "config:\n  aws:region: us-east-1\n  gitops-platform:tags: {team: [a\n");
    assert.throws(
      () => loadStackConfig("dev", {}, dir),
      (e: Error) => {
        assert.ok(e.message.startsWith(`${file}: not valid YAML: `), e.message);
        assert.match(e.message, /at line 4, column 1:/);
        return true;
      },
    );
    fs.writeFileSync(file, "config:\n  aws:region: us-east-1\n  aws:region: eu-west-1\n");
    assert.throws(
      () => loadStackConfig("dev", {}, dir),
      /Pulumi\.dev\.yaml: not valid YAML: Map keys must be unique/,
    );
  });

  it("settings problems name the stack file where the CLI reads it (stackConfigDir)", () => {
    try {
      resolveSettings({
        ...settingsInput("dev", { vpcCidr: "bad" }),
        stackFile: "config/Pulumi.dev.yaml",
      });
      assert.fail("accepted");
    } catch (e) {
      assert.match(
        (e as Error).message,
        /Set a block such as 10\.10\.0\.0\/16 in config\/Pulumi\.dev\.yaml\./,
      );
    }
  });
});
