import * as assert from "node:assert/strict";
import { ebsCsiDriverPolicy } from "../../../components/cluster/ebs-csi-policy";
import { tableFailures, type TableRow } from "../../helpers/iam";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`;
const OTHER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/9999ffff-0000-eeee-1111-dddd2222cccc`;
const VOLUME = `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0123456789abcdef0`;
// Snapshot ARNs have no account field (Service Authorization Reference, EC2 resource types).
const SNAPSHOT = `arn:aws:ec2:${REGION}::snapshot/snap-0123456789abcdef0`;
const INSTANCE = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`;

/** The policy as IAM receives it. */
const policy = JSON.parse(
  JSON.stringify(ebsCsiDriverPolicy({ region: REGION, accountId: ACCOUNT, kmsKeyArn: KEY })),
);

const ROWS: readonly TableRow[] = [
  {
    why: "creates a volume for a PVC (the driver tags it with the cluster marker)",
    action: "ec2:CreateVolume",
    resource: VOLUME,
    context: { "aws:RequestTag/ebs.csi.aws.com/cluster": "true" },
    expect: "allow",
  },
  {
    why: "tags what it creates, as part of CreateVolume",
    action: "ec2:CreateTags",
    resource: VOLUME,
    context: { "ec2:CreateAction": "CreateVolume" },
    expect: "allow",
  },
  {
    why: "attaches the volume to a node",
    action: "ec2:AttachVolume",
    resource: INSTANCE,
    expect: "allow",
  },
  {
    why: "deletes a volume it created",
    action: "ec2:DeleteVolume",
    resource: VOLUME,
    context: { "ec2:ResourceTag/ebs.csi.aws.com/cluster": "true" },
    expect: "allow",
  },
  {
    why: "snapshots a volume for a VolumeSnapshot",
    action: "ec2:CreateSnapshot",
    resource: SNAPSHOT,
    context: { "aws:RequestTag/CSIVolumeSnapshotName": "snapshot-1" },
    expect: "allow",
  },
  {
    why: "describes volumes in its region",
    action: "ec2:DescribeVolumes",
    resource: "*",
    context: { "aws:RequestedRegion": REGION },
    expect: "allow",
  },
  {
    why: "lets EBS use the cluster's volume key (a grant for an AWS resource)",
    action: "kms:CreateGrant",
    resource: KEY,
    context: { "kms:GrantIsForAWSResource": true },
    expect: "allow",
  },
  {
    why: "generates data keys of the cluster's volume key",
    action: "kms:GenerateDataKeyWithoutPlaintext",
    resource: KEY,
    expect: "allow",
  },
  // Denied.
  {
    why: "must not delete a volume nobody's driver created (no CSI tag)",
    action: "ec2:DeleteVolume",
    resource: VOLUME,
    expect: "deny",
  },
  {
    why: "must not delete a snapshot it did not make",
    action: "ec2:DeleteSnapshot",
    resource: SNAPSHOT,
    expect: "deny",
  },
  {
    why: "must not create an untagged volume",
    action: "ec2:CreateVolume",
    resource: VOLUME,
    expect: "deny",
  },
  {
    why: "must not retag existing volumes (could dodge tag-based rules)",
    action: "ec2:CreateTags",
    resource: VOLUME,
    expect: "deny",
  },
  {
    why: "must not use another KMS key",
    action: "kms:Decrypt",
    resource: OTHER_KEY,
    expect: "deny",
  },
  {
    why: "must not hand the key to a principal that is not an AWS resource",
    action: "kms:CreateGrant",
    resource: KEY,
    context: { "kms:GrantIsForAWSResource": false },
    expect: "deny",
  },
  {
    why: "must not decrypt arbitrary data with the key outside EBS (no plaintext data keys)",
    action: "kms:GenerateDataKey",
    resource: KEY,
    expect: "deny",
  },
  {
    why: "must not act on volumes of another region",
    action: "ec2:AttachVolume",
    resource: VOLUME.replace(REGION, "eu-west-1"),
    expect: "deny",
  },
  {
    why: "must not act on volumes of another account",
    action: "ec2:DetachVolume",
    resource: VOLUME.replace(ACCOUNT, "210987654321"),
    expect: "deny",
  },
  {
    why: "must not terminate instances",
    action: "ec2:TerminateInstances",
    resource: INSTANCE,
    expect: "deny",
  },
  {
    why: "no IAM escalation",
    action: "iam:PassRole",
    resource: `arn:aws:iam::${ACCOUNT}:role/admin`,
    expect: "deny",
  },
  {
    why: "no static credentials",
    action: "iam:CreateAccessKey",
    resource: `arn:aws:iam::${ACCOUNT}:user/ops`,
    expect: "deny",
  },
  {
    why: "describes only in its own region",
    action: "ec2:DescribeVolumes",
    resource: "*",
    context: { "aws:RequestedRegion": "eu-west-1" },
    expect: "deny",
  },
];

describe("components/cluster: the EBS CSI driver's IAM (allow/deny table)", () => {
  it("allows what the driver does for this cluster and nothing else", () => {
    assert.deepEqual(tableFailures(ROWS, [policy]), []);
  });

  it("keeps upstream's statements, scoped to one region, account (snapshots have none) and key", () => {
    const resources = policy.Statement.flatMap((s: { Resource: string | string[] }) =>
      Array.isArray(s.Resource) ? s.Resource : [s.Resource],
    );
    for (const r of resources) {
      if (r === "*") continue;
      assert.ok(
        r.startsWith(`arn:aws:ec2:${REGION}:${ACCOUNT}:`) ||
          r === `arn:aws:ec2:${REGION}::snapshot/*` ||
          r === KEY,
        r,
      );
    }
    // Upstream's 16 statements and the two of the volume key.
    assert.equal(policy.Statement.length, 18);
  });
});
