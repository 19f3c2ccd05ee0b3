/**
 * The IAM permissions of the EBS CSI driver's controller (IRSA role of
 * kube-system/ebs-csi-controller-sa), after the maintainers' kubernetes-sigs/aws-ebs-csi-driver
 * `docs/example-iam-policy.json` (429e202, 2026-08-19, v1.64.0), narrowed to this cluster's
 * region and account, plus KMS use of the one key that encrypts the cluster's volumes
 * (`docs/install.md`, "Encrypted EBS Volumes via KMS", scoped to the key as it recommends; grants
 * only for AWS resources, i.e. EBS attaching the volume:
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource).
 *
 * Confined to this stack. Upstream attaches, detaches, resizes and snapshots any volume, and
 * deletes any volume tagged `ebs.csi.aws.com/cluster=true`, which every cluster's driver writes:
 * one environment's driver could delete another's PersistentVolumes. Here every volume,
 * snapshot and instance action requires the stack tag (`gitops-platform:stack = <stack>`): the
 * driver puts it on every volume and snapshot it creates through `controller.extraVolumeTags`
 * (`docs/tagging.md`; `pkg/driver/controller.go` copies the extra tags onto both), which
 * ebsCsiConfiguration sets; the nodes carry it through their launch template
 * (launch-template.ts) or Karpenter's EC2NodeClass. CopyVolumes (PVC cloning) is left out: its
 * source volume takes no tag condition, so it would copy any volume of the account.
 * To update: compare with that file at the driver version of `EKS_ADDON_VERSIONS`.
 */
import { STACK_TAG, type PolicyDocument, type ServiceAccountRef } from "../aws";

/** The controller's service account, as the EKS add-on creates it. */
export const EBS_CSI_SERVICE_ACCOUNT: ServiceAccountRef = {
  namespace: "kube-system",
  name: "ebs-csi-controller-sa",
};

export interface EbsCsiPolicyTargets {
  /** The stack (value of its `gitops-platform:stack` tag) whose volumes the driver manages. */
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  /** ARN of the KMS key of the cluster's volumes. */
  readonly kmsKeyArn: string;
}

export function ebsCsiDriverPolicy(t: EbsCsiPolicyTargets): PolicyDocument {
  const ec2 = (resource: string) => `arn:aws:ec2:${t.region}:${t.accountId}:${resource}`;
  const volumes = ec2("volume/*");
  // Snapshot ARNs carry no account (arn:aws:ec2:<region>::snapshot/<id>, Service Authorization
  // Reference, Amazon EC2 resource types): one with an account would match no snapshot.
  const snapshots = `arn:aws:ec2:${t.region}::snapshot/*`;
  const ours = { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: t.stack } };
  const taggedOurs = { StringEquals: { [`aws:RequestTag/${STACK_TAG}`]: t.stack } };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Describe",
        Effect: "Allow",
        Action: [
          "ec2:DescribeAvailabilityZones",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeSnapshots",
          "ec2:DescribeTags",
          "ec2:DescribeVolumes",
          "ec2:DescribeVolumesModifications",
          "ec2:DescribeVolumeStatus",
        ],
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": t.region } },
      },
      {
        Sid: "CreateClusterVolume",
        Effect: "Allow",
        Action: ["ec2:CreateVolume"],
        Resource: volumes,
        Condition: taggedOurs,
      },
      {
        Sid: "VolumeFromOurSnapshot",
        Effect: "Allow",
        Action: ["ec2:CreateVolume"],
        Resource: snapshots,
        Condition: ours,
      },
      {
        Sid: "CreateClusterSnapshot",
        Effect: "Allow",
        Action: ["ec2:CreateSnapshot"],
        Resource: snapshots,
        Condition: taggedOurs,
      },
      {
        Sid: "TagOnCreate",
        Effect: "Allow",
        Action: ["ec2:CreateTags"],
        Resource: [volumes, snapshots],
        Condition: { StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot"] } },
      },
      {
        // Tag changes of a VolumeAttributesClass, on our volumes and snapshots only.
        Sid: "RetagOurs",
        Effect: "Allow",
        Action: ["ec2:CreateTags", "ec2:DeleteTags"],
        Resource: [volumes, snapshots],
        Condition: ours,
      },
      {
        Sid: "OurVolumes",
        Effect: "Allow",
        Action: [
          "ec2:AttachVolume",
          "ec2:DetachVolume",
          "ec2:ModifyVolume",
          "ec2:CreateSnapshot",
          "ec2:DeleteVolume",
        ],
        Resource: volumes,
        Condition: ours,
      },
      {
        Sid: "OurInstances",
        Effect: "Allow",
        Action: ["ec2:AttachVolume", "ec2:DetachVolume"],
        Resource: ec2("instance/*"),
        Condition: ours,
      },
      {
        Sid: "OurSnapshots",
        Effect: "Allow",
        Action: ["ec2:DeleteSnapshot", "ec2:LockSnapshot", "ec2:EnableFastSnapshotRestores"],
        Resource: snapshots,
        Condition: ours,
      },
      {
        Sid: "UseVolumeKey",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"],
        Resource: t.kmsKeyArn,
      },
      {
        Sid: "GrantVolumeKeyToEbs",
        Effect: "Allow",
        Action: ["kms:CreateGrant"],
        Resource: t.kmsKeyArn,
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ],
  };
}

/**
 * The aws-ebs-csi-driver add-on's `configurationValues` (the chart's values, which the add-on's
 * schema follows): the stack's tags on every volume and snapshot (`controller.extraVolumeTags`).
 */
export function ebsCsiConfiguration(tags: Readonly<Record<string, string>>): string {
  if (tags[STACK_TAG] === undefined) {
    throw new Error(
      `ebsCsiConfiguration: the tags lack ${STACK_TAG}, which the driver's role requires.`,
    );
  }
  return JSON.stringify({ controller: { extraVolumeTags: { ...tags } } });
}
