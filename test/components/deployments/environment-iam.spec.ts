/**
 * Allow/deny tables of every environment's Pulumi Deployments role (its identity policies under
 * its boundary) and of the roles it creates (the boundary under an allow-all policy, the worst a
 * deployment could write), on the documents the program writes, evaluated with conditions.
 */
import * as assert from "node:assert/strict";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { oidcSubject } from "../../../components/deployments/policy";
import { tableFailures, trusts, type TableRow } from "../../helpers/iam";
import { resourceRows } from "./iam-rows";
import { iamRows } from "./iam-escalation-rows";
import { workloadRows } from "./iam-workload-rows";
import { servicesRows } from "./iam-services-rows";
import { connectorRows, promotionRows } from "./iam-promotion-rows";
import { deploymentsIam, type DeploymentsIam, type StackIam } from "../../helpers/deployments-iam";

const A = MOCK_ACCOUNT;

/** What the Deployments role of `env` may and may not do (`other`: another environment). */
function deploymentRows(
  env: string,
  other: string,
  delivery: string,
  boundaryArn: string,
  otherBoundary: string,
): TableRow[] {
  return [
    ...resourceRows(env, other),
    ...iamRows(env, other, delivery, boundaryArn, otherBoundary),
    ...servicesRows(env, other),
    ...connectorRows(delivery),
  ];
}

const ALLOW_ALL = {
  Version: "2012-10-17" as const,
  Statement: [{ Effect: "Allow" as const, Action: "*", Resource: "*" }],
};

describe("components/deployments: environment IAM tables", () => {
  let iam: DeploymentsIam;
  before(async () => (iam = await deploymentsIam()));

  const others = (e: StackIam) => iam.environments.filter((x) => x.stack !== e.stack);

  it("covers every environment stack the shared stack deploys", () => {
    assert.ok(iam.environments.length >= 2, "needs two environments to test confinement");
    assert.deepEqual(
      iam.environments.map((e) => e.boundaryArn),
      iam.environments.map(
        (e) => `arn:aws:iam::${A}:policy/pulumi-deployments/gitops-shared-boundary-${e.stack}`,
      ),
    );
  });

  it("each Deployments role: own environment allowed; other environments and every escalation denied", () => {
    const failures = iam.environments.flatMap((e) =>
      others(e).flatMap((o) =>
        tableFailures(
          deploymentRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!, o.boundaryArn!),
          e.identity,
          e.boundary,
        ).map((f) => `${e.stack} (other: ${o.stack}): ${f}`),
      ),
    );
    assert.deepEqual(failures, []);
  });

  it("each role an environment creates: the boundary holds whatever policy the role gets", () => {
    const failures = iam.environments.flatMap((e) =>
      others(e).flatMap((o) =>
        tableFailures(
          [
            ...workloadRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!),
            ...promotionRows(iam.delivery.stack),
          ],
          [ALLOW_ALL],
          e.boundary,
        ).map((f) => `${e.stack}: ${f}`),
      ),
    );
    assert.deepEqual(failures, []);
  });

  it("the tables can fail: under allow-all with no boundary (the old PowerUser + iam:*), every deny row is allowed", () => {
    const [e, o] = iam.environments;
    const rows = [
      ...deploymentRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!, o.boundaryArn!),
      ...workloadRows(e.stack, o.stack, iam.delivery.stack, e.boundaryArn!),
      ...promotionRows(iam.delivery.stack),
    ];
    const denies = rows.filter((r) => r.expect === "deny");
    assert.equal(tableFailures(denies, [ALLOW_ALL]).length, denies.length);
  });

  it("no role trusts a preview; each trusts only its own stack's other operations", () => {
    const principal = {
      type: "Federated" as const,
      id: "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc",
    };
    const token = (stack: string, op: "preview" | "update") => ({
      action: "sts:AssumeRoleWithWebIdentity",
      resource: "*",
      context: {
        "api.pulumi.com/oidc:aud": "example-org",
        "api.pulumi.com/oidc:sub": oidcSubject(
          { organization: "example-org", project: "gitops-platform", stack },
          op,
        ),
      },
    });
    for (const s of [iam.delivery, ...iam.environments]) {
      assert.equal(
        trusts(s.trust, principal, token(s.stack, "preview")),
        false,
        `${s.stack}: preview`,
      );
      assert.equal(
        trusts(s.trust, principal, token(s.stack, "update")),
        true,
        `${s.stack}: update`,
      );
      for (const o of [iam.delivery, ...iam.environments].filter((x) => x.stack !== s.stack)) {
        assert.equal(
          trusts(s.trust, principal, token(o.stack, "update")),
          false,
          `${s.stack} <- ${o.stack}`,
        );
      }
    }
  });
});
