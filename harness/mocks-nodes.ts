/**
 * Mock outputs of the nodes' resources (components/cluster/node-groups.ts), in the shapes the AWS
 * provider returns; with the application domain's (mocks-domain.ts), spread into mocks.ts.
 */
import { DOMAIN_OUTPUTS } from "./mocks-domain";

export { mockGetZone } from "./mocks-domain";
import { hex, MOCK_ACCOUNT } from "./mock-ids";

type State = { name: string; inputs: Record<string, any>; ctx: { readonly region: string } };

/** A new launch template is at version 1: its default and latest. */
export const MORE_OUTPUTS: Record<string, (s: State) => Record<string, unknown>> = {
  ...DOMAIN_OUTPUTS,
  "aws:ec2/launchTemplate:LaunchTemplate": (s) => {
    const id = `lt-${hex(s.name, 17)}`;
    return {
      arn: `arn:aws:ec2:${s.ctx.region}:${MOCK_ACCOUNT}:launch-template/${id}`,
      defaultVersion: 1,
      latestVersion: 1,
    };
  },
};
