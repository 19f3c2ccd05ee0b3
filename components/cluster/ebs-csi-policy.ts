/**
 * The IAM permissions of the EBS CSI driver's controller (IRSA role of
 * kube-system/ebs-csi-controller-sa), from the maintainers' kubernetes-sigs/aws-ebs-csi-driver
 * `docs/example-iam-policy.json` (429e202, 2026-08-19, v1.64.0), narrowed to this cluster's
 * region and account, plus KMS use of the one key that encrypts the cluster's volumes
 * (`docs/install.md`, "Encrypted EBS Volumes via KMS", scoped to the key as it recommends; grants
 * only for AWS resources, i.e. EBS attaching the volume:
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource).
 * The volume-creating and deleting statements keep upstream's tag conditions: the driver tags
 * what it creates (`ebs.csi.aws.com/cluster`, `CSIVolumeName`) and deletes only such volumes.
 * To update: compare with that file at the driver version of `EKS_ADDON_VERSIONS`.
 */
import type { PolicyDocument } from "../aws";
import type { ServiceAccountRef } from "../aws";

/** The controller's service account, as the EKS add-on creates it. */
export const EBS_CSI_SERVICE_ACCOUNT: ServiceAccountRef = {
  namespace: "kube-system",
  name: "ebs-csi-controller-sa",
};

export interface EbsCsiPolicyTargets {
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
  const like = (key: string, value: string) => ({ StringLike: { [key]: value } });
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
        Sid: "SnapshotAndResize",
        Effect: "Allow",
        Action: ["ec2:CreateSnapshot", "ec2:ModifyVolume"],
        Resource: volumes,
      },
      { Sid: "CopyVolumes", Effect: "Allow", Action: ["ec2:CopyVolumes"], Resource: volumes },
      {
        Sid: "AttachDetach",
        Effect: "Allow",
        Action: ["ec2:AttachVolume", "ec2:DetachVolume"],
        Resource: [volumes, ec2("instance/*")],
      },
      {
        Sid: "VolumeFromSnapshot",
        Effect: "Allow",
        Action: ["ec2:CreateVolume", "ec2:EnableFastSnapshotRestores"],
        Resource: snapshots,
      },
      {
        Sid: "TagOnCreate",
        Effect: "Allow",
        Action: ["ec2:CreateTags"],
        Resource: [volumes, snapshots],
        Condition: {
          StringEquals: { "ec2:CreateAction": ["CreateVolume", "CreateSnapshot", "CopyVolumes"] },
        },
      },
      { Sid: "Untag", Effect: "Allow", Action: ["ec2:DeleteTags"], Resource: [volumes, snapshots] },
      {
        Sid: "CreateClusterVolume",
        Effect: "Allow",
        Action: ["ec2:CreateVolume", "ec2:CopyVolumes"],
        Resource: volumes,
        Condition: like("aws:RequestTag/ebs.csi.aws.com/cluster", "true"),
      },
      {
        Sid: "CreateNamedVolume",
        Effect: "Allow",
        Action: ["ec2:CreateVolume", "ec2:CopyVolumes"],
        Resource: volumes,
        Condition: like("aws:RequestTag/CSIVolumeName", "*"),
      },
      ...(
        [
          ["DeleteClusterVolume", "ec2:ResourceTag/ebs.csi.aws.com/cluster", "true"],
          ["DeleteNamedVolume", "ec2:ResourceTag/CSIVolumeName", "*"],
          ["DeletePvcVolume", "ec2:ResourceTag/kubernetes.io/created-for/pvc/name", "*"],
        ] as const
      ).map(([Sid, key, value]) => ({
        Sid,
        Effect: "Allow" as const,
        Action: ["ec2:DeleteVolume"],
        Resource: volumes,
        Condition: like(key, value),
      })),
      {
        Sid: "CreateNamedSnapshot",
        Effect: "Allow",
        Action: ["ec2:CreateSnapshot"],
        Resource: snapshots,
        Condition: like("aws:RequestTag/CSIVolumeSnapshotName", "*"),
      },
      {
        Sid: "CreateClusterSnapshot",
        Effect: "Allow",
        Action: ["ec2:CreateSnapshot"],
        Resource: snapshots,
        Condition: like("aws:RequestTag/ebs.csi.aws.com/cluster", "true"),
      },
      {
        Sid: "DeleteNamedSnapshot",
        Effect: "Allow",
        Action: ["ec2:DeleteSnapshot", "ec2:LockSnapshot"],
        Resource: snapshots,
        Condition: like("ec2:ResourceTag/CSIVolumeSnapshotName", "*"),
      },
      {
        Sid: "DeleteClusterSnapshot",
        Effect: "Allow",
        Action: ["ec2:DeleteSnapshot", "ec2:LockSnapshot"],
        Resource: snapshots,
        Condition: like("ec2:ResourceTag/ebs.csi.aws.com/cluster", "true"),
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
