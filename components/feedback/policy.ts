/**
 * The connector's permissions, as a pure document: it writes only its table (conditional
 * `UpdateItem` is all the ledger needs: no reads, deletes or scans), reads commits and files of
 * and comments on only the GitOps repositories, puts events only with its own source and
 * detail-type on the default bus (`events:source`, `events:detail-type`:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-conditions.html), reads only the
 * environment key parameters, and logs only to its log group. The keys are SecureStrings under
 * the AWS managed key `aws/ssm`, whose key policy already lets principals of the account decrypt
 * through Parameter Store (https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-restrict-decryption.html):
 * `ssm:GetParameter` on the prefix is what guards them, and no KMS statement is needed.
 */
import type { PolicyDocument } from "../aws";
import { EVENT_DETAIL_TYPE, EVENT_SOURCE } from "../../connector/src/contract";

export interface ConnectorTargets {
  readonly region: string;
  readonly accountId: string;
  readonly tableArn: string;
  /** The CodeCommit repositories it comments on (flux-repo, microservices-repo). */
  readonly repositoryArns: readonly string[];
  /** `/<prefix>/deployment-feedback/keys/` */
  readonly keyParameterPrefix: string;
  readonly logGroupArn: string;
}

export function connectorPolicy(t: ConnectorTargets): PolicyDocument {
  if (t.repositoryArns.length === 0 || t.repositoryArns.some((a) => !a.startsWith("arn:"))) {
    throw new Error(
      `connectorPolicy: expected repository ARNs, got ${JSON.stringify(t.repositoryArns)}.`,
    );
  }
  if (!/^\/.+\/$/.test(t.keyParameterPrefix)) {
    throw new Error(
      `connectorPolicy: the key prefix must start and end with '/': ${t.keyParameterPrefix}`,
    );
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "LedgerWrite",
        Effect: "Allow",
        Action: ["dynamodb:UpdateItem"],
        Resource: t.tableArn,
      },
      {
        Sid: "GitOpsRepositories",
        Effect: "Allow",
        Action: [
          "codecommit:GetCommit",
          "codecommit:GetFile",
          "codecommit:PostCommentForComparedCommit",
        ],
        Resource: [...t.repositoryArns],
      },
      {
        Sid: "OwnEvents",
        Effect: "Allow",
        Action: ["events:PutEvents"],
        Resource: `arn:aws:events:${t.region}:${t.accountId}:event-bus/default`,
        Condition: {
          StringEquals: { "events:source": EVENT_SOURCE, "events:detail-type": EVENT_DETAIL_TYPE },
        },
      },
      {
        Sid: "EnvironmentKeys",
        Effect: "Allow",
        Action: ["ssm:GetParameter"],
        Resource: `arn:aws:ssm:${t.region}:${t.accountId}:parameter${t.keyParameterPrefix}*`,
      },
      {
        Sid: "Logs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        // CreateLogStream acts on the group, PutLogEvents on a stream (Service Authorization
        // Reference, CloudWatch Logs resource types log-group and log-stream).
        Resource: [t.logGroupArn, `${t.logGroupArn}:log-stream:*`],
      },
    ],
  };
}

/** Trust of the execution role: components/aws/lambda.ts. */
export { lambdaTrustPolicy } from "../aws";
