/**
 * Mock outputs of the remote components (awsx VPC, pulumi-eks Cluster and ManagedNodeGroup): the
 * outputs the program reads, in the shapes those providers return; spread into mocks.ts.
 */
import { hex, MOCK_ACCOUNT } from "./mock-ids";

type State = { name: string; inputs: Record<string, any>; ctx: { readonly region: string } };

/** The physical name a provider would give: the explicit `name` input, else the logical name. */
function physical({ name, inputs }: Omit<State, "ctx">): string {
  return typeof inputs.name === "string" ? inputs.name : name;
}

const oidcIssuer = (s: State) =>
  `https://oidc.eks.${s.ctx.region}.amazonaws.com/id/${hex(s.name, 32).toUpperCase()}`;

export const REMOTE_COMPONENT_OUTPUTS: Record<string, (s: State) => Record<string, unknown>> = {
  "awsx:ec2:Vpc": (s) => {
    const azs = Number(
      s.inputs.numberOfAvailabilityZones ?? s.inputs.availabilityZoneNames?.length ?? 3,
    );
    const ids = (kind: string) =>
      Array.from({ length: azs }, (_, i) => `subnet-${hex(`${s.name}-${kind}-${i}`, 17)}`);
    return {
      vpcId: `vpc-${hex(s.name, 17)}`,
      privateSubnetIds: ids("private"),
      publicSubnetIds: ids("public"),
      isolatedSubnetIds: [],
    };
  },
  "eks:index:Cluster": (s) => {
    const issuer = oidcIssuer(s);
    const host = issuer.replace(/^https:\/\//, "");
    const clusterName = physical(s);
    const endpoint = `https://${hex(s.name, 32).toUpperCase()}.gr7.${s.ctx.region}.eks.amazonaws.com`;
    const kubeconfig = {
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: "kubernetes",
          cluster: { server: endpoint, "certificate-authority-data": "bW9jaw==" },
        },
      ],
      contexts: [{ name: "aws", context: { cluster: "kubernetes", user: "aws" } }],
      "current-context": "aws",
      users: [
        {
          name: "aws",
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: [
                "--region",
                s.ctx.region,
                "eks",
                "get-token",
                "--cluster-name",
                clusterName,
                "--output",
                "json",
              ],
            },
          },
        },
      ],
    };
    return {
      kubeconfig,
      kubeconfigJson: JSON.stringify(kubeconfig),
      // pulumi-eks 4.3: oidcProviderUrl is the issuer with https://, oidcIssuer without it.
      oidcIssuer: host,
      oidcProviderUrl: issuer,
      oidcProviderArn: `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${host}`,
      clusterSecurityGroupId: `sg-${hex(`${s.name}-cluster`, 17)}`,
      nodeSecurityGroupId: `sg-${hex(`${s.name}-node`, 17)}`,
      eksClusterName: clusterName,
      // The aws.eks.Cluster inside: its EKS-created security group (Karpenter tags it).
      eksCluster: { vpcConfig: { clusterSecurityGroupId: `sg-${hex(`${s.name}-eks`, 17)}` } },
      core: { endpoint, clusterName },
    };
  },
  "eks:index:ManagedNodeGroup": () => ({}),
};
