/**
 * Bad settings and the problem each must produce (the start of its text): what the user wrote,
 * in which stack, and the message naming key, value and fix. resolve.spec.ts runs every row.
 */

/** [what, stack, config, expected problem (prefix), region ("none" = unset; default us-east-1)] */
export type BadSetting = [string, string, Record<string, unknown>, string, string?];

export const BAD_SETTINGS: readonly BadSetting[] = [
  [
    "a static Git credential with Pulumi Deployments",
    "staging",
    { fluxGitAuth: "https-credential", deploymentsAccess: true },
    `gitops-platform:fluxGitAuth = "https-credential": needs a CodeCommit Git password, a static credential this environment's Pulumi Deployments role may not create. Use aws-provider (Flux 2.9 or later), or deploy this stack with your own credentials (deploymentsAccess: false).`,
  ],
  [
    "unknown stack without profile",
    "qa",
    {},
    `gitops-platform:profile = "qa": unknown profile. Stack 'qa' is not one of dev, staging, prod, shared: set gitops-platform:profile to the profile it is built from (pulumi config set profile staging -s qa).`,
  ],
  [
    "unknown profile",
    "dev",
    { profile: "production" },
    `gitops-platform:profile = "production": unknown profile. Use one of dev, staging, prod, shared.`,
  ],
  [
    "typo in a key",
    "dev",
    { vpcCidrr: "10.0.0.0/16" },
    `gitops-platform:vpcCidrr = "10.0.0.0/16": unknown setting. Did you mean gitops-platform:vpcCidr?`,
  ],
  [
    "runtime key on the shared stack",
    "shared",
    { vpcCidr: "10.1.0.0/16" },
    `gitops-platform:vpcCidr = "10.1.0.0/16": a runtime setting, but 'shared' is a delivery stack. Remove it from Pulumi.shared.yaml.`,
  ],
  [
    "missing region",
    "dev",
    {},
    `aws:region = (not set): required. Run: pulumi config set aws:region us-east-1 -s dev.`,
    "none",
  ],
  [
    "malformed region",
    "dev",
    {},
    `aws:region = "us-east": not an AWS region name (such as us-east-1). Set a region such as eu-west-1.`,
    "us-east",
  ],
  [
    "malformed CIDR",
    "dev",
    { vpcCidr: "10.0.0.0/33" },
    `gitops-platform:vpcCidr = "10.0.0.0/33": the prefix length is greater than 32. Set a block such as 10.10.0.0/16 in Pulumi.dev.yaml.`,
  ],
  [
    "CIDR with host bits",
    "dev",
    { vpcCidr: "10.0.1.0/16" },
    `gitops-platform:vpcCidr = "10.0.1.0/16": host bits are set (the network address is 10.0.0.0/16). Set a block such as 10.10.0.0/16 in Pulumi.dev.yaml.`,
  ],
  [
    "public CIDR",
    "dev",
    { vpcCidr: "8.8.0.0/16" },
    `gitops-platform:vpcCidr = "8.8.0.0/16": not inside a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16). Use an RFC 1918 block such as 10.10.0.0/16.`,
  ],
  [
    "subnets that do not fit",
    "dev",
    { vpcCidr: "10.0.0.0/20" },
    `gitops-platform:vpcCidr = "10.0.0.0/20": subnets do not fit: a /19 subnet is not smaller than the /20 VPC. Use a larger vpcCidr, fewer availabilityZones, or larger prefix lengths (smaller subnets).`,
  ],
  [
    "too many subnets",
    "dev",
    { vpcCidr: "10.0.0.0/18", availabilityZones: 3 },
    `gitops-platform:vpcCidr = "10.0.0.0/18": subnets do not fit: 3 private /19 and 3 public /24 subnets need 25344 addresses; the /18 VPC has 16384. Use a larger vpcCidr, fewer availabilityZones, or larger prefix lengths (smaller subnets).`,
  ],
  [
    "one AZ",
    "dev",
    { availabilityZones: 1 },
    `gitops-platform:availabilityZones = 1: must be 2 to 6 (EKS needs subnets in at least two AZs). Set 3 for production, 2 for the cheapest layout.`,
  ],
  [
    "AZ count not a number",
    "dev",
    { availabilityZones: "three" },
    `gitops-platform:availabilityZones = "three": expected an integer. Set a whole number such as 3 in Pulumi.dev.yaml.`,
  ],
  [
    "unknown EKS support type",
    "dev",
    { clusterSupportType: "LONG" },
    `gitops-platform:clusterSupportType = "LONG": unknown EKS support type. Use STANDARD (EKS upgrades the cluster when standard support ends) or EXTENDED.`,
  ],
  [
    "unknown NAT strategy",
    "dev",
    { natGateways: "PerAz" },
    `gitops-platform:natGateways = "PerAz": unknown NAT strategy. Use Single or OnePerAz.`,
  ],
  [
    "unsupported Kubernetes version",
    "dev",
    { kubernetesVersion: "1.25" },
    `gitops-platform:kubernetesVersion = "1.25": not a Kubernetes version EKS supports.`,
  ],
  [
    "node group min > desired",
    "staging",
    {
      nodeGroups: [
        { name: "general", instanceTypes: ["t3.large"], minSize: 3, desiredSize: 2, maxSize: 4 },
      ],
    },
    `gitops-platform:nodeGroups[0] = {"minSize":3,"desiredSize":2,"maxSize":4}: sizes must satisfy minSize <= desiredSize <= maxSize. Raise maxSize or lower minSize/desiredSize.`,
  ],
  [
    "node group max < min",
    "staging",
    {
      nodeGroups: [
        { name: "general", instanceTypes: ["t3.large"], minSize: 3, desiredSize: 3, maxSize: 1 },
      ],
    },
    `gitops-platform:nodeGroups[0] = {"minSize":3,"desiredSize":3,"maxSize":1}: sizes must satisfy minSize <= desiredSize <= maxSize. Raise maxSize or lower minSize/desiredSize.`,
  ],
  [
    "malformed instance type",
    "staging",
    {
      nodeGroups: [
        { name: "general", instanceTypes: ["t3large"], minSize: 1, desiredSize: 1, maxSize: 2 },
      ],
    },
    `gitops-platform:nodeGroups[0].instanceTypes = "t3large": not an EC2 instance type (family.size, such as t3.large). Fix the instance type.`,
  ],
  [
    "Spot where the profile forbids it",
    "prod",
    {
      nodeGroups: [
        {
          name: "general",
          instanceTypes: ["m6i.large"],
          capacityType: "SPOT",
          minSize: 3,
          desiredSize: 3,
          maxSize: 6,
        },
      ],
    },
    `gitops-platform:nodeGroups[0].capacityType = "SPOT": Spot capacity is not allowed in this environment (allowSpot is false). Use ON_DEMAND, or set allowSpot: true if interruptions are acceptable here.`,
  ],
  [
    "duplicate node group",
    "staging",
    {
      nodeGroups: [
        { name: "a", instanceTypes: ["t3.large"] },
        { name: "a", instanceTypes: ["t3.large"] },
      ],
    },
    `gitops-platform:nodeGroups[1].name = "a": duplicate node group name. Give each node group its own name.`,
  ],
  [
    "bad cluster name",
    "dev",
    { clusterName: "-bad name" },
    `gitops-platform:clusterName = "-bad name": not an EKS cluster name (1 to 100 letters, digits, hyphens or underscores, starting with a letter or digit). Choose another name.`,
  ],
  [
    "bad name prefix",
    "dev",
    { namePrefix: "Gitops_Dev" },
    `gitops-platform:namePrefix = "Gitops_Dev": must be 3 to 20 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen (it prefixes S3, IAM and EKS names). Set gitops-platform:namePrefix.`,
  ],
  [
    "bad admin ARN",
    "dev",
    { adminPrincipalArns: ["arn:aws:iam::123:role/x"] },
    `gitops-platform:adminPrincipalArns = "arn:aws:iam::123:role/x": not an IAM role or user ARN (arn:aws:iam::<account>:role/<name>). List IAM role or user ARNs.`,
  ],
  [
    "public endpoint open to nobody",
    "dev",
    { publicAccessCidrs: [] },
    `gitops-platform:publicAccessCidrs = []: the public endpoint is on but no CIDR may reach it. List the CIDRs pulumi up connects from (your operators', a customer-managed runner pool's egress), or set endpointPublicAccess: false and deploy from inside the VPC (README, "Kubernetes API endpoint").`,
  ],
  [
    "unknown log type",
    "dev",
    { clusterLogTypes: ["api", "kubelet"] },
    `gitops-platform:clusterLogTypes = "kubelet": unknown control-plane log type. Use api, audit, authenticator, controllerManager, scheduler.`,
  ],
  [
    "bad log retention",
    "dev",
    { flowLogRetentionDays: 10 },
    `gitops-platform:flowLogRetentionDays = 10: not a CloudWatch Logs retention value`,
  ],
  [
    "unknown flux chart",
    "dev",
    { fluxChartVersion: "9.9.9" },
    `gitops-platform:fluxChartVersion = "9.9.9": not a flux2 chart version this program knows.`,
  ],
  [
    "legacy ECR autologin on current Flux",
    "dev",
    { fluxLegacyEcrAutologin: true },
    `gitops-platform:fluxLegacyEcrAutologin = true: Flux 2.9.5 removed --aws-autologin-for-ecr (image-reflector-controller v1.0.0, Flux 2.7); the controller would fail to start. Remove the setting: ImageRepository provider: aws with IRSA logs in to ECR.`,
  ],
  [
    "aws git provider on old Flux",
    "dev",
    { fluxChartVersion: "2.18.3", fluxGitAuth: "aws-provider" },
    `gitops-platform:fluxGitAuth = "aws-provider": Flux 2.8.5 (chart 2.18.3) has no GitRepository provider 'aws'; it arrived in Flux 2.9. Use https-credential, or a flux2 chart of 2.19 or later.`,
  ],
  [
    "bad interval",
    "dev",
    { fluxIntervals: { imageScan: "1 minute" } },
    `gitops-platform:fluxIntervals.imageScan = "1 minute": not a duration the Flux CRDs accept (digits with ms, s, m or h, such as 30s, 1m, 1h30m). Use a value such as 1m.`,
  ],
  [
    "bad shared stack name",
    "dev",
    { sharedStack: "shared" },
    `gitops-platform:sharedStack = "shared": not a fully qualified stack name. Use <org>/<project>/<stack>.`,
  ],
  [
    "bad CodeCommit name",
    "shared",
    { fluxRepoName: "flux repo" },
    `gitops-platform:fluxRepoName = "flux repo": not a CodeCommit repository name (1 to 100 letters, digits, '.', '_' or '-', not ending in .git). Choose another name.`,
  ],
  [
    "bad account id",
    "shared",
    { ecrPullAccountIds: ["12345"] },
    `gitops-platform:ecrPullAccountIds = "12345": not a 12-digit AWS account ID. List 12-digit account IDs as quoted strings.`,
  ],
  [
    "unknown compute type",
    "shared",
    { buildComputeType: "SMALL" },
    `gitops-platform:buildComputeType = "SMALL": unknown CodeBuild compute type.`,
  ],
  [
    "prod deploying from main",
    "shared",
    { deployments: { prodBranch: "main" } },
    `gitops-platform:deployments.prodBranch = "main": prod must deploy from its own branch, not the branch every push lands on. Use a branch such as production; promote by merging into it.`,
  ],
  [
    "deployments without repository",
    "shared",
    { deployments: { enabled: true } },
    `gitops-platform:deployments.repository = "": Deployments are enabled but no repository is named. Set owner/repo (GitHub) or the CodeCommit repository that holds this program.`,
  ],
  [
    "codecommit deployments without token",
    "shared",
    { deployments: { enabled: true, gitHost: "codecommit", repository: "infra" } },
    `gitops-platform:deploymentsApiToken = (not set): the CodeCommit host needs a Pulumi access token to call the Deployments REST API. Run: pulumi config set --secret deploymentsApiToken <token> -s shared.`,
  ],
  [
    "reserved tag key",
    "dev",
    { tags: { "aws:owner": "me" } },
    `gitops-platform:tags.aws:owner = "me": tag keys starting with aws: are reserved by AWS. Fix the tag.`,
  ],
  [
    "malformed YAML list",
    "dev",
    { publicAccessCidrs: "1.2.3.4/32" },
    `gitops-platform:publicAccessCidrs = "1.2.3.4/32": expected an array. Set a YAML list of strings such as ["a", "b"] in Pulumi.dev.yaml.`,
  ],
];
