/** Calls of the deployment-feedback connector's types: Lambda function, URL, permissions, table. */
import { created, passRole } from "./delivery";
import { arns, on, physicalName, type CallsOf } from "./types";

export const SERVERLESS_CALLS: Readonly<Record<string, CallsOf>> = {
  "aws:lambda/function:Function": (t, s) => {
    const arn = arns(s).regional("lambda", `function:${physicalName(t)}`);
    return [
      // Tags on create need lambda:TagResource (Lambda API, CreateFunction).
      ...created(t, arn, "lambda:CreateFunction", "lambda:TagResource"),
      ...passRole(t.inputs.role, "lambda.amazonaws.com", "create"),
      ...passRole(t.inputs.role, "lambda.amazonaws.com", "update"),
      ...on(arn, t.tags, [
        [
          "read",
          "lambda:GetFunction",
          "lambda:GetFunctionConfiguration",
          "lambda:GetFunctionCodeSigningConfig",
          "lambda:ListVersionsByFunction",
          "lambda:ListTags",
        ],
        ["update", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"],
        ["tag", "lambda:TagResource", "lambda:UntagResource"],
        ["delete", "lambda:DeleteFunction"],
      ]),
      ...(t.inputs.reservedConcurrentExecutions === undefined
        ? []
        : on(arn, t.tags, [
            ["create", "lambda:PutFunctionConcurrency"],
            ["delete", "lambda:DeleteFunctionConcurrency"],
          ])),
    ];
  },
  "aws:lambda/functionUrl:FunctionUrl": (t, s) => {
    const fn = s.targets.find(
      (f) => f.type === "aws:lambda/function:Function" && physicalName(f) === t.inputs.functionName,
    );
    const arn = arns(s).regional("lambda", `function:${String(t.inputs.functionName)}`);
    return on(arn, fn?.tags, [
      ["create", "lambda:CreateFunctionUrlConfig"],
      ["read", "lambda:GetFunctionUrlConfig"],
      ["update", "lambda:UpdateFunctionUrlConfig"],
      ["delete", "lambda:DeleteFunctionUrlConfig"],
    ]);
  },
  "aws:lambda/permission:Permission": (t, s) => {
    const fn = s.targets.find(
      (f) => f.type === "aws:lambda/function:Function" && physicalName(f) === t.inputs.function,
    );
    const arn = arns(s).regional("lambda", `function:${String(t.inputs.function)}`);
    return on(arn, fn?.tags, [
      ["create", "lambda:AddPermission"],
      ["read", "lambda:GetPolicy"],
      ["delete", "lambda:RemovePermission"],
    ]);
  },
  "aws:dynamodb/table:Table": (t, s) => {
    const arn = arns(s).regional("dynamodb", `table/${physicalName(t)}`);
    return [
      // Tags on create need dynamodb:TagResource (DynamoDB API, CreateTable).
      ...created(t, arn, "dynamodb:CreateTable", "dynamodb:TagResource"),
      ...on(arn, t.tags, [
        ["create", "dynamodb:UpdateContinuousBackups", "dynamodb:DescribeTable"],
        [
          "read",
          "dynamodb:DescribeTable",
          "dynamodb:DescribeContinuousBackups",
          "dynamodb:DescribeTimeToLive",
          "dynamodb:ListTagsOfResource",
        ],
        [
          "update",
          "dynamodb:UpdateTable",
          "dynamodb:UpdateContinuousBackups",
          "dynamodb:UpdateTimeToLive",
        ],
        ["tag", "dynamodb:TagResource", "dynamodb:UntagResource"],
        ["delete", "dynamodb:DeleteTable"],
      ]),
    ];
  },
};
