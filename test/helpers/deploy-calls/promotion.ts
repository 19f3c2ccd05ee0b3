/**
 * Calls of the promotion's types (components/promotion): the SQS event source of its function and
 * the approval rule templates with their association. Approval rule template actions take no
 * resource (Service Authorization Reference: no resource types), so they are made on `*`.
 */
import { arns, on, physicalName, type CallsOf } from "./types";

export const PROMOTION_CALLS: Readonly<Record<string, CallsOf>> = {
  "aws:lambda/eventSourceMapping:EventSourceMapping": (t, s) => {
    const functionArn = String(t.inputs.functionName);
    const mapping = arns(s).regional(
      "lambda",
      "event-source-mapping:0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    );
    const context = { "lambda:FunctionArn": functionArn };
    const at = (
      phase: "create" | "read" | "update" | "tag" | "delete",
      resource: string,
      ...actions: string[]
    ) => actions.map((action) => ({ phase, action, resource, context }));
    return [
      ...at("create", "*", "lambda:CreateEventSourceMapping").map((c) => ({
        ...c,
        requestTags: t.tags,
      })),
      ...on(mapping, t.tags, [["create", "lambda:TagResource"]]),
      ...at("read", mapping, "lambda:GetEventSourceMapping"),
      ...on(mapping, t.tags, [["read", "lambda:ListTags"]]),
      ...at("update", mapping, "lambda:UpdateEventSourceMapping"),
      ...on(mapping, t.tags, [["tag", "lambda:TagResource", "lambda:UntagResource"]]),
      ...at("delete", mapping, "lambda:DeleteEventSourceMapping"),
    ];
  },
  "aws:codecommit/approvalRuleTemplate:ApprovalRuleTemplate": () =>
    on("*", undefined, [
      ["create", "codecommit:CreateApprovalRuleTemplate"],
      ["read", "codecommit:GetApprovalRuleTemplate"],
      [
        "update",
        "codecommit:UpdateApprovalRuleTemplateContent",
        "codecommit:UpdateApprovalRuleTemplateDescription",
        "codecommit:UpdateApprovalRuleTemplateName",
      ],
      ["delete", "codecommit:DeleteApprovalRuleTemplate"],
    ]),
  "aws:codecommit/approvalRuleTemplateAssociation:ApprovalRuleTemplateAssociation": (t, s) => {
    const repository = arns(s).regional("codecommit", physicalName(t, "repositoryName"));
    return [
      ...on(repository, undefined, [
        ["create", "codecommit:AssociateApprovalRuleTemplateWithRepository"],
        ["read", "codecommit:ListAssociatedApprovalRuleTemplatesForRepository"],
        ["delete", "codecommit:DisassociateApprovalRuleTemplateFromRepository"],
      ]),
      ...on("*", undefined, [["read", "codecommit:ListRepositoriesForApprovalRuleTemplate"]]),
    ];
  },
};
