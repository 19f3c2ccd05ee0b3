import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { resolveSettings } from "../../stacks/resolve";
import { imagePolicyWarnings, settingsWarnings } from "../../stacks/warnings";
import { imagePolicyPatterns } from "../../components/delivery";
import { PROJECT_DIR } from "../../harness/config";
import { settingsInput } from "../helpers/settings";

const texts = (stack: string, config: Record<string, unknown>, date = "2026-11-23") =>
  settingsWarnings(
    resolveSettings(settingsInput(stack, config)),
    new Date(`${date}T12:00:00Z`),
  ).map((w) => w.text);
const OPEN =
  "gitops-platform:publicAccessCidrs: the Kubernetes API endpoint accepts connections from the whole internet (0.0.0.0/0); only IAM authentication stands in the way. List the CIDRs of your operators and of the machine that runs pulumi up.";
const CIDR = { publicAccessCidrs: ["203.0.113.0/24"] };
/** Prod's profile also needs a domain (HTTPS) from its stack file. */
const PROD = { ...CIDR, domain: "example.com" };

describe("stacks/warnings: legal but risky or costly settings", () => {
  it("the public API endpoint open to the world (the profiles' default)", () => {
    assert.deepEqual(texts("dev", {}), [OPEN]);
    assert.deepEqual(texts("dev", CIDR), []);
  });

  it("one NAT gateway for a multi-AZ prod, and prod unprotected", () => {
    assert.deepEqual(texts("prod", { ...PROD, natGateways: "Single", protect: false }), [
      "gitops-platform:natGateways: one NAT gateway for 3 availability zones: when its zone fails, every private subnet of prod loses the internet (ECR pulls, AWS APIs). Set natGateways: OnePerAz (about $33/month per extra gateway).",
      "gitops-platform:protect: prod's stateful resources (KMS key, log groups) and the cluster's deletion protection are off: one pulumi destroy removes them. Remove protect: false.",
    ]);
    assert.deepEqual(texts("prod", PROD), []);
  });

  it("Spot in staging", () => {
    assert.deepEqual(
      texts("staging", { ...CIDR, nodeGroups: [{ name: "general", capacityType: "SPOT" }] }),
      [
        "gitops-platform:nodeGroups: staging runs Spot nodes (general): interruptions make it behave unlike prod, which the profile keeps On-Demand. Use capacityType: ON_DEMAND to test what prod runs.",
      ],
    );
  });

  it("extended-support pricing ahead (EXTENDED) and the automatic upgrade ahead (STANDARD), from 90 days before", () => {
    const v = { ...PROD, kubernetesVersion: "1.34" }; // standard support ends 2026-12-02
    assert.deepEqual(texts("prod", v, "2026-09-02"), []);
    assert.deepEqual(texts("prod", v, "2026-11-23"), [
      "gitops-platform:kubernetesVersion: standard support of Kubernetes 1.34 ends in 10 days (2026-12-02): from then the control plane costs $0.60 an hour ($438/month) instead of $0.10 ($73/month), until 2027-12-02. Upgrade kubernetesVersion before then.",
    ]);
    assert.deepEqual(texts("staging", v, "2026-12-05"), [
      "gitops-platform:kubernetesVersion: standard support of Kubernetes 1.34 ended 2026-12-02: with clusterSupportType STANDARD, EKS then upgrades the control plane itself, and the stack's kubernetesVersion no longer matches the cluster. Upgrade kubernetesVersion first.",
    ]);
  });

  /** Each later stage with its own approvers: no promotion warning. */
  const POOLS = {
    promotion: [
      "dev",
      { environment: "staging", approvals: 1, approvers: ["arn:aws:iam::123456789012:role/qa"] },
      { environment: "prod", approvals: 2, approvers: ["arn:aws:iam::123456789012:role/release"] },
    ],
  };

  it("force-deleting protected ECR repositories", () => {
    assert.deepEqual(texts("shared", { ecrForceDelete: true, ...POOLS }), [
      "gitops-platform:ecrForceDelete: ECR repositories are protected (protect) and would still be deleted with their images once protection is lifted. Keep ecrForceDelete: false unless the images are disposable.",
    ]);
  });

  it("later stages without approvers (the default): any approver counts, another stage's too", () => {
    assert.deepEqual(texts("shared", {}), [
      "gitops-platform:promotion: staging, prod take approvals from any principal allowed to approve (no approvers), another stage's approvers included. Give each later stage its own approvers (role ARNs: their sessions count).",
    ]);
    assert.deepEqual(texts("shared", POOLS), []);
  });

  it("a pipeline branch no ImagePolicy of the seeded flux-repo selects", () => {
    const fluxRepo = path.join(PROJECT_DIR, "gitops", "flux-repo");
    const policies = imagePolicyPatterns(fluxRepo);
    const files = fs
      .readdirSync(path.join(fluxRepo, "apps", "dev"))
      .filter((f) => f.endsWith("-image-policy.yaml"))
      .map((f) => `apps/dev/${f}`);
    assert.deepEqual(policies.map((p) => p.file).sort(), files.sort());
    assert.ok(files.length > 0);
    assert.deepEqual(imagePolicyWarnings("main", policies), []);
    assert.deepEqual(
      imagePolicyWarnings("release", policies).map((w) => w.text),
      [
        `gitops-platform:pipelineBranch: images of branch 'release' are tagged like release-0a1b2c3-17, which no ImagePolicy in ${policies.map((p) => p.file).join(", ")} selects: dev never rolls them out. Change the policy's filterTags.pattern to imagePolicyFilter('release') (components/delivery/image-tag.ts), in gitops/ and in the seeded flux-repo.`,
      ],
    );
  });
});
