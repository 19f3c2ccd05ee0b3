/** The AWS adapters on their own, with aws-sdk-client-mock: caching, absence, per-entry failures. */
import * as assert from "node:assert/strict";
import {
  CodeCommitClient,
  CommitDoesNotExistException,
  GetCommitCommand,
  GetFileCommand,
} from "@aws-sdk/client-codecommit";
import { GetParameterCommand, ParameterNotFound, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { CodeCommitGit } from "../../connector/src/aws/codecommit";
import { SsmKeys } from "../../connector/src/aws/ssm";

describe("connector: AWS adapters", () => {
  const ssm = mockClient(SSMClient);
  const cc = mockClient(CodeCommitClient);
  afterEach(() => {
    ssm.reset();
    cc.reset();
  });
  after(() => {
    ssm.restore();
    cc.restore();
  });

  it("SsmKeys: caches keys 5 minutes and unknown environments 1 minute; re-reads at most every 30 s", async () => {
    let now = 0;
    const keys = new SsmKeys(new SSMClient({ region: "us-east-1" }), "/p/", () => now);
    ssm.on(GetParameterCommand, { Name: "/p/dev" }).resolves({ Parameter: { Value: "key" } });
    ssm
      .on(GetParameterCommand, { Name: "/p/qa" })
      .rejects(new ParameterNotFound({ message: "no", $metadata: {} }));
    assert.equal((await keys.get("dev"))?.toString(), "key");
    assert.equal(await keys.get("qa"), undefined);
    now = 59_000;
    await keys.get("dev");
    await keys.get("qa");
    await keys.refresh("dev"); // 59 s after the read (a rotated key?): re-read
    assert.equal(ssm.calls().length, 3);
    await keys.refresh("dev"); // just re-read: cached
    now = 61_000;
    await keys.get("qa"); // unknown for more than a minute: asked again
    now = 5 * 60_000 + 59_001;
    await keys.get("dev"); // 5 minutes after the refresh at 59 s
    assert.deepEqual(
      ssm.calls().map((c) => (c.args[0].input as { Name?: string }).Name),
      ["/p/dev", "/p/qa", "/p/dev", "/p/qa", "/p/dev"],
    );
    assert.deepEqual(ssm.calls()[0].args[0].input, { Name: "/p/dev", WithDecryption: true });
  });

  it("CodeCommitGit: caches commits and files (immutable), answers undefined for absent ones", async () => {
    const git = new CodeCommitGit(new CodeCommitClient({ region: "us-east-1" }));
    cc.on(GetCommitCommand, { commitId: "a" }).resolves({ commit: { parents: ["b"] } });
    cc.on(GetCommitCommand, { commitId: "x" }).rejects(
      new CommitDoesNotExistException({ message: "no", $metadata: {} }),
    );
    cc.on(GetFileCommand).resolves({ fileContent: Buffer.from("images: []") });
    assert.deepEqual(await git.getCommit("r", "a"), { commitId: "a", parents: ["b"] });
    assert.deepEqual(await git.getCommit("r", "a"), { commitId: "a", parents: ["b"] });
    assert.equal(await git.getCommit("r", "x"), undefined);
    assert.equal(await git.getFile("r", "a", "k.yaml"), "images: []");
    assert.equal(await git.getFile("r", "a", "k.yaml"), "images: []");
    assert.equal(cc.calls().length, 3);
    cc.on(GetCommitCommand, { commitId: "t" })
      .rejectsOnce(new Error("throttled"))
      .resolves({ commit: { parents: [] } });
    await assert.rejects(git.getCommit("r", "t"), /throttled/);
    assert.deepEqual(await git.getCommit("r", "t"), { commitId: "t", parents: [] });
  });
});
