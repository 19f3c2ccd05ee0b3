import * as assert from "node:assert/strict";
import {
  ebsCsiConfiguration,
  ebsCsiDriverPolicy,
} from "../../../components/cluster/ebs-csi-policy";
import { tableFailures, type TableRow } from "../../helpers/iam";
import { documentProblems } from "../../helpers/iam-reference";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`;
const OTHER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/9999ffff-0000-eeee-1111-dddd2222cccc`;
const VOLUME = `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-0123456789abcdef0`;
// Snapshot ARNs have no account field (Service Authorization Reference, EC2 resource types).
const SNAPSHOT = `arn:aws:ec2:${REGION}::snapshot/snap-0123456789abcdef0`;
const INSTANCE = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`;

/** dev's driver; prod's volumes, snapshots and nodes carry prod's stack tag. */
const STACK = "dev";
const policy = JSON.parse(
  JSON.stringify(
    ebsCsiDriverPolicy({
      stack: STACK,
      region: REGION,
      accountId: ACCOUNT,
      kmsKeyArn: KEY,
    }),
  ),
);
const ours = { "aws:ResourceTag/gitops-platform:stack": "dev" };
const prods = { "aws:ResourceTag/gitops-platform:stack": "prod" };
/** What upstream's policy keys on: every cluster's driver writes it. */
const anyDrivers = {
  "aws:ResourceTag/ebs.csi.aws.com/cluster": "true",
  "aws:ResourceTag/CSIVolumeName": "pvc-1",
};

const ROWS: readonly TableRow[] = [
  {
    why: "creates a volume for a PVC (the driver tags it with the stack's tag)",
    action: "ec2:CreateVolume",
    resource: VOLUME,
    context: { "aws:RequestTag/gitops-platform:stack": "dev" },
    expect: "allow",
  },
  {
    why: "restores a volume from a snapshot of this stack",
    action: "ec2:CreateVolume",
    resource: SNAPSHOT,
    context: ours,
    expect: "allow",
  },
  {
    why: "resizes its volume",
    action: "ec2:ModifyVolume",
    resource: VOLUME,
    context: ours,
    expect: "allow",
  },
  {
    why: "detaches its volume from its node",
    action: "ec2:DetachVolume",
    resource: VOLUME,
    context: ours,
    expect: "allow",
  },
  {
    why: "snapshots its volume",
    action: "ec2:CreateSnapshot",
    resource: VOLUME,
    context: ours,
    expect: "allow",
  },
  {
    why: "deletes its snapshot",
    action: "ec2:DeleteSnapshot",
    resource: SNAPSHOT,
    context: ours,
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
    why: "attaches the volume to a node of this stack",
    action: "ec2:AttachVolume",
    resource: INSTANCE,
    context: ours,
    expect: "allow",
  },
  {
    why: "attaches its volume",
    action: "ec2:AttachVolume",
    resource: VOLUME,
    context: ours,
    expect: "allow",
  },
  {
    why: "deletes a volume it created",
    action: "ec2:DeleteVolume",
    resource: VOLUME,
    context: ours,
    expect: "allow",
  },
  {
    why: "snapshots a volume for a VolumeSnapshot, tagged for this stack",
    action: "ec2:CreateSnapshot",
    resource: SNAPSHOT,
    context: { "aws:RequestTag/gitops-platform:stack": "dev" },
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
  // Denied: prod's volumes, snapshots and nodes (the other environments' alike).
  ...(
    [
      ["ec2:DeleteVolume", VOLUME],
      ["ec2:AttachVolume", VOLUME],
      ["ec2:AttachVolume", INSTANCE],
      ["ec2:DetachVolume", VOLUME],
      ["ec2:ModifyVolume", VOLUME],
      ["ec2:CreateSnapshot", VOLUME],
      ["ec2:DeleteSnapshot", SNAPSHOT],
      ["ec2:LockSnapshot", SNAPSHOT],
      ["ec2:CreateVolume", SNAPSHOT],
      ["ec2:DeleteTags", VOLUME],
      ["ec2:CreateTags", VOLUME],
    ] as const
  ).flatMap(([action, resource]): TableRow[] => [
    { why: `not prod's: ${action}`, action, resource, context: prods, expect: "deny" },
    { why: `not any driver's: ${action}`, action, resource, context: anyDrivers, expect: "deny" },
  ]),
  {
    why: "no copy of another volume (CopyVolumes cannot be confined)",
    action: "ec2:CopyVolumes",
    resource: VOLUME,
    context: { "aws:RequestTag/gitops-platform:stack": "dev" },
    expect: "deny",
  },
  {
    why: "no volume tagged for prod",
    action: "ec2:CreateVolume",
    resource: VOLUME,
    context: { "aws:RequestTag/gitops-platform:stack": "prod" },
    expect: "deny",
  },
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

  it("names only actions IAM knows, with condition keys they support", async () => {
    assert.deepEqual(await documentProblems(policy, "ebs-csi"), []);
  });

  it("tags what the driver creates with the stack's tags, which must hold the stack tag", () => {
    assert.deepEqual(JSON.parse(ebsCsiConfiguration({ "gitops-platform:stack": "dev" })), {
      controller: { extraVolumeTags: { "gitops-platform:stack": "dev" } },
    });
    assert.throws(
      () => ebsCsiConfiguration({ "gitops-platform:profile": "dev" }),
      /^Error: ebsCsiConfiguration: the tags lack gitops-platform:stack, which the driver's role requires\.$/,
    );
  });

  it("is scoped to one region, account (snapshots have none) and key", () => {
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
    // Nine EC2 statements and the two of the volume key; every EC2 write names the stack.
    assert.equal(policy.Statement.length, 11);
    for (const st of policy.Statement as { Sid: string; Action: string[]; Condition?: object }[]) {
      if (st.Sid === "Describe" || st.Sid === "TagOnCreate" || st.Action[0].startsWith("kms:")) {
        continue;
      }
      assert.match(
        JSON.stringify(st.Condition),
        /"aws:(Resource|Request)Tag\/gitops-platform:stack":"dev"/,
        st.Sid,
      );
    }
  });
});
