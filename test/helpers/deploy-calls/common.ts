/**
 * Calls of the resource types both planes declare: IAM identities and policies, CloudWatch log
 * groups, EventBridge rules and targets.
 */
import { created, passRole } from "./delivery";
import {
  arns,
  byName,
  on,
  physicalName,
  type Call,
  type CallsOf,
  type Scope,
  type Target,
} from "./types";

function roleArn(s: Scope, t: Target): string {
  return arns(s).global("iam", `role${t.inputs.path ?? "/"}${physicalName(t)}`);
}

/** The role a RolePolicy, attachment or instance profile names (a recorded role, by name). */
function roleByName(s: Scope, name: unknown): Target {
  return byName(s.targets, "aws:iam/role:Role", name);
}

function userArn(s: Scope, name: string, path = "/"): string {
  return arns(s).global("iam", `user${path}${name}`);
}

function userByName(s: Scope, name: unknown): Target {
  return byName(s.targets, "aws:iam/user:User", name);
}

const OF_ROLE = (actions: Record<"create" | "read" | "delete", string[]>): CallsOf => {
  return (t, s) => {
    const role = roleByName(s, t.inputs.role);
    return on(roleArn(s, role), role.tags, [
      ["create", ...actions.create],
      ["read", ...actions.read],
      ["update", ...actions.create],
      ["delete", ...actions.delete],
    ]);
  };
};

function logGroupArn(s: Scope, name: string): string {
  return arns(s).regional("logs", `log-group:${name}`);
}

export const COMMON_CALLS: Readonly<Record<string, CallsOf>> = {
  // Assumption (unverified): IAM authorizes the tags of CreateRole/CreatePolicy/CreateUser/
  // CreateInstanceProfile/CreateOpenIDConnectProvider as aws:RequestTag of the create, with no
  // separate iam:Tag* call. If it does make one, the environment roles' boundary refuses it
  // (iam:Tag* needs the resource's own stack tag); see the README's tag-on-create note.
  "aws:iam/role:Role": (t, s) => {
    const arn = roleArn(s, t);
    const boundary = t.inputs.permissionsBoundary;
    const withBoundary: Record<string, string> =
      typeof boundary === "string" ? { "iam:PermissionsBoundary": boundary } : {};
    return [
      {
        phase: "create",
        action: "iam:CreateRole",
        resource: arn,
        requestTags: t.tags,
        context: withBoundary,
      },
      ...on(arn, t.tags, [
        ["read", "iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
        ["update", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy"],
        ["tag", "iam:TagRole", "iam:UntagRole"],
        ["delete", "iam:ListInstanceProfilesForRole", "iam:DeleteRole"],
      ]),
      ...(typeof boundary === "string"
        ? [
            {
              phase: "update" as const,
              action: "iam:PutRolePermissionsBoundary",
              resource: arn,
              resourceTags: t.tags,
              context: withBoundary,
            },
          ]
        : []),
    ];
  },
  "aws:iam/rolePolicy:RolePolicy": OF_ROLE({
    create: ["iam:PutRolePolicy"],
    read: ["iam:GetRolePolicy"],
    delete: ["iam:DeleteRolePolicy"],
  }),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (t, s) => {
    const role = roleByName(s, t.inputs.role);
    const policy = { "iam:PolicyARN": String(t.inputs.policyArn) };
    return (["create", "update"] as const)
      .map((phase): Call => ({
        phase,
        action: "iam:AttachRolePolicy",
        resource: roleArn(s, role),
        resourceTags: role.tags,
        context: policy,
      }))
      .concat(on(roleArn(s, role), role.tags, [["read", "iam:ListAttachedRolePolicies"]]), [
        {
          phase: "delete",
          action: "iam:DetachRolePolicy",
          resource: roleArn(s, role),
          resourceTags: role.tags,
          context: policy,
        },
      ]);
  },
  "aws:iam/policy:Policy": (t, s) => {
    const arn = arns(s).global("iam", `policy${t.inputs.path ?? "/"}${physicalName(t)}`);
    return [
      ...created(t, arn, "iam:CreatePolicy"),
      ...on(arn, t.tags, [
        ["read", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"],
        ["update", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion"],
        ["tag", "iam:TagPolicy", "iam:UntagPolicy"],
        ["delete", "iam:DeletePolicy"],
      ]),
    ];
  },
  "aws:iam/user:User": (t, s) => {
    const arn = userArn(s, physicalName(t), t.inputs.path);
    return [
      ...created(t, arn, "iam:CreateUser"),
      ...on(arn, t.tags, [
        ["read", "iam:GetUser"],
        ["tag", "iam:TagUser", "iam:UntagUser"],
        ["delete", "iam:ListGroupsForUser", "iam:DeleteUser"],
      ]),
    ];
  },
  "aws:iam/userPolicy:UserPolicy": (t, s) => {
    const user = userByName(s, t.inputs.user);
    return on(userArn(s, physicalName(user), user.inputs.path), user.tags, [
      ["create", "iam:PutUserPolicy"],
      ["read", "iam:GetUserPolicy"],
      ["update", "iam:PutUserPolicy"],
      ["delete", "iam:DeleteUserPolicy"],
    ]);
  },
  "aws:iam/serviceSpecificCredential:ServiceSpecificCredential": (t, s) => {
    const user = userByName(s, t.inputs.userName);
    return on(userArn(s, physicalName(user), user.inputs.path), user.tags, [
      ["create", "iam:CreateServiceSpecificCredential"],
      ["read", "iam:ListServiceSpecificCredentials"],
      ["delete", "iam:DeleteServiceSpecificCredential"],
    ]);
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (t, s) => {
    const host = String(t.inputs.url).replace(/^https:\/\//, "");
    const arn = arns(s).global("iam", `oidc-provider/${host}`);
    return [
      ...created(t, arn, "iam:CreateOpenIDConnectProvider"),
      ...on(arn, t.tags, [
        ["read", "iam:GetOpenIDConnectProvider"],
        [
          "update",
          "iam:AddClientIDToOpenIDConnectProvider",
          "iam:RemoveClientIDFromOpenIDConnectProvider",
          "iam:UpdateOpenIDConnectProviderThumbprint",
        ],
        ["tag", "iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider"],
        ["delete", "iam:DeleteOpenIDConnectProvider"],
      ]),
    ];
  },
  "aws:iam/instanceProfile:InstanceProfile": (t, s) => {
    const arn = arns(s).global("iam", `instance-profile${t.inputs.path ?? "/"}${physicalName(t)}`);
    const role = roleByName(s, t.inputs.role);
    return [
      ...created(t, arn, "iam:CreateInstanceProfile"),
      ...on(arn, t.tags, [
        ["create", "iam:AddRoleToInstanceProfile"],
        ["read", "iam:GetInstanceProfile"],
        ["tag", "iam:TagInstanceProfile", "iam:UntagInstanceProfile"],
        ["delete", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
      ]),
      // AddRoleToInstanceProfile: "the caller must be granted the PassRole permission on the role".
      ...passRole(roleArn(s, role), "ec2.amazonaws.com", "create").map((c) => ({
        ...c,
        resourceTags: role.tags,
      })),
    ];
  },
  "aws:cloudwatch/logGroup:LogGroup": (t, s) => {
    const arn = logGroupArn(s, physicalName(t));
    return [
      // Tags on create need logs:TagResource too (CloudWatch Logs API, CreateLogGroup).
      ...created(t, arn, "logs:CreateLogGroup", "logs:TagResource"),
      ...on(arn, t.tags, [
        ["create", "logs:PutRetentionPolicy"],
        ["read", "logs:DescribeLogGroups", "logs:ListTagsForResource"],
        ["update", "logs:PutRetentionPolicy"],
        ["tag", "logs:TagResource", "logs:UntagResource"],
        ["delete", "logs:DeleteLogGroup"],
      ]),
    ];
  },
  "aws:cloudwatch/eventRule:EventRule": (t, s) => {
    const arn = arns(s).regional("events", `rule/${physicalName(t)}`);
    return [
      ...created(t, arn, "events:PutRule"),
      ...on(arn, t.tags, [
        ["read", "events:DescribeRule", "events:ListTagsForResource"],
        ["update", "events:PutRule"],
        ["tag", "events:TagResource", "events:UntagResource"],
        ["delete", "events:DeleteRule"],
      ]),
    ];
  },
  "aws:cloudwatch/eventTarget:EventTarget": (t, s) => {
    const rule = s.targets.find(
      (r) => r.type === "aws:cloudwatch/eventRule:EventRule" && r.name === t.name,
    );
    const ruleName = rule ? physicalName(rule) : String(t.inputs.rule);
    const arn = arns(s).regional("events", `rule/${ruleName}`);
    return [
      ...on(arn, rule?.tags ?? t.tags, [
        ["create", "events:PutTargets"],
        ["read", "events:ListTargetsByRule"],
        ["update", "events:PutTargets"],
        ["delete", "events:RemoveTargets"],
      ]),
      ...passRole(t.inputs.roleArn, "events.amazonaws.com", "create"),
    ];
  },
};
