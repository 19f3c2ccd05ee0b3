import * as assert from "node:assert/strict";
import {
  LB_CONTROLLER_POLICY,
  LB_CONTROLLER_SERVICE_ACCOUNT,
  lbControllerPolicyJson,
} from "../../../components/cluster/lb-controller-policy";

describe("components/lb-controller-policy: the AWS Load Balancer Controller permissions", () => {
  const doc = JSON.parse(lbControllerPolicyJson()) as typeof LB_CONTROLLER_POLICY;
  const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));

  it("is the upstream policy: 16 Allow statements, 86 actions, unique Sids, fits an inline policy", () => {
    assert.equal(doc.Version, "2012-10-17");
    assert.equal(doc.Statement.length, 16);
    assert.equal(new Set(doc.Statement.map((s) => s.Sid)).size, 16);
    assert.ok(doc.Statement.every((s) => s.Effect === "Allow"));
    assert.equal(doc.Statement.flatMap((s) => s.Action).length, 86);
    // IAM limit for inline role policies: 10,240 characters.
    assert.ok(lbControllerPolicyJson().length < 10240);
    const services = new Set(doc.Statement.flatMap((s) => s.Action.map((a) => a.split(":")[0])));
    assert.deepEqual([...services].sort(), [
      "acm",
      "cognito-idp",
      "ec2",
      "elasticloadbalancing",
      "iam",
      "shield",
      "waf-regional",
      "wafv2",
    ]);
  });

  it("creates load balancers and security groups only with the cluster tag", () => {
    assert.deepEqual(bySid.CreateTaggedLoadBalancer.Condition, {
      Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
    });
    assert.deepEqual(bySid.TagNewSecurityGroup.Condition, {
      StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" },
      Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
    });
    assert.deepEqual(bySid.TagOnCreate.Condition, {
      StringEquals: {
        "elasticloadbalancing:CreateAction": ["CreateTargetGroup", "CreateLoadBalancer"],
      },
      Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
    });
  });

  it("modifies and deletes only what carries the cluster tag, and cannot move that tag", () => {
    for (const sid of ["ManageOwnedSecurityGroup", "ManageOwnedLoadBalancer"]) {
      assert.deepEqual(bySid[sid].Condition, {
        Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" },
      });
    }
    for (const sid of ["RetagOwnedSecurityGroup", "RetagOwnedLoadBalancer"]) {
      assert.deepEqual(bySid[sid].Condition, {
        Null: {
          "aws:RequestTag/elbv2.k8s.aws/cluster": "true",
          "aws:ResourceTag/elbv2.k8s.aws/cluster": "false",
        },
      });
    }
    assert.ok(
      bySid.ManageOwnedLoadBalancer.Action.includes("elasticloadbalancing:DeleteLoadBalancer"),
    );
    assert.ok(bySid.ManageOwnedSecurityGroup.Action.includes("ec2:DeleteSecurityGroup"));
    assert.deepEqual(bySid.ElbServiceLinkedRole.Condition, {
      StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" },
    });
  });

  it("is for kube-system/aws-load-balancer-controller", () => {
    assert.deepEqual(LB_CONTROLLER_SERVICE_ACCOUNT, {
      namespace: "kube-system",
      name: "aws-load-balancer-controller",
    });
  });
});
