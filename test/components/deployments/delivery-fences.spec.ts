/**
 * Allow/deny table of the delivery Deployments role's fences (delivery-fences.ts) on the policy
 * the program writes: it attaches only the environments' Deployments policies and sets only
 * their boundaries.
 */
import * as assert from "node:assert/strict";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { evaluate, tableFailures, type TableRow } from "../../helpers/iam";
import { deploymentsIam, type DeploymentsIam } from "../../helpers/deployments-iam";

const iamArn = (path: string) => `arn:aws:iam::${MOCK_ACCOUNT}:${path}`;
const deployments = (name: string) => iamArn(`policy/pulumi-deployments/gitops-shared-${name}`);

function rows(env: string): TableRow[] {
  const role = iamArn(`role/pulumi-deployments/gitops-shared-deploy-${env}`);
  const attach = (expect: TableRow["expect"], why: string, policyArn: string): TableRow => ({
    expect,
    why,
    action: "iam:AttachRolePolicy",
    resource: role,
    context: { "iam:PolicyARN": policyArn },
  });
  const boundary = (expect: TableRow["expect"], why: string, arn: string): TableRow => ({
    expect,
    why,
    action: "iam:PutRolePermissionsBoundary",
    resource: role,
    context: { "iam:PermissionsBoundary": arn },
  });
  return [
    attach("allow", "its network policy", deployments(`deploy-${env}-network`)),
    attach("allow", "its platform policy", deployments(`deploy-${env}-platform`)),
    attach("deny", "AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess"),
    attach("deny", "IAMFullAccess", "arn:aws:iam::aws:policy/IAMFullAccess"),
    attach("deny", "a boundary as a policy", deployments(`boundary-${env}`)),
    attach("deny", "a policy of another program", iamArn("policy/Admin")),
    boundary("allow", "its own boundary", deployments(`boundary-${env}`)),
    boundary(
      "deny",
      "a boundary that is no boundary",
      "arn:aws:iam::aws:policy/AdministratorAccess",
    ),
    boundary("deny", "an environment policy as boundary", deployments(`deploy-${env}-network`)),
    {
      expect: "allow",
      why: "a pipeline role (no boundary)",
      action: "iam:CreateRole",
      resource: iamArn("role/gitops-shared-front-end-build"),
    },
    {
      expect: "deny",
      why: "a role with an outside boundary",
      action: "iam:CreateRole",
      resource: iamArn("role/gitops-shared-x"),
      context: { "iam:PermissionsBoundary": iamArn("policy/Anything") },
    },
    {
      expect: "deny",
      why: "remove an environment's boundary",
      action: "iam:DeleteRolePermissionsBoundary",
      resource: role,
    },
  ];
}

describe("components/deployments: delivery role fences", () => {
  let iam: DeploymentsIam;
  before(async () => (iam = await deploymentsIam()));

  it("attaches only the environments' Deployments policies, sets only their boundaries", () => {
    const failures = iam.environments.flatMap((e) =>
      tableFailures(rows(e.stack), iam.delivery.identity),
    );
    assert.deepEqual(failures, []);
  });

  it("the table can fail: without the fences, AdministratorAccess attaches", () => {
    const unfenced = iam.delivery.identity.map((d) => ({
      ...d,
      Statement: d.Statement.filter((s) => s.Effect === "Allow"),
    }));
    const [e] = iam.environments;
    const denies = rows(e.stack).filter(
      (r) => r.expect === "deny" && r.action !== "iam:CreateRole",
    );
    assert.ok(denies.length >= 6);
    for (const r of denies) assert.equal(evaluate(r, unfenced), "allow", r.why);
  });
});
