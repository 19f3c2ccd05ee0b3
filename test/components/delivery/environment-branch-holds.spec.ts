/**
 * A service added after a later stage's branch exists gets its hold on that branch (mocked
 * CodeCommit): only the new service's folder, only when the branch lacks its overlay, one commit on
 * the branch head; nothing when the folder is there (a promotion brought it) or nothing is new.
 */
import * as assert from "node:assert/strict";
import {
  BranchDoesNotExistException,
  CodeCommitClient,
  CreateCommitCommand,
  FileDoesNotExistException,
  GetBranchCommand,
  GetFileCommand,
} from "@aws-sdk/client-codecommit";
import { mockClient } from "aws-sdk-client-mock";
import {
  environmentBranchProvider,
  type EnvironmentBranchInputs,
} from "../../../components/delivery/environment-branch";
import { newHoldFiles } from "../../../components/delivery/environment-branch-holds";
import { HOLD_FILE, holdFiles } from "../../../components/delivery/promotion-hold";

const cc = mockClient(CodeCommitClient);
const HEAD = "abcd".padEnd(40, "0");
const inputs = (services: string[]): EnvironmentBranchInputs => ({
  region: "eu-west-1",
  profile: "",
  repositoryName: "microservices-repo",
  branch: "env/staging",
  fromBranch: "main",
  files: holdFiles("staging", services),
  commitMessage: "env/staging: branch for promotions, held until the first one",
  authorName: "gitops-platform",
  email: "gitops-platform@users.noreply.local",
});
const olds = { ...inputs(["front-end"]), commitId: HEAD, created: true };
const missing = () => new FileDoesNotExistException({ message: "no", $metadata: {} });

describe("components/delivery: holds of services added to an existing branch", () => {
  beforeEach(() => {
    cc.reset();
    cc.on(GetBranchCommand).resolves({ branch: { branchName: "env/staging", commitId: HEAD } });
  });

  it("the new service's hold files only", () => {
    const added = newHoldFiles(olds.files, inputs(["front-end", "catalogue"]).files);
    assert.deepEqual(
      added.map((f) => f.path),
      ["overlays/staging/catalogue/kustomization.yaml", `overlays/staging/catalogue/${HOLD_FILE}`],
    );
    assert.deepEqual(newHoldFiles(olds.files, olds.files), []);
  });

  it("a new service is a change; commits its hold on the branch head when its overlay is missing", async () => {
    const news = inputs(["front-end", "catalogue"]);
    assert.equal((await environmentBranchProvider.diff!("id", olds, news)).changes, true);
    cc.on(GetFileCommand).rejects(missing());
    cc.on(CreateCommitCommand).resolves({ commitId: "beef".padEnd(40, "0") });
    const { outs } = await environmentBranchProvider.update!("id", olds, news);
    const commits = cc.commandCalls(CreateCommitCommand);
    assert.equal(commits.length, 1);
    const input = commits[0].args[0].input;
    assert.equal(input.branchName, "env/staging");
    assert.equal(input.parentCommitId, HEAD);
    assert.deepEqual(
      input.putFiles?.map((f) => f.filePath),
      ["overlays/staging/catalogue/kustomization.yaml", `overlays/staging/catalogue/${HOLD_FILE}`],
    );
    assert.equal(cc.commandCalls(GetFileCommand)[0].args[0].input.commitSpecifier, HEAD);
    assert.equal(outs?.commitId, "beef".padEnd(40, "0"));
  });

  it("leaves a service whose overlay the branch has (promoted already) alone", async () => {
    cc.on(GetFileCommand).resolves({ fileContent: Buffer.from("resources: []\n") });
    const { outs } = await environmentBranchProvider.update!(
      "id",
      olds,
      inputs(["front-end", "catalogue"]),
    );
    assert.equal(cc.commandCalls(CreateCommitCommand).length, 0);
    assert.equal(outs?.commitId, HEAD);
  });

  it("nothing new, or the branch gone: no call that writes", async () => {
    await environmentBranchProvider.update!("id", olds, inputs(["front-end"]));
    assert.equal(cc.calls().length, 0);
    cc.on(GetBranchCommand).rejects(
      new BranchDoesNotExistException({ message: "no", $metadata: {} }),
    );
    const { outs } = await environmentBranchProvider.update!(
      "id",
      olds,
      inputs(["front-end", "catalogue"]),
    );
    assert.equal(cc.commandCalls(CreateCommitCommand).length, 0);
    assert.equal(outs?.commitId, HEAD);
  });
});
