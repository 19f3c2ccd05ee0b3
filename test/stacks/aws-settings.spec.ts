import * as assert from "node:assert/strict";
import { resolveSettings } from "../../stacks/resolve";
import { SettingsError } from "../../stacks/problems";
import { type StackRun } from "../../harness/run";
import { settingsInput } from "../helpers/settings";
import { runFixture } from "../helpers/stacks";

const problemsWith = (awsKeys: string[]): string[] => {
  try {
    resolveSettings({ ...settingsInput("dev"), awsKeys });
  } catch (e) {
    assert.ok(e instanceof SettingsError);
    return [...e.problems];
  }
  return [];
};

describe("stacks: aws: settings reach the program's own AWS provider", () => {
  it("accepts aws:region and aws:profile", () => {
    assert.deepEqual(problemsWith(["region", "profile"]), []);
    const s = resolveSettings({ ...settingsInput("dev"), awsProfile: "platform" });
    assert.equal(s.awsProfile, "platform");
  });

  it("refuses aws: settings the explicit provider would silently ignore, naming the fix", () => {
    assert.deepEqual(problemsWith(["region", "assumeRoles", "defaultTags"]), [
      'aws:assumeRoles = "(set)": the program\'s AWS provider takes only aws:region and aws:profile. Remove it; give credentials through the environment (AWS_PROFILE, AWS_* variables, OIDC).',
      'aws:defaultTags = "(set)": the program\'s AWS provider takes only aws:region and aws:profile. Move the tags to gitops-platform:tags.',
    ]);
  });

  describe("with aws:profile set", () => {
    let dev: StackRun;
    let shared: StackRun;
    before(async () => {
      dev = await runFixture("dev", { config: { "aws:profile": "platform" } });
      shared = await runFixture("shared", { config: { "aws:profile": "platform" } });
    });
    const one = (run: StackRun, type: string) => {
      const found = run.resources.filter((r) => r.type === type);
      assert.ok(found.length > 0, type);
      return found;
    };

    it("the AWS provider, the kubeconfig and the seeds' SDK client use the profile", () => {
      assert.equal(one(dev, "pulumi:providers:aws")[0].inputs.profile, "platform");
      assert.deepEqual(one(dev, "eks:index:Cluster")[0].inputs.providerCredentialOpts, {
        profileName: "platform",
      });
      assert.equal(one(shared, "pulumi:providers:aws")[0].inputs.profile, "platform");
      for (const seed of one(shared, "pulumi-nodejs:dynamic/codecommit:RepositorySeed")) {
        assert.equal(seed.inputs.profile, "platform", seed.name);
      }
    });
  });
});
