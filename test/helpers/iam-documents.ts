/** The IAM policy documents a recorded run writes, with where each comes from. */
import type { PolicyDocument } from "../../components/aws";
import type { StackRun } from "../../harness/run";

/** Resource types and the inputs that hold a policy document (JSON strings). */
export const POLICY_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "aws:iam/policy:Policy": ["policy"],
  "aws:iam/rolePolicy:RolePolicy": ["policy"],
  "aws:iam/userPolicy:UserPolicy": ["policy"],
  "aws:iam/role:Role": ["assumeRolePolicy"],
  "aws:s3/bucketPolicy:BucketPolicy": ["policy"],
  "aws:ecr/repositoryPolicy:RepositoryPolicy": ["policy"],
  "aws:kms/key:Key": ["policy"],
  "aws:sqs/queuePolicy:QueuePolicy": ["policy"],
};

export interface WrittenDocument {
  readonly where: string;
  readonly document: PolicyDocument;
}

/** Every document of `run` (`<stack> <type> <name>.<input>`). */
export function policyDocuments(run: StackRun): WrittenDocument[] {
  return run.resources.flatMap((r) =>
    (POLICY_INPUTS[r.type] ?? [])
      .filter((k) => typeof r.inputs[k] === "string")
      .map((k) => ({
        where: `${run.stack} ${r.type.split(":").pop()} ${r.name}.${k}`,
        document: JSON.parse(r.inputs[k] as string) as PolicyDocument,
      })),
  );
}
