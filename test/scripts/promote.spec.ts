/**
 * `npm run promote`: arguments checked before any AWS call (every problem at once), then the same
 * pull request as an event's, over the in-memory CodeCommit and ECR; rollback = an older image.
 */
import * as assert from "node:assert/strict";
import { parse } from "yaml";
import { runPromote } from "../../scripts/promote";
import { readState } from "../../promotion/src/record";
import { FIXTURE_STACKS } from "../helpers/stacks";
import { branchOf, build, FIRST, REGISTRY, rig, STAGES, type Rig } from "../promotion/rig";

const SECOND = STAGES[1].environment;

function io(r: Rig) {
  const out: string[] = [];
  const err: string[] = [];
  let calls = 0;
  return {
    out,
    err,
    calls: () => calls,
    io: {
      log: (t: string) => void out.push(t),
      error: (t: string) => void err.push(t),
      stackDir: FIXTURE_STACKS,
      now: () => new Date("2026-12-02T11:00:00Z"),
      requestedBy: "alice",
      ports: () => {
        calls++;
        return r.ports;
      },
    },
  };
}

describe("scripts/promote: npm run promote -- <env> <image reference>", () => {
  it("refuses bad arguments before any AWS call, naming each problem", async () => {
    const r = rig();
    const t = io(r);
    assert.equal(await runPromote(["qa", "front-end:1", "nope", "ghost:main-1-1"], t.io), 2);
    assert.deepEqual(t.err, [
      `unknown environment 'qa': the promotion path is ${STAGES.map((s) => s.environment).join(" -> ")}`,
      "'nope' is not an image reference <service>:<tag>, <registry>/<service>:<tag> or either with @sha256:<64 hex>",
      "'ghost:main-1-1': no service 'ghost' (services: front-end, catalogue)",
      "one service at a time, got front-end, ghost",
    ]);
    const first = io(r);
    assert.equal(await runPromote([FIRST, "front-end:main-1a2b3c4-1"], first.io), 2);
    assert.match(first.err[0], new RegExp(`^'${FIRST}' is the first stage`));
    const usage = io(r);
    assert.equal(await runPromote([SECOND], usage.io), 2);
    assert.match(usage.err[0], /^usage: npm run promote -- <environment> <image reference>/);
    assert.equal(t.calls() + first.calls() + usage.calls(), 0);
  });

  it("an image ECR does not have is refused before anything is written", async () => {
    const r = rig();
    r.ecr.push("front-end", "main-1a2b3c4-1");
    const t = io(r);
    assert.equal(await runPromote([SECOND, "front-end:main-9999999-9"], t.io), 1);
    assert.deepEqual(t.err, [
      "ECR repository front-end (us-east-1) has no tag main-9999999-9: nothing to promote.",
    ]);
    assert.equal(r.repo.prs.size, 0);
  });

  it("opens the promotion with the given image; rollback is promoting an older one", async () => {
    const r = rig();
    const old = build(r, "front-end", "1111111", 1);
    const current = build(r, "front-end", "2222222", 2);
    const t = io(r);
    assert.equal(
      await runPromote([SECOND, `${REGISTRY}/front-end:${old.tag}`], t.io),
      0,
      t.err.join("\n"),
    );
    assert.match(
      t.out[0],
      /^opened pull request 1 https:\/\/us-east-1\.console\.aws\.amazon\.com\/codesuite\/codecommit\/repositories\/microservices-repo\/pull-requests\/1\/details\?region=us-east-1$/,
    );
    const pr = r.repo.pr("1");
    const text = r.repo
      .tree(pr.sourceCommit)
      .get(`overlays/${SECOND}/front-end/kustomization.yaml`) as string;
    const [entry] = (parse(text) as { images: Record<string, string>[] }).images;
    assert.deepEqual([entry.newTag, entry.digest], [old.tag, old.digest]);
    const [record] = readState(pr.description)?.records ?? [];
    assert.deepEqual(
      [record.commitId, record.requestedBy],
      [r.repo.tip(branchOf(FIRST)), "npm run promote (alice)"],
    );
    assert.ok(
      pr.description.includes(
        `- proposed by hand at 2026-12-02T11:00:00.000Z, with the manifests ${FIRST} runs`,
      ),
    );
    assert.notEqual(old.digest, current.digest);
  });
});
