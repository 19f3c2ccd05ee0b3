/**
 * The artifact buckets' policies (components/delivery/artifact-fence.ts) as the shared stack
 * writes them, evaluated with the identity policy of each principal: a role of an environment,
 * or an environment's Deployments role, is denied the source zips even with `s3:*` in its own
 * policy; the pipeline's roles and the shared deployer keep them; so does an administrator.
 */
import * as assert from "node:assert/strict";
import { STACK_TAG, type PolicyDocument } from "../../../components/aws";
import { pipelineNames } from "../../../components/delivery/pipeline-policies";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { evaluate, statementMatches, type Decision } from "../../helpers/iam";
import { deploymentsIam } from "../../helpers/deployments-iam";
import { ofType } from "../../helpers/resources";

const S3_ALL: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
};
const role = (path: string) => `arn:aws:iam::${MOCK_ACCOUNT}:role/${path}`;

interface Caller {
  readonly why: string;
  readonly arn: string;
  readonly stack?: string;
  readonly expect: "allow" | "deny";
}

/** Same account: allowed when the identity policy allows and the bucket policy denies nothing. */
function decide(
  bucketPolicy: PolicyDocument,
  c: Caller,
  action: string,
  object: string,
  tls = true,
): Decision {
  const request = {
    action,
    resource: object,
    context: {
      "aws:PrincipalArn": c.arn,
      "aws:SecureTransport": tls,
      ...(c.stack && { [`aws:PrincipalTag/${STACK_TAG}`]: c.stack }),
    },
  };
  const denied = bucketPolicy.Statement.some(
    (s) => s.Effect === "Deny" && statementMatches(s, request, { type: "AWS", id: c.arn }),
  );
  return denied ? "explicit-deny" : evaluate(request, [S3_ALL]);
}

describe("components/delivery: artifact bucket fence", () => {
  it("environments' roles and Deployments roles are denied the source zips; the pipeline keeps them", async () => {
    const { run, environments } = await deploymentsIam();
    const policies = ofType(run, "aws:s3/bucketPolicy:BucketPolicy");
    const services = ofType(run, "aws:codepipeline/pipeline:Pipeline").map((p) =>
      String(p.name).replace(/^pipeline-(.*)-pipeline$/, "$1"),
    );
    assert.ok(services.length > 0 && policies.length === services.length);
    const failures: string[] = [];
    for (const service of services) {
      const names = pipelineNames("gitops-shared", service);
      const bucket = policies.find((p) => p.name === `pipeline-${service}-artifacts`);
      assert.ok(bucket, service);
      const doc = JSON.parse(bucket.inputs.policy as string) as PolicyDocument;
      const arn = (doc.Statement[0].Resource as string[])[0];
      const callers: Caller[] = [
        { why: "its pipeline", arn: role(names.pipelineRole), stack: "shared", expect: "allow" },
        { why: "its build", arn: role(names.buildRole), stack: "shared", expect: "allow" },
        {
          why: "the shared deployer",
          arn: role("pulumi-deployments/gitops-shared-deploy-shared"),
          stack: "shared",
          expect: "allow",
        },
        { why: "an administrator", arn: role("Admin"), expect: "allow" },
        {
          why: "the connector (shared, no business here)",
          arn: role("gitops-shared-deployment-feedback"),
          stack: "shared",
          expect: "deny",
        },
        ...environments.flatMap((e): Caller[] => [
          {
            why: `a ${e.stack} role`,
            arn: role(`gitops-${e.stack}-x`),
            stack: e.stack,
            expect: "deny",
          },
          { why: `${e.stack}'s Deployments role`, arn: e.roleArn, stack: "shared", expect: "deny" },
          { why: `${e.stack}'s Deployments role, untagged`, arn: e.roleArn, expect: "deny" },
        ]),
      ];
      for (const c of callers) {
        for (const action of ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]) {
          const got = decide(doc, c, action, `${arn}/src.zip`);
          if ((got === "allow") !== (c.expect === "allow")) {
            failures.push(`${service}: ${c.why}: ${action} -> ${got}`);
          }
        }
      }
      assert.equal(
        decide(doc, callers[0], "s3:GetObject", `${arn}/src.zip`, false),
        "explicit-deny",
      );
      // The fence can fail: without it, an environment's role reads and writes the zip.
      const tlsOnly = { ...doc, Statement: doc.Statement.slice(0, 1) };
      assert.equal(decide(tlsOnly, callers[5], "s3:PutObject", `${arn}/src.zip`), "allow");
    }
    assert.deepEqual(failures, []);
  });
});
