/**
 * The policy pack's own handlers (policy-pack/, loaded as `pulumi preview --policy-pack` loads
 * it) on every fixture stack's recorded plan, and on resources built to fail each rule.
 */
import * as assert from "node:assert/strict";
import type { StackRun } from "../../harness/run";
import { PROFILE_TAG } from "../../components/aws";
import { PROFILE_TAG as PACK_PROFILE_TAG } from "../../policy-pack/stack";
import { analyzeRun, loadPack, type Finding, type LoadedPack } from "../helpers/policy-pack";
import { deploymentsIam } from "../helpers/deployments-iam";
import { FIXTURE_ENVIRONMENTS, fixtureRun } from "../helpers/stacks";
import { synthetic } from "./synthetic";

/** Violations the fixture stacks may have, each with the change that would remove it: none. */
const KNOWN_VIOLATIONS: Readonly<Record<string, readonly string[]>> = {};

let pack: LoadedPack | undefined;
/** The pack, built once per process (a pack module constructs its PolicyPack when loaded). */
export function gitopsPack(): LoadedPack {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pack ??= loadPack(() => require("../../policy-pack"));
  return pack;
}

const summary = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.policy} ${f.urn?.split("::").pop() ?? "(stack)"}: ${f.violation}`);

describe("policy-pack: the gitops-platform pack", () => {
  const runs: StackRun[] = [];
  before(async () => {
    for (const stack of ["shared", ...FIXTURE_ENVIRONMENTS]) runs.push(await fixtureRun(stack));
    runs.push((await deploymentsIam()).run);
  });

  it("loads as the engine loads it: seven mandatory rules", () => {
    const p = gitopsPack();
    assert.equal(p.name, "gitops-platform");
    assert.equal(p.enforcementLevel, "mandatory");
    assert.deepEqual(
      p.policies.map((x) => x.name),
      [
        "no-wildcard-actions",
        "encryption-at-rest",
        "ecr-immutable-and-scanned",
        "log-retention-set",
        "protect-stateful-in-prod-and-shared",
        "kubernetes-api-not-open-to-world-in-prod",
        "https-on-public-load-balancers-in-prod",
      ],
    );
    assert.equal(PACK_PROFILE_TAG, PROFILE_TAG, "the pack reads the program's profile tag");
  });

  it("every fixture stack passes (but the listed, known violations)", async () => {
    for (const run of runs) {
      const findings = await analyzeRun(gitopsPack(), run);
      assert.deepEqual(
        [...new Set(findings.map((f) => f.policy))],
        KNOWN_VIOLATIONS[run.stack] ?? [],
        `${run.stack}:\n${summary(findings).join("\n")}`,
      );
    }
  });

  describe("every rule fails a resource built to break it", () => {
    const findings = async (profile: string, resources: Parameters<typeof synthetic>[1]) =>
      summary(await analyzeRun(gitopsPack(), synthetic(profile, resources)));

    it("no-wildcard-actions", async () => {
      const doc = (Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
      assert.deepEqual(
        await findings("dev", [
          [
            "aws:iam/rolePolicy:RolePolicy",
            "star",
            { policy: doc([{ Effect: "Allow", Action: "s3:*", Resource: "*" }]) },
          ],
          [
            "aws:iam/policy:Policy",
            "not",
            { policy: doc([{ Sid: "All", Effect: "Allow", NotAction: "iam:*", Resource: "*" }]) },
          ],
          [
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "admin",
            { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
          ],
          [
            "aws:iam/policy:Policy",
            "boundary",
            { policy: doc([{ Sid: "Ceiling", Effect: "Allow", Action: "*", Resource: "*" }]) },
          ],
          [
            "aws:s3/bucketPolicy:BucketPolicy",
            "deny",
            { policy: doc([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }]) },
          ],
          [
            "aws:iam/rolePolicy:RolePolicy",
            "listed",
            { policy: doc([{ Effect: "Allow", Action: ["ec2:Describe*"], Resource: "*" }]) },
          ],
        ]),
        [
          "no-wildcard-actions star: policy: statement 0 allows s3:*; list the actions the resource needs.",
          "no-wildcard-actions not: policy: All allows NotAction; list the actions the resource needs.",
          "no-wildcard-actions admin: attaches arn:aws:iam::aws:policy/AdministratorAccess, which allows wildcard actions; attach a policy that lists them.",
        ],
      );
    });

    it("encryption-at-rest", async () => {
      assert.deepEqual(
        await findings("dev", [
          ["aws:s3/bucket:Bucket", "plain", {}],
          ["aws:s3/bucket:Bucket", "sealed", {}],
          [
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "sealed",
            { bucket: "sealed" },
            { bucket: "sealed" },
          ],
          [
            "aws:ecr/repository:Repository",
            "repo",
            { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } },
          ],
          ["eks:index:Cluster", "eks", {}],
          ["aws:sqs/queue:Queue", "queue", {}],
        ]),
        [
          "encryption-at-rest plain: S3 bucket plain has no server-side encryption configuration: declare an aws.s3.BucketServerSideEncryptionConfiguration for it.",
          "encryption-at-rest repo: aws:ecr/repository:Repository repo: no encryptionConfigurations.",
          "encryption-at-rest eks: eks:index:Cluster eks: Kubernetes secrets without envelope encryption (encryptionConfigKeyArn).",
          "encryption-at-rest queue: aws:sqs/queue:Queue queue: no server-side encryption.",
        ],
      );
    });

    it("ecr-immutable-and-scanned", async () => {
      assert.deepEqual(
        await findings("dev", [
          [
            "aws:ecr/repository:Repository",
            "repo",
            { encryptionConfigurations: [{ encryptionType: "AES256" }] },
          ],
        ]),
        [
          "ecr-immutable-and-scanned repo: imageTagMutability is MUTABLE (the default); set IMMUTABLE.",
          "ecr-immutable-and-scanned repo: imageScanningConfiguration.scanOnPush is not true; scan every pushed image.",
        ],
      );
      const scanned = {
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "AES256" }],
      };
      const excepting = (filter: string) => ({
        ...scanned,
        imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters: [{ filter, filterType: "WILDCARD" }],
      });
      assert.deepEqual(
        await findings("dev", [
          ["aws:ecr/repository:Repository", "cache", excepting("buildcache")],
          ["aws:ecr/repository:Repository", "family", excepting("main-*")],
        ]),
        [
          "ecr-immutable-and-scanned family: imageTagMutability is IMMUTABLE_WITH_EXCLUSION with a wildcard or no exclusion filter; except named tags only, or set IMMUTABLE.",
        ],
      );
    });

    it("log-retention-set", async () => {
      assert.deepEqual(
        await findings("dev", [
          ["aws:cloudwatch/logGroup:LogGroup", "forever", {}],
          ["aws:cloudwatch/logGroup:LogGroup", "kept", { retentionInDays: 30 }],
        ]),
        [
          "log-retention-set forever: retentionInDays is not set; set a number of days CloudWatch Logs accepts.",
        ],
      );
    });

    it("protect-stateful-in-prod-and-shared", async () => {
      const resources: Parameters<typeof synthetic>[1] = [
        ["aws:kms/key:Key", "key", {}],
        ["aws:kms/key:Key", "kept", {}, {}, true],
        [
          "aws:s3/bucket:Bucket",
          "scratch",
          { forceDestroy: true, serverSideEncryptionConfiguration: {} },
        ],
      ];
      const message =
        "protect-stateful-in-prod-and-shared key: aws:kms/key:Key key is stateful and not protected in a PROFILE stack; declare it with protect.";
      assert.deepEqual(await findings("prod", resources), [message.replace("PROFILE", "prod")]);
      assert.deepEqual(await findings("shared", resources), [message.replace("PROFILE", "shared")]);
      assert.deepEqual(await findings("staging", resources), []);
    });

    it("kubernetes-api-not-open-to-world-in-prod", async () => {
      const resources: Parameters<typeof synthetic>[1] = [
        ["eks:index:Cluster", "open", { encryptionConfigKeyArn: "k" }],
        [
          "eks:index:Cluster",
          "listed",
          { encryptionConfigKeyArn: "k", publicAccessCidrs: ["203.0.113.0/24"] },
        ],
        [
          "eks:index:Cluster",
          "private",
          { encryptionConfigKeyArn: "k", endpointPublicAccess: false },
        ],
      ];
      assert.deepEqual(await findings("prod", resources), [
        "kubernetes-api-not-open-to-world-in-prod open: open: public endpoint with no publicAccessCidrs (EKS then allows 0.0.0.0/0). Set endpointPublicAccess: false or publicAccessCidrs, or allow it explicitly (policy config allowOpenToWorld: true).",
      ]);
      assert.deepEqual(await findings("dev", resources), []);
    });

    it("https-on-public-load-balancers-in-prod", async () => {
      const resources: Parameters<typeof synthetic>[1] = [
        ["aws:lb/loadBalancer:LoadBalancer", "web", { internal: false }],
        [
          "aws:lb/listener:Listener",
          "http",
          { protocol: "HTTP", defaultActions: [{ type: "forward" }] },
          { loadBalancerArn: "web" },
        ],
        ["aws:lb/loadBalancer:LoadBalancer", "inside", { internal: true }],
        [
          "kubernetes:networking.k8s.io/v1:Ingress",
          "app",
          {
            metadata: { annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } },
            spec: {},
          },
        ],
      ];
      assert.deepEqual(await findings("prod", resources), [
        "https-on-public-load-balancers-in-prod web: web: no HTTPS listener.",
        "https-on-public-load-balancers-in-prod web: web: HTTP listener http does not redirect to HTTPS.",
        "https-on-public-load-balancers-in-prod app: app: no certificate (alb.ingress.kubernetes.io/certificate-arn or spec.tls).",
        "https-on-public-load-balancers-in-prod app: app: HTTP is not redirected (alb.ingress.kubernetes.io/ssl-redirect).",
      ]);
      assert.deepEqual(await findings("staging", resources), []);
    });
  });
});
