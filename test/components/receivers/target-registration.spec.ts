/**
 * The webhook pods reach the relay's target group: the cluster's load balancer controller
 * registers them (TargetGroupBinding) only in target groups tagged with its cluster
 * (components/cluster/lb-controller-policy.ts), so the target group carries that tag; another
 * cluster's controller may not register into it.
 */
import * as assert from "node:assert/strict";
import { lbControllerPolicy } from "../../../components/cluster/lb-controller-policy";
import { appsLoadBalancerName } from "../../../components/flux/readiness";
import { relayNames } from "../../../components/receivers";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { stackSettings } from "../../../harness/settings";
import { evaluate } from "../../helpers/iam";
import { named } from "../../helpers/resources";
import { FIXTURE_ENVIRONMENTS, FIXTURE_STACKS, fixtureRun } from "../../helpers/stacks";

describe("components/receivers: the load balancer controller registers the webhook pods", () => {
  for (const env of FIXTURE_ENVIRONMENTS) {
    it(`${env}: its own controller may register targets, another cluster's may not`, async () => {
      const settings = stackSettings(env, FIXTURE_STACKS);
      assert.equal(settings.plane, "runtime");
      if (settings.plane !== "runtime") return;
      const run = await fixtureRun(env);
      const names = relayNames(settings.namePrefix);
      const tg = named(
        run,
        "aws:lb/targetGroup:TargetGroup",
        `${settings.namePrefix}-receivers-targets`,
      );
      const tags = tg.inputs.tags as Record<string, string>;
      assert.equal(tags["elbv2.k8s.aws/cluster"], settings.cluster.name);
      const request = {
        action: "elasticloadbalancing:RegisterTargets",
        resource: `arn:aws:elasticloadbalancing:${settings.region}:${MOCK_ACCOUNT}:targetgroup/${names.targetGroup}/0123456789abcdef`,
        context: Object.fromEntries(
          Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]),
        ),
      };
      const policy = (clusterName: string) =>
        lbControllerPolicy({
          clusterName,
          appsLoadBalancerName: appsLoadBalancerName(settings.namePrefix),
        });
      assert.equal(evaluate(request, [policy(settings.cluster.name)]), "allow");
      assert.equal(evaluate(request, [policy(`${settings.cluster.name}-other`)]), "implicit-deny");
    });
  }
});
