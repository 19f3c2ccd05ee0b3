import * as assert from "node:assert/strict";
import {
  coalescedCommits,
  commentText,
  kustomizationFile,
  kustomizationImages,
  MAX_COMMENT_CHARS,
  type GitPort,
} from "../../connector/src/git";
import type { DeploymentStatusChangeDetail } from "../../connector/src/contract";
import { configFromEnvironment, CONNECTOR_ENVIRONMENT } from "../../connector/src/config";
import { OVERLAY, FakeGit } from "./ports";
import { SHA_A, SHA_B, SHA_C, SHA_D } from "./fixtures";

const DETAIL: DeploymentStatusChangeDetail = {
  schemaVersion: 1,
  id: "f".repeat(64),
  environment: "staging",
  cluster: "gitops-staging",
  application: "Kustomization/flux-system/front-end",
  revision: `main@sha1:${SHA_A}`,
  commitId: SHA_A,
  repository: "microservices-repo",
  images: ["r/front-end:main-1f49071-3"],
  status: "failed",
  reason: "HealthCheckFailed",
  message: "health check failed after 5m0s",
  firstSeenAt: "2026-08-07T16:00:00.000Z",
  statusSince: "2026-08-07T16:05:00.000Z",
};

describe("connector: Git helpers (comment, images, coalesced walk)", () => {
  it("writes a comment naming environment, status and Flux's message", () => {
    assert.equal(
      commentText(DETAIL),
      [
        `**staging**: Kustomization/flux-system/front-end FAILED at main@sha1:${SHA_A}`,
        "",
        "- environment: staging (cluster gitops-staging)",
        "- status: failed (HealthCheckFailed) since 2026-08-07T16:05:00.000Z",
        "- images: r/front-end:main-1f49071-3",
        "",
        "Flux:",
        "",
        "```",
        "health check failed after 5m0s",
        "```",
        "",
        "(gitops-platform deployment feedback)",
      ].join("\n"),
    );
    assert.match(
      commentText({ ...DETAIL, status: "superseded", supersededBy: "main@sha1:x" }),
      /^- superseded by: main@sha1:x$/m,
    );
  });

  it("cuts Flux's message so that the comment stays within CodeCommit's 10,240 characters", () => {
    const long = commentText({ ...DETAIL, message: "x".repeat(39_000) });
    assert.ok(long.length <= MAX_COMMENT_CHARS, String(long.length));
    assert.match(long, /x…\n```\n\n\(gitops-platform deployment feedback\)$/);
  });

  it("reads images of a kustomization.yaml, substituting the registry", () => {
    assert.deepEqual(
      kustomizationImages(OVERLAY("main-1f49071-7"), { ECR_REGISTRY: "1.dkr.ecr.r.amazonaws.com" }),
      ["1.dkr.ecr.r.amazonaws.com/front-end:main-1f49071-7"],
    );
    const pinned =
      "images:\n  - name: front-end\n    newName: r/front-end\n    newTag: main-1\n    digest: sha256:" +
      "a".repeat(64) +
      "\n  - name: nginx\n    newTag: 1.27\n  - {}\n";
    assert.deepEqual(kustomizationImages(pinned, {}), [
      `r/front-end:main-1@sha256:${"a".repeat(64)}`,
      "nginx:1.27",
    ]);
    assert.deepEqual(kustomizationImages("images: ${X}/y", {}), []);
    assert.deepEqual(kustomizationImages(": :\n\t- [", {}), []);
    assert.deepEqual(kustomizationImages("resources: [a.yaml]", {}), []);
    assert.deepEqual(kustomizationImages("images:\n  - newName: ${UNKNOWN}/x\n    name: x\n", {}), [
      "${UNKNOWN}/x",
    ]);
  });

  it("maps a Kustomization path to its kustomization.yaml", () => {
    assert.equal(kustomizationFile("./overlays/dev"), "overlays/dev/kustomization.yaml");
    assert.equal(kustomizationFile("overlays/dev/"), "overlays/dev/kustomization.yaml");
    assert.equal(kustomizationFile("./"), "kustomization.yaml");
    assert.equal(kustomizationFile(""), "kustomization.yaml");
  });

  it("walks first parents back to the previous revision, within its bound, or reports it unreached", async () => {
    const git = new FakeGit();
    assert.deepEqual(await coalescedCommits(git, "microservices-repo", SHA_D, SHA_A), {
      commits: [SHA_C, SHA_B],
      reached: true,
    });
    assert.deepEqual(await coalescedCommits(git, "microservices-repo", SHA_B, SHA_A), {
      commits: [],
      reached: true,
    });
    assert.deepEqual(await coalescedCommits(git, "microservices-repo", SHA_D, SHA_A, 1), {
      commits: [],
      reached: false,
    });
    // A previous revision not in the history (a force-push): nothing is recorded.
    assert.deepEqual(await coalescedCommits(git, "microservices-repo", SHA_D, "e".repeat(40)), {
      commits: [],
      reached: false,
    });
    let calls = 0;
    const endless: GitPort = {
      getCommit: (_r, id) =>
        Promise.resolve({ commitId: id, parents: [String(++calls).padStart(40, "0")] }),
      getFile: () => Promise.resolve(undefined),
      comment: () => Promise.resolve(),
    };
    assert.deepEqual(await coalescedCommits(endless, "r", SHA_D, SHA_A), {
      commits: [],
      reached: false,
    });
    assert.equal(calls, 11);
  });

  it("reads its configuration from the function's environment, naming what is missing", () => {
    assert.throws(
      () => configFromEnvironment({ [CONNECTOR_ENVIRONMENT.table]: "t" }),
      new Error(
        "connector: environment variables not set: KEY_PARAMETER_PREFIX, GITOPS_REPOSITORIES, ECR_REGISTRY",
      ),
    );
    assert.deepEqual(
      configFromEnvironment({
        [CONNECTOR_ENVIRONMENT.table]: "t",
        [CONNECTOR_ENVIRONMENT.keyParameterPrefix]: "/p/",
        [CONNECTOR_ENVIRONMENT.repositories]: "flux-repo, microservices-repo,",
        [CONNECTOR_ENVIRONMENT.ecrRegistry]: "r",
      }),
      {
        table: "t",
        keyParameterPrefix: "/p/",
        connector: {
          repositories: ["flux-repo", "microservices-repo"],
          substitutions: { ECR_REGISTRY: "r" },
        },
      },
    );
  });
});
