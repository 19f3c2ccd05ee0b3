/** The CodeCommit and ECR adapters against mocked SDK clients: the calls, and the answers mapped. */
import * as assert from "node:assert/strict";
import * as cc from "@aws-sdk/client-codecommit";
import * as ecr from "@aws-sdk/client-ecr";
import { mockClient } from "aws-sdk-client-mock";
import { CodeCommitRepository } from "../../promotion/src/aws/codecommit";
import { EcrRegistry, MANIFEST_MEDIA_TYPES } from "../../promotion/src/aws/ecr";

const D = `sha256:${"e".repeat(64)}`;
const meta = { message: "x", $metadata: {} };

describe("promotion: the CodeCommit and ECR adapters", () => {
  const ccMock = mockClient(cc.CodeCommitClient);
  const ecrMock = mockClient(ecr.ECRClient);
  const repo = new CodeCommitRepository(
    new cc.CodeCommitClient({ region: "us-east-1" }),
    "microservices-repo",
  );
  const registry = new EcrRegistry(new ecr.ECRClient({ region: "us-east-1" }));
  beforeEach(() => {
    ccMock.reset();
    ecrMock.reset();
  });
  after(() => {
    ccMock.restore();
    ecrMock.restore();
  });

  it("open pull requests: every page, each read and mapped to plain branch names", async () => {
    ccMock
      .on(cc.ListPullRequestsCommand, { nextToken: undefined })
      .resolves({ pullRequestIds: ["1"], nextToken: "t" })
      .on(cc.ListPullRequestsCommand, { nextToken: "t" })
      .resolves({ pullRequestIds: ["2"] })
      .on(cc.GetPullRequestCommand)
      .callsFake((input: { pullRequestId: string }) => ({
        pullRequest: {
          pullRequestId: input.pullRequestId,
          title: `t${input.pullRequestId}`,
          description: "d",
          pullRequestStatus: "OPEN",
          pullRequestTargets: [
            {
              sourceReference: "refs/heads/promotion/staging",
              destinationReference: "refs/heads/env/staging",
              sourceCommit: "s".repeat(40),
              destinationCommit: "b".repeat(40),
              mergeMetadata: { isMerged: false },
            },
          ],
        },
      }));
    const prs = await repo.openPullRequests();
    assert.deepEqual(prs[1], {
      id: "2",
      title: "t2",
      description: "d",
      status: "OPEN",
      sourceBranch: "promotion/staging",
      destinationBranch: "env/staging",
      sourceCommit: "s".repeat(40),
      merged: false,
    });
    assert.deepEqual(ccMock.commandCalls(cc.ListPullRequestsCommand)[0].args[0].input, {
      repositoryName: "microservices-repo",
      pullRequestStatus: "OPEN",
      nextToken: undefined,
    });
    // A comment needs the pull request's commits; closing sets the status.
    ccMock.on(cc.PostCommentForPullRequestCommand).resolves({});
    ccMock.on(cc.UpdatePullRequestStatusCommand).resolves({});
    await repo.comment("2", "hello");
    assert.deepEqual(ccMock.commandCalls(cc.PostCommentForPullRequestCommand)[0].args[0].input, {
      pullRequestId: "2",
      repositoryName: "microservices-repo",
      beforeCommitId: "b".repeat(40),
      afterCommitId: "s".repeat(40),
      content: "hello",
    });
    await repo.closePullRequest("2");
    assert.deepEqual(ccMock.commandCalls(cc.UpdatePullRequestStatusCommand)[0].args[0].input, {
      pullRequestId: "2",
      pullRequestStatus: "CLOSED",
    });
  });

  it("absent branches, folders and files are undefined or empty; other errors throw", async () => {
    ccMock.on(cc.GetBranchCommand).rejects(new cc.BranchDoesNotExistException(meta));
    ccMock.on(cc.GetFolderCommand).rejects(new cc.FolderDoesNotExistException(meta));
    ccMock.on(cc.GetFileCommand).rejects(new cc.FileDoesNotExistException(meta));
    assert.equal(await repo.branchHead("promotion/prod"), undefined);
    assert.deepEqual(await repo.listFiles("c", "base/x"), []);
    assert.equal(await repo.getFile("c", "base/x/kustomization.yaml"), undefined);
    ccMock.on(cc.GetBranchCommand).rejects(new Error("throttled"));
    await assert.rejects(repo.branchHead("env/prod"), /throttled/);
  });

  it("ECR: a tag's digest and registry; the keep tag put back on the stored manifest", async () => {
    ecrMock.on(ecr.DescribeImagesCommand).resolves({
      imageDetails: [{ imageDigest: D, imageTags: ["main-1-1"], registryId: "123456789012" }],
    });
    assert.deepEqual(await registry.describeTag("front-end", "main-1-1"), {
      digest: D,
      tags: ["main-1-1"],
      registryId: "123456789012",
    });
    ecrMock.on(ecr.DescribeImagesCommand).rejects(new ecr.ImageNotFoundException(meta));
    assert.equal(await registry.describeTag("front-end", "nope"), undefined);
    ecrMock
      .on(ecr.BatchGetImageCommand)
      .resolves({
        images: [{ imageManifest: "{}", imageManifestMediaType: MANIFEST_MEDIA_TYPES[2] }],
      })
      .on(ecr.PutImageCommand)
      .resolvesOnce({})
      .rejects(new ecr.ImageAlreadyExistsException(meta));
    assert.equal(await registry.addTag("front-end", D, "promoted-staging-eeeeeeeeeeee"), true);
    assert.equal(await registry.addTag("front-end", D, "promoted-staging-eeeeeeeeeeee"), false);
    assert.deepEqual(ecrMock.commandCalls(ecr.BatchGetImageCommand)[0].args[0].input, {
      repositoryName: "front-end",
      imageIds: [{ imageDigest: D }],
      acceptedMediaTypes: MANIFEST_MEDIA_TYPES,
    });
    ecrMock.on(ecr.PutImageCommand).rejects(new ecr.ImageTagAlreadyExistsException(meta));
    await assert.rejects(
      registry.addTag("front-end", D, "taken"),
      (e: Error) => e.name === "ImageTagAlreadyExistsException",
    );
  });
});
