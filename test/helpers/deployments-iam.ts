/**
 * The Pulumi Deployments IAM of the fixture shared stack with Deployments on (CodeCommit host, so
 * that the Git user exists too), as the program writes it: per stack, the trust policy, the
 * identity policies and the boundary, parsed from the recorded inputs. One run per process.
 */
import type { PolicyDocument } from "../../components/aws";
import type { StackRun } from "../../harness/run";
import { ofType } from "./resources";
import { runFixture } from "./stacks";

export const DEPLOYMENTS_CONFIG = {
  deployments: { enabled: true, gitHost: "codecommit", repository: "platform-infra" },
};

export interface StackIam {
  readonly stack: string;
  readonly roleArn: string;
  readonly trust: PolicyDocument;
  /** Inline and attached (customer managed) policies. */
  readonly identity: readonly PolicyDocument[];
  readonly boundary: PolicyDocument | undefined;
  readonly boundaryArn: string | undefined;
}

export interface DeploymentsIam {
  readonly run: StackRun;
  readonly delivery: StackIam;
  readonly environments: readonly StackIam[];
}

function parse(run: StackRun): DeploymentsIam {
  const roles = ofType(run, "aws:iam/role:Role").filter(
    (r) => r.inputs.path === "/pulumi-deployments/",
  );
  const policies = ofType(run, "aws:iam/policy:Policy");
  const byArn = (arn: string | undefined) =>
    policies.find(
      (p) => arn === `arn:aws:iam::123456789012:policy${p.inputs.path}${p.inputs.name}`,
    );
  const stacks = ofType(run, "pulumiservice:index:DeploymentSettings").map(
    (s) => s.inputs.stack as string,
  );
  const iam = stacks.map((stack): StackIam => {
    const role = roles.find((r) => r.inputs.name === `gitops-shared-deploy-${stack}`);
    if (!role) throw new Error(`no Deployments role for ${stack}`);
    const inline = ofType(run, "aws:iam/rolePolicy:RolePolicy").filter(
      (p) => p.inputs.role === role.inputs.name,
    );
    const attached = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((a) => a.inputs.role === role.inputs.name)
      .map((a) => byArn(a.inputs.policyArn as string));
    const boundary = byArn(role.inputs.permissionsBoundary as string | undefined);
    return {
      stack,
      roleArn: `arn:aws:iam::123456789012:role/pulumi-deployments/${role.inputs.name}`,
      trust: JSON.parse(role.inputs.assumeRolePolicy as string),
      identity: [...inline, ...attached].map((p) => {
        if (!p) throw new Error(`${stack}: a policy attached to its role is not declared here`);
        return JSON.parse(p.inputs.policy as string) as PolicyDocument;
      }),
      boundary: boundary && JSON.parse(boundary.inputs.policy as string),
      boundaryArn: role.inputs.permissionsBoundary as string | undefined,
    };
  });
  const delivery = iam.filter((s) => s.boundary === undefined);
  if (delivery.length !== 1) throw new Error("expected exactly one unbounded (delivery) role");
  return { run, delivery: delivery[0], environments: iam.filter((s) => s.boundary !== undefined) };
}

let cached: Promise<DeploymentsIam> | undefined;

export function deploymentsIam(): Promise<DeploymentsIam> {
  cached ??= runFixture("shared", {
    config: DEPLOYMENTS_CONFIG,
    secrets: { deploymentsApiToken: "pul-test" },
  }).then(parse);
  return cached;
}
