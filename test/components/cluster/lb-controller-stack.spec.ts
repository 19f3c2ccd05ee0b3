import * as assert from "node:assert/strict";
import type { PolicyDocument } from "../../../components/aws";
import { named, ofType } from "../../helpers/resources";
import { FIXTURE_ENVIRONMENTS, fixtureRun } from "../../helpers/stacks";

describe("components/cluster: the AWS Load Balancer Controller's policy in the environment stacks", () => {
  for (const env of FIXTURE_ENVIRONMENTS) {
    it(`confines ${env}'s controller to the cluster and the ALB cluster-info names`, async () => {
      const run = await fixtureRun(env);
      const info = ofType(run, "kubernetes:core/v1:ConfigMap").find(
        (c) => c.inputs.metadata?.name === "cluster-info",
      );
      const data = info?.inputs.data as Record<string, string>;
      const policy = named(run, "aws:iam/rolePolicy:RolePolicy", `gitops-${env}-lb-controller`);
      const doc = JSON.parse(policy.inputs.policy as string) as PolicyDocument;
      const rules = doc.Statement.find((s) => s.Sid === "RulePrioritiesOfOurAlb");
      assert.equal(
        rules?.Resource,
        `arn:aws:elasticloadbalancing:*:*:listener-rule/app/${data.APPS_LOAD_BALANCER_NAME}/*/*/*`,
      );
      const owned = doc.Statement.find((s) => s.Sid === "ManageOwnedLoadBalancer");
      assert.deepEqual(owned?.Condition, {
        StringEquals: { "aws:ResourceTag/elbv2.k8s.aws/cluster": data.CLUSTER_NAME },
      });
    });
  }
});
