import * as assert from "node:assert/strict";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import type { StackRun } from "../../../harness/run";
import { irsaTrustPolicy } from "../../../components/aws/irsa";
import { sopsKeyPolicy } from "../../../components/secrets";
import { IRSA_ANNOTATION } from "../../../components/flux/values";
import { trusts } from "../../helpers/iam";
import { named } from "../../helpers/resources";
import { FIXTURE_ENVIRONMENTS, fixtureRun } from "../../helpers/stacks";

const ROLE = "aws:iam/role:Role";
const KEY = "aws:kms/key:Key";

describe("components/secrets: the SOPS key of each environment (fixture stacks)", () => {
  const runs: Record<string, StackRun> = {};
  before(async () => {
    for (const env of FIXTURE_ENVIRONMENTS) runs[env] = await fixtureRun(env);
  });

  for (const env of FIXTURE_ENVIRONMENTS) {
    it(`${env}: a rotating key whose policy names the environment's kustomize-controller role`, () => {
      const run = runs[env];
      const role = named(run, ROLE, `gitops-${env}-sops-kustomize-controller`);
      const roleArn = `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-${env}-flux-kustomize-controller`;
      assert.equal(role.inputs.name, `gitops-${env}-flux-kustomize-controller`);
      const key = named(run, KEY, `gitops-${env}-sops-key`);
      assert.equal(key.inputs.enableKeyRotation, true);
      assert.equal(key.inputs.deletionWindowInDays, 30);
      assert.equal(key.protect, env === "prod", "protected where the profile protects");
      const encrypters =
        env === "prod" ? [`arn:aws:iam::${MOCK_ACCOUNT}:role/platform-admins`] : [];
      assert.deepEqual(
        JSON.parse(key.inputs.policy),
        sopsKeyPolicy({
          accountId: MOCK_ACCOUNT,
          decryptRoleArn: roleArn,
          encryptPrincipalArns: encrypters,
        }),
      );
      const alias = named(run, "aws:kms/alias:Alias", `gitops-${env}-sops-alias`);
      assert.equal(alias.inputs.name, `alias/gitops-${env}-sops`);
      assert.deepEqual(alias.propertyDependencies.targetKeyId, [key.urn]);
      assert.match(String(run.outputs.sopsKeyArn), /^arn:aws:kms:us-east-1:123456789012:key\//);
    });
  }

  it("lets only flux-system/kustomize-controller of the environment's own cluster assume the role", () => {
    const run = runs.dev;
    const trust = JSON.parse(
      named(run, ROLE, "gitops-dev-sops-kustomize-controller").inputs.assumeRolePolicy,
    );
    const provider = String(run.outputs.oidcProviderArn);
    const issuer = provider.split(":oidc-provider/")[1];
    assert.deepEqual(
      trust,
      irsaTrustPolicy(provider, issuer, { namespace: "flux-system", name: "kustomize-controller" }),
    );
    const ask = (sub: string, federated = provider) =>
      trusts(
        trust,
        { type: "Federated", id: federated },
        {
          action: "sts:AssumeRoleWithWebIdentity",
          resource: "arn:aws:iam::123456789012:role/gitops-dev-flux-kustomize-controller",
          context: { [`${issuer}:sub`]: sub, [`${issuer}:aud`]: "sts.amazonaws.com" },
        },
      );
    assert.equal(ask("system:serviceaccount:flux-system:kustomize-controller"), true);
    assert.equal(ask("system:serviceaccount:flux-system:source-controller"), false);
    assert.equal(ask("system:serviceaccount:front-end:default"), false);
    const prodProvider = String(runs.prod.outputs.oidcProviderArn);
    assert.equal(
      ask("system:serviceaccount:flux-system:kustomize-controller", prodProvider),
      false,
    );
  });

  it("annotates kustomize-controller's service account with the role, through the chart values", () => {
    for (const env of FIXTURE_ENVIRONMENTS) {
      const release = named(
        runs[env],
        "kubernetes:helm.sh/v3:Release",
        `gitops-${env}-flux-release`,
      );
      assert.deepEqual(release.inputs.values.kustomizeController, {
        create: true,
        serviceAccount: {
          create: true,
          annotations: {
            [IRSA_ANNOTATION]: `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-${env}-flux-kustomize-controller`,
          },
        },
        container: { additionalArgs: ["--feature-gates=StrictPostBuildSubstitutions=true"] },
      });
    }
  });

  it("gives the role no policy of its own: the key policy is its only grant", () => {
    const policies = runs.dev.resources.filter(
      (r) =>
        (r.type === "aws:iam/rolePolicy:RolePolicy" ||
          r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment") &&
        r.name.includes("kustomize-controller"),
    );
    assert.deepEqual(policies, []);
  });
});
