/**
 * Physical names of the promotion's resources, from the stack's name prefix (at most 20
 * characters, stacks/rules.ts). Limits: Lambda function and IAM role 64, SQS queue 80 including
 * `.fifo`, approval rule template 100, IAM policy 128, EventBridge rule 64
 * (https://docs.aws.amazon.com/codecommit/latest/APIReference/API_CreateApprovalRuleTemplate.html,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html).
 * With environment names of up to 60 characters, each fits.
 */
export interface PromotionNames {
  readonly function: string;
  readonly role: string;
  readonly logGroup: string;
  readonly queue: string;
  readonly deadLetterQueue: string;
  readonly rule: string;
  /** Approval rule template of pull requests into `environment`. */
  readonly template: (environment: string) => string;
  /** Managed policy users attach to `environment`'s approvers. */
  readonly approverPolicy: (environment: string) => string;
}

export function promotionNames(namePrefix: string): PromotionNames {
  const fn = `${namePrefix}-promotion`;
  return {
    function: fn,
    role: fn,
    logGroup: `/aws/lambda/${fn}`,
    queue: `${fn}.fifo`,
    deadLetterQueue: `${fn}-failed.fifo`,
    rule: fn,
    template: (environment) => `${namePrefix}-promote-to-${environment}`,
    approverPolicy: (environment) => `${namePrefix}-promotion-approver-${environment}`,
  };
}
