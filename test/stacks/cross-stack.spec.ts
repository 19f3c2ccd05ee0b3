import * as assert from "node:assert/strict";
import { crossStackProblems } from "../../stacks/cross-stack";
import { resolveSettings } from "../../stacks/resolve";
import { PROD_CHOICES, settingsInput } from "../helpers/settings";

const s = (stack: string, config: Record<string, unknown> = {}, region = "us-east-1") =>
  resolveSettings(settingsInput(stack, config, region));

describe("stacks/cross-stack: collisions between the project's stacks", () => {
  it("none for the shipped stacks", () => {
    assert.deepEqual(
      crossStackProblems([s("shared"), s("dev"), s("staging"), s("prod", PROD_CHOICES)]),
      [],
    );
  });

  it("a name prefix or cluster name used twice in one account; repositories and Deployments twice", () => {
    assert.deepEqual(
      crossStackProblems([
        s("dev", { namePrefix: "gitops-x" }),
        s("qa", { profile: "staging", namePrefix: "gitops-x", clusterName: "gitops-dev" }),
        s("shared", {
          deployments: { enabled: true, repository: "acme/platform" },
          promotion: ["dev", "qa"],
        }),
        s("shared2", {
          profile: "shared",
          deployments: { enabled: true, repository: "acme/platform" },
        }),
      ]),
      [
        'gitops-platform:namePrefix = "gitops-x" in both Pulumi.dev.yaml and Pulumi.qa.yaml: IAM role, user and bucket names would collide in the account. Give one of them another namePrefix.',
        'gitops-platform:fluxRepoName = "flux-repo" in both Pulumi.shared.yaml and Pulumi.shared2.yaml: CodeCommit repository names are unique per account and region. Give one of them another fluxRepoName.',
        'gitops-platform:microservicesRepoName = "microservices-repo" in both Pulumi.shared.yaml and Pulumi.shared2.yaml: CodeCommit repository names are unique per account and region. Give one of them another microservicesRepoName.',
        'gitops-platform:appRepoName = "app-repo" in both Pulumi.shared.yaml and Pulumi.shared2.yaml: CodeCommit repository names are unique per account and region. Give one of them another appRepoName.',
        'gitops-platform:deployments = "enabled" in both Pulumi.shared.yaml and Pulumi.shared2.yaml: both would create the IAM OIDC provider of https://api.pulumi.com/oidc, of which an account has one. Give one of them another deployments.',
        ...["shared", "shared2"].map(
          (d) =>
            `gitops-platform:namePrefix = "gitops-x" in Pulumi.dev.yaml: Pulumi Deployments deploys stack 'dev' (deployments.stacks in Pulumi.${d}.yaml), and its permissions boundary lets it create IAM roles, policies and instance profiles named gitops-dev-* only. Remove namePrefix from Pulumi.dev.yaml.`,
        ),
      ],
    );
  });

  it("an environment Deployments deploys keeps the name prefix its boundary fences", () => {
    const shared = s("shared", {
      deployments: {
        enabled: true,
        repository: "acme/platform",
        stacks: ["shared", "dev", "prod"],
      },
      promotion: ["dev", "qa", "staging", "prod"],
    });
    assert.deepEqual(
      crossStackProblems([
        shared,
        s("dev"),
        s("qa", { profile: "staging", namePrefix: "acme-qa" }),
      ]),
      [],
    );
    assert.equal(crossStackProblems([shared, s("dev", { namePrefix: "acme-dev" })]).length, 1);
    assert.deepEqual(crossStackProblems([s("shared"), s("dev", { namePrefix: "acme-dev" })]), []);
  });

  it("cluster names clash per region only; other profiles are other accounts", () => {
    assert.deepEqual(
      crossStackProblems([
        s("dev"),
        s("qa", { profile: "dev", clusterName: "gitops-dev" }, "eu-west-1"),
      ]),
      [],
    );
    assert.deepEqual(
      crossStackProblems([s("dev"), s("qa", { profile: "dev", clusterName: "gitops-dev" })]),
      [
        'gitops-platform:clusterName = "gitops-dev" in both Pulumi.dev.yaml and Pulumi.qa.yaml: EKS cluster names are unique per account and region. Give one of them another clusterName.',
      ],
    );
    const other = {
      ...s("qa", { profile: "dev", namePrefix: "gitops-dev" }),
      awsProfile: "other-account",
    };
    assert.deepEqual(crossStackProblems([s("dev"), other]), []);
  });

  it("a stack built from profile prod that deploys from the every-push branch", () => {
    const shared = s("shared", {
      deployments: {
        enabled: true,
        repository: "acme/platform",
        stacks: ["shared", "dev", "live", "prod"],
      },
      promotion: ["dev", "live"],
    });
    assert.deepEqual(
      crossStackProblems([shared, s("live", { profile: "prod", ...PROD_CHOICES })]),
      [
        `gitops-platform:deployments.prodStacks = ["prod"] in Pulumi.shared.yaml: stack 'live' is built from profile prod (Pulumi.live.yaml) but would deploy on every push to 'main'. Add it to prodStacks.`,
      ],
    );
  });
});
