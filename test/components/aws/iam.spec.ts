import * as assert from "node:assert/strict";
import { serviceTrustPolicy } from "../../../components/aws/iam";

describe("components/iam", () => {
  it("trusts one service on behalf of one account, keys in the order the roles always had", () => {
    // The exact JSON the roles' assumeRolePolicy carried before this helper: no diff on update.
    assert.equal(
      JSON.stringify(serviceTrustPolicy("codebuild.amazonaws.com", "123456789012")),
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}',
    );
  });

  it("narrows to the caller's resources with aws:SourceArn where the service sets it", () => {
    const arn = "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*";
    assert.equal(
      JSON.stringify(serviceTrustPolicy("vpc-flow-logs.amazonaws.com", "123456789012", arn)),
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},"ArnLike":{"aws:SourceArn":"${arn}"}}}]}`,
    );
  });
});
