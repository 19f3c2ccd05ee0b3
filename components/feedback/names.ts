/**
 * Names of the deployment-feedback resources, from the stack's name prefix: one function gives
 * the AWS physical names, so the status command and the environment stacks find them without a
 * lookup. Limits: DynamoDB table 3-255 `[a-zA-Z0-9_.-]`, Lambda function 64, IAM role 64, SSM
 * parameter names `[a-zA-Z0-9_.-/]` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html,
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html,
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html).
 * A name prefix is at most 20 characters (stacks/rules.ts), so each fits.
 */
import { eventsPath } from "../../connector/src/request";

export interface FeedbackNames {
  /** DynamoDB ledger table. */
  readonly table: string;
  /** Lambda function (and its role and log group). */
  readonly function: string;
  readonly role: string;
  readonly logGroup: string;
  /** SSM prefix of the environment keys: `<prefix><environment>`. */
  readonly keyParameterPrefix: string;
}

export function feedbackNames(namePrefix: string): FeedbackNames {
  const fn = `${namePrefix}-deployment-feedback`;
  return {
    table: `${namePrefix}-deployments`,
    function: fn,
    role: fn,
    logGroup: `/aws/lambda/${fn}`,
    keyParameterPrefix: `/${namePrefix}/deployment-feedback/keys/`,
  };
}

/** The SSM parameter holding `environment`'s key. */
export function keyParameterName(keyParameterPrefix: string, environment: string): string {
  return `${keyParameterPrefix}${environment}`;
}

/** Where `environment`'s notification-controller posts: the function URL plus its path. */
export function feedbackAddress(functionUrl: string, environment: string): string {
  return `${functionUrl.replace(/\/+$/, "")}${eventsPath(environment)}`;
}

/** Kubernetes Secret (namespace flux-system) with the environment's key as `token`. */
export const FEEDBACK_SECRET_NAME = "deployment-feedback-hmac";
