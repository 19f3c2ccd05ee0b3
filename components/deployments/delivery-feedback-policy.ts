/**
 * What the delivery stack's Deployments role needs for the deployment-feedback connector
 * (components/feedback): its Lambda function with a public function URL, the DynamoDB ledger, the
 * function's log group, and passing the function's role to Lambda. By exact name
 * (components/feedback/names.ts).
 */
import { allow, type PolicyStatement } from "../aws";
import { feedbackNames } from "../feedback";
import { promotionNames } from "../promotion";

export const LAMBDA_ACTIONS = [
  "lambda:CreateFunction",
  "lambda:GetFunction",
  "lambda:GetFunctionConfiguration",
  "lambda:GetFunctionCodeSigningConfig",
  "lambda:ListVersionsByFunction",
  "lambda:UpdateFunctionCode",
  "lambda:UpdateFunctionConfiguration",
  "lambda:DeleteFunction",
  "lambda:TagResource",
  "lambda:UntagResource",
  "lambda:ListTags",
  "lambda:CreateFunctionUrlConfig",
  "lambda:GetFunctionUrlConfig",
  "lambda:UpdateFunctionUrlConfig",
  "lambda:DeleteFunctionUrlConfig",
  "lambda:AddPermission",
  "lambda:RemovePermission",
  "lambda:GetPolicy",
] as const;

export const DYNAMODB_ACTIONS = [
  "dynamodb:CreateTable",
  "dynamodb:DescribeTable",
  "dynamodb:UpdateTable",
  "dynamodb:DeleteTable",
  "dynamodb:DescribeContinuousBackups",
  "dynamodb:UpdateContinuousBackups",
  "dynamodb:DescribeTimeToLive",
  "dynamodb:UpdateTimeToLive",
  "dynamodb:TagResource",
  "dynamodb:UntagResource",
  "dynamodb:ListTagsOfResource",
] as const;

export const FEEDBACK_LOGS_ACTIONS = [
  "logs:CreateLogGroup",
  "logs:PutRetentionPolicy",
  "logs:DeleteRetentionPolicy",
  "logs:DeleteLogGroup",
  "logs:TagResource",
  "logs:UntagResource",
  "logs:ListTagsForResource",
] as const;

export function feedbackStatements(scope: {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  readonly namePrefix: string;
}): PolicyStatement[] {
  const { partition: p, accountId: a, region: r } = scope;
  const names = feedbackNames(scope.namePrefix);
  // The promotion's function, log group and role (components/promotion) share these statements:
  // the delivery role's inline policy is limited to 10,240 characters.
  const promotion = promotionNames(scope.namePrefix);
  return [
    allow("DeliveryFunctions", LAMBDA_ACTIONS, [
      `arn:${p}:lambda:${r}:${a}:function:${names.function}`,
      `arn:${p}:lambda:${r}:${a}:function:${promotion.function}`,
    ]),
    allow("FeedbackLedger", DYNAMODB_ACTIONS, `arn:${p}:dynamodb:${r}:${a}:table/${names.table}`),
    allow("DeliveryFunctionLogs", FEEDBACK_LOGS_ACTIONS, [
      `arn:${p}:logs:${r}:${a}:log-group:${names.logGroup}`,
      `arn:${p}:logs:${r}:${a}:log-group:${promotion.logGroup}`,
    ]),
    {
      Sid: "PassDeliveryFunctionRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: [
        `arn:${p}:iam::${a}:role/${names.role}`,
        `arn:${p}:iam::${a}:role/${promotion.role}`,
      ],
      Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
    },
  ];
}
