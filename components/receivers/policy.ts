/**
 * The relay's permissions, as a pure document: read its one token parameter (a SecureString under
 * the AWS managed key `aws/ssm`, whose key policy lets principals of the account decrypt through
 * Parameter Store: no KMS statement, as for the connector's keys), write its log group, and the
 * network interface calls of a function in a VPC, the actions of AWS's
 * `AWSLambdaVPCAccessExecutionRole` on `*`, as Lambda documents them
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html, "Required IAM
 * permissions"): Lambda checks them when the function is created, and a condition it does not
 * expect would fail that check. Other environments' subnets and security groups stay out of reach
 * through the environment's permissions boundary (it denies resources tagged with another stack).
 */
import type { PolicyDocument } from "../aws";

export interface RelayTargets {
  readonly region: string;
  readonly accountId: string;
  /** `/<prefix>/flux-receivers/token` */
  readonly tokenParameter: string;
  readonly logGroupArn: string;
}

export const RELAY_ENI_ACTIONS = [
  "ec2:CreateNetworkInterface",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSubnets",
  "ec2:DeleteNetworkInterface",
  "ec2:AssignPrivateIpAddresses",
  "ec2:UnassignPrivateIpAddresses",
] as const;

export function relayPolicy(t: RelayTargets): PolicyDocument {
  if (!t.tokenParameter.startsWith("/")) {
    throw new Error(`relayPolicy: the parameter name must start with '/': ${t.tokenParameter}`);
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReceiverToken",
        Effect: "Allow",
        Action: ["ssm:GetParameter"],
        Resource: `arn:aws:ssm:${t.region}:${t.accountId}:parameter${t.tokenParameter}`,
      },
      {
        Sid: "OwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${t.logGroupArn}:*`,
      },
      { Sid: "VpcInterfaces", Effect: "Allow", Action: [...RELAY_ENI_ACTIONS], Resource: "*" },
    ],
  };
}
