/**
 * The relay's permissions, as a pure document: read its one token parameter (a SecureString under
 * the AWS managed key `aws/ssm`, whose key policy lets principals of the account decrypt through
 * Parameter Store: no KMS statement, as for the connector's keys), write its log group, and the
 * network interface calls of a function in a VPC, the actions of AWS's
 * `AWSLambdaVPCAccessExecutionRole` (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html,
 * "Required IAM permissions"). Those EC2 calls take no resource-level ARNs that Lambda could know
 * in advance (`ec2:CreateNetworkInterface` is also authorized on the subnet and security group),
 * so `ec2:Vpc` bounds the creation to this environment's VPC and the others stay `*`.
 */
import type { PolicyDocument } from "../aws";

export interface RelayTargets {
  readonly region: string;
  readonly accountId: string;
  /** `/<prefix>/flux-receivers/token` */
  readonly tokenParameter: string;
  readonly logGroupArn: string;
  /** `vpc-...` of the environment. */
  readonly vpcId: string;
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
  const vpcArn = `arn:aws:ec2:${t.region}:${t.accountId}:vpc/${t.vpcId}`;
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
      {
        Sid: "VpcInterfacesInOwnVpc",
        Effect: "Allow",
        Action: ["ec2:CreateNetworkInterface"],
        Resource: `arn:aws:ec2:${t.region}:${t.accountId}:network-interface/*`,
        Condition: { ArnEquals: { "ec2:Vpc": vpcArn } },
      },
      {
        Sid: "VpcInterfacesSubnetsAndGroups",
        Effect: "Allow",
        Action: ["ec2:CreateNetworkInterface"],
        Resource: [
          `arn:aws:ec2:${t.region}:${t.accountId}:subnet/*`,
          `arn:aws:ec2:${t.region}:${t.accountId}:security-group/*`,
        ],
        Condition: { ArnEquals: { "ec2:Vpc": vpcArn } },
      },
      {
        Sid: "VpcInterfaces",
        Effect: "Allow",
        Action: RELAY_ENI_ACTIONS.filter((a) => a !== "ec2:CreateNetworkInterface"),
        Resource: "*",
      },
    ],
  };
}
