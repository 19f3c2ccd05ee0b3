/** Refused: node groups. Rows as in ../bad-settings.ts. */
import type { BadSetting } from "../bad-settings";

const general = (fields: Record<string, unknown>) => ({
  nodeGroups: [{ name: "general", ...fields }],
});
const SPLIT =
  "Split the types into node groups of one architecture, without accelerated or Mac types.";
const NEVER =
  "no node group starts a node that Flux and the cluster add-ons can run on (desiredSize 0, or NO_SCHEDULE/NO_EXECUTE taints, everywhere): the Flux install would wait until it times out. Give one untainted group desiredSize >= 1 (and minSize >= 1 to keep it).";

export const NODE_GROUPS_REFUSED: readonly BadSetting[] = [
  [
    "a new group that leaves out capacity and sizes",
    "dev",
    { nodeGroups: [{ name: "batch", instanceTypes: ["t3.large"] }] },
    `gitops-platform:nodeGroups[0] = {"name":"batch","instanceTypes":["t3.large"]}: node group "batch" is not one of the profile's (general), so nothing fills in capacityType, minSize, desiredSize, maxSize. Give capacityType, minSize, desiredSize, maxSize, or name it after a profile group to inherit its values.`,
  ],
  [
    "a group without a name",
    "dev",
    { nodeGroups: [{ maxSize: 5 }] },
    `gitops-platform:nodeGroups[0].name = (not set): every node group needs a name. Name it.`,
  ],
  [
    "an instance type EC2 does not have",
    "staging",
    general({ instanceTypes: ["m9z.large"] }),
    `gitops-platform:nodeGroups[0].instanceTypes = "m9z.large": not an EC2 instance type (unknown to the EC2 API). Check the spelling (https://aws.amazon.com/ec2/instance-types/).`,
  ],
  [
    "x86 and Graviton types in one group",
    "staging",
    general({ instanceTypes: ["t3.large", "t4g.large"] }),
    `gitops-platform:nodeGroups[0].instanceTypes = ["t3.large","t4g.large"]: mixes CPU architectures (x86_64: t3.large; arm64: t4g.large); one node group runs one AMI, for one architecture. ${SPLIT}`,
  ],
  [
    "a GPU type the standard AMI has no driver for",
    "staging",
    general({ instanceTypes: ["g5.xlarge"] }),
    `gitops-platform:nodeGroups[0].instanceTypes = ["g5.xlarge"]: g5.xlarge carries NVIDIA GPUs: the group would get the standard AL2023 AMI, without their driver. ${SPLIT}`,
  ],
  [
    "a Neuron type",
    "staging",
    general({ instanceTypes: ["inf2.xlarge"] }),
    `gitops-platform:nodeGroups[0].instanceTypes = ["inf2.xlarge"]: inf2.xlarge carries AWS Neuron chips`,
  ],
  [
    "a Mac type, which has no EKS AMI",
    "staging",
    general({ instanceTypes: ["mac2.metal"] }),
    `gitops-platform:nodeGroups[0].instanceTypes = ["mac2.metal"]: mac2.metal is a Mac instance: EKS has no node AMI for it. ${SPLIT}`,
  ],
  [
    "a label key Kubernetes refuses",
    "staging",
    general({ labels: { "-bad": "x" } }),
    `gitops-platform:nodeGroups[0].labels.-bad = "x": the name must be 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit. Fix the label.`,
  ],
  [
    "a label key prefix that is not a DNS subdomain",
    "staging",
    general({ labels: { "Example.com/role": "x" } }),
    `gitops-platform:nodeGroups[0].labels.Example.com/role = "x": the prefix before / must be a DNS subdomain (lower-case letters, digits, '-' and '.'). Fix the label.`,
  ],
  [
    "a label key over EKS's 63 characters",
    "staging",
    general({ labels: { [`example.com/${"r".repeat(60)}`]: "x" } }),
    `gitops-platform:nodeGroups[0].labels.example.com/${"r".repeat(60)} = "x": EKS allows keys of at most 63 characters. Fix the label.`,
  ],
  [
    "a label value with a space",
    "staging",
    general({ labels: { role: "a b" } }),
    `gitops-platform:nodeGroups[0].labels.role = "a b": values are up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit. Fix the label.`,
  ],
  [
    "a label value that YAML made a number",
    "staging",
    general({ labels: { tier: 1 } }),
    `gitops-platform:nodeGroups[0].labels.tier = 1: values must be strings (quote numbers and booleans). Fix the label.`,
  ],
  [
    "an empty label value",
    "staging",
    general({ labels: { tier: "" } }),
    `gitops-platform:nodeGroups[0].labels.tier = "": EKS refuses empty label values. Give a value.`,
  ],
  [
    "a label in the kubernetes.io namespace",
    "staging",
    general({ labels: { "kubernetes.io/role": "x" } }),
    `gitops-platform:nodeGroups[0].labels.kubernetes.io/role = "x": kubelet may only set labels of the kubernetes.io and k8s.io namespaces under node.kubernetes.io/ and kubelet.kubernetes.io/ (NodeRestriction). Use a prefix of your own, such as example.com/role.`,
  ],
  [
    "a taint effect in kubectl's spelling",
    "staging",
    {
      nodeGroups: [
        { name: "general" },
        {
          name: "spare",
          instanceTypes: ["t3.large"],
          capacityType: "ON_DEMAND",
          minSize: 1,
          desiredSize: 1,
          maxSize: 2,
          taints: [{ key: "dedicated", value: "x", effect: "NoSchedule" }],
        },
      ],
    },
    `gitops-platform:nodeGroups[1].taints[0].effect = "NoSchedule": unknown taint effect. Use NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE.`,
  ],
  [
    "a taint key with two slashes",
    "staging",
    general({ taints: [{ key: "a/b/c", effect: "PREFER_NO_SCHEDULE" }] }),
    `gitops-platform:nodeGroups[0].taints[0] = {"key":"a/b/c","effect":"PREFER_NO_SCHEDULE"}: the prefix before / must be a DNS subdomain (lower-case letters, digits, '-' and '.'). Fix the taint.`,
  ],
  [
    "every group at desiredSize 0",
    "staging",
    general({ minSize: 0, desiredSize: 0 }),
    `gitops-platform:nodeGroups = [{"name":"general","desiredSize":0,"taints":0}]: ${NEVER}`,
  ],
  [
    "every group tainted NO_SCHEDULE",
    "staging",
    general({ taints: [{ key: "dedicated", effect: "NO_SCHEDULE" }] }),
    `gitops-platform:nodeGroups = [{"name":"general","desiredSize":2,"taints":1}]: ${NEVER}`,
  ],
];
