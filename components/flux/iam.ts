/**
 * IAM permission documents for the Flux controllers (IRSA roles) and for the CodeCommit HTTPS Git
 * user of the `https-credential` mode. Pure: ARNs in, policy documents out. Trust policies come
 * from components/aws/irsa.ts.
 *
 * CodeCommit has no resource-based policies, so these identity policies are the whole access
 * control (https://docs.aws.amazon.com/codecommit/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html).
 */
import { gitPushOnly, protectedRefsDeny, type PolicyDocument } from "../aws";
import { PROTECTED_REFS, type SharedOutputs } from "../delivery";
import { branchRef } from "../promotion";

/** What the policies need from the shared stack. */
export interface FluxIamTargets {
  /** ARN of the CodeCommit repository Flux syncs (`flux-repo`). */
  readonly fluxRepoArn: string;
  /** ARN of the CodeCommit repository image automation writes to (`microservices-repo`). */
  readonly microservicesRepoArn: string;
  /** ARNs of the shared ECR repositories the image-reflector-controller scans. */
  readonly ecrRepositoryArns: readonly string[];
  /**
   * The only branch of microservices-repo image automation may push: the first promotion
   * stage's (the shared stack's default branch), e.g. `main`.
   */
  readonly pushBranch: string;
}

/** Every Flux policy ends with these denies: no write to a later stage's branch, no approvals. */
const guard = () => protectedRefsDeny(PROTECTED_REFS, "Flux");

/** The targets of the policies in the shared stack's outputs. */
export function iamTargets(s: SharedOutputs): FluxIamTargets {
  return {
    fluxRepoArn: s.fluxRepo.arn,
    microservicesRepoArn: s.microservicesRepo.arn,
    ecrRepositoryArns: Object.values(s.ecrRepositories).map((r) => r.arn),
    pushBranch: s.promotion.stages[0]?.branch ?? s.defaultBranch,
  };
}

/**
 * ECR read actions Flux documents for image-reflector-controller ("For Amazon Elastic Container
 * Registry", fluxcd/website `content/en/flux/integrations/aws.md`), scoped here to the shared
 * repositories instead of `*`. `ecr:GetAuthorizationToken` is granted separately: it has no
 * resource-level permissions (https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html).
 */
export const ECR_READ_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:DescribeImageScanFindings",
  "ecr:DescribeImages",
  "ecr:DescribeRepositories",
  "ecr:GetDownloadUrlForLayer",
  "ecr:GetLifecyclePolicy",
  "ecr:GetLifecyclePolicyPreview",
  "ecr:GetRepositoryPolicy",
  "ecr:ListImages",
  "ecr:ListTagsForResource",
] as const;

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function requireArns(what: string, arns: readonly string[]): void {
  if (arns.length === 0 || arns.some((a) => !a.startsWith("arn:"))) {
    throw new Error(`${what}: expected one or more ARNs, got ${JSON.stringify(arns)}.`);
  }
}

/** source-controller: clone `flux-repo` and `microservices-repo` (GitRepository provider aws). */
export function sourceControllerPolicy(t: FluxIamTargets): PolicyDocument {
  const repos = [t.fluxRepoArn, t.microservicesRepoArn];
  requireArns("sourceControllerPolicy repositories", repos);
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "GitPull", Effect: "Allow", Action: ["codecommit:GitPull"], Resource: repos },
      ...guard(),
    ],
  };
}

/**
 * image-automation-controller: clone and push `microservices-repo` only. With `provider: aws` it
 * resolves Git credentials with its own identity, not source-controller's
 * (fluxcd/image-automation-controller v1.2.1 `internal/source/git.go`: provider aws/azure →
 * `GetGitCredentials` with the controller's service account; PR #1026).
 */
export function imageAutomationPolicy(t: FluxIamTargets): PolicyDocument {
  requireArns("imageAutomationPolicy repository", [t.microservicesRepoArn]);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GitPull",
        Effect: "Allow",
        Action: ["codecommit:GitPull"],
        Resource: [t.microservicesRepoArn],
      },
      // Its own branch only: what later stages sync changes by approved pull requests.
      gitPushOnly(t.microservicesRepoArn, [branchRef(t.pushBranch)]),
      ...guard(),
    ],
  };
}

/** image-reflector-controller: list and read tags of the shared ECR repositories only. */
export function imageReflectorPolicy(t: FluxIamTargets): PolicyDocument {
  const repos = unique(t.ecrRepositoryArns);
  requireArns("imageReflectorPolicy ECR repositories", repos);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EcrAuthToken",
        Effect: "Allow",
        Action: ["ecr:GetAuthorizationToken"],
        Resource: "*",
      },
      { Sid: "EcrRead", Effect: "Allow", Action: [...ECR_READ_ACTIONS], Resource: repos },
      ...guard(),
    ],
  };
}

/**
 * The IAM user behind the CodeCommit HTTPS Git credential (`https-credential` mode): one credential
 * serves source-controller (pull both repositories) and image-automation-controller (push
 * `microservices-repo`), because both read the same GitRepository secret. Push is granted only
 * when this environment runs image automation, and only to the first stage's branch.
 */
export function codeCommitUserPolicy(t: FluxIamTargets, allowPush: boolean): PolicyDocument {
  const repos = [t.fluxRepoArn, t.microservicesRepoArn];
  requireArns("codeCommitUserPolicy repositories", repos);
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "GitPull", Effect: "Allow", Action: ["codecommit:GitPull"], Resource: repos },
      ...(allowPush ? [gitPushOnly(t.microservicesRepoArn, [branchRef(t.pushBranch)])] : []),
      ...guard(),
    ],
  };
}
