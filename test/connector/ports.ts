/** In-memory ports for the connector: MemoryStore, a Git host with a commit graph, an event log. */
import type { DeploymentStatusChangeDetail } from "../../connector/src/contract";
import type { CommitComment, GitPort } from "../../connector/src/git";
import { handleRequest, type ConnectorConfig, type Ports } from "../../connector/src/process";
import type { HttpResponse } from "../../connector/src/request";
import { MemoryStore } from "../../connector/src/store";
import { KEY, SHA_A, SHA_B, SHA_C, SHA_D, urlEvent } from "./fixtures";

export const CONFIG: ConnectorConfig = {
  repositories: ["flux-repo", "microservices-repo"],
  substitutions: { ECR_REGISTRY: "123456789012.dkr.ecr.us-east-1.amazonaws.com" },
};

/** microservices-repo: A <- B <- C <- D (first parents); overlays/dev lists front-end. */
export const PARENTS: Readonly<Record<string, readonly string[]>> = {
  [SHA_A]: [],
  [SHA_B]: [SHA_A],
  [SHA_C]: [SHA_B],
  [SHA_D]: [SHA_C],
};

export const OVERLAY = (tag: string) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
images:
  - name: front-end
    newName: \${ECR_REGISTRY}/front-end
    newTag: ${tag} # {"$imagepolicy": "flux-system:front-end:tag"}
`;

export class FakeGit implements GitPort {
  readonly comments: CommitComment[] = [];
  readonly calls: string[] = [];
  getCommit(repository: string, commitId: string) {
    this.calls.push(`getCommit ${repository} ${commitId.slice(0, 7)}`);
    const parents = repository === "microservices-repo" ? PARENTS[commitId] : undefined;
    return Promise.resolve(parents === undefined ? undefined : { commitId, parents });
  }
  getFile(repository: string, commitId: string, path: string) {
    this.calls.push(`getFile ${repository} ${commitId.slice(0, 7)} ${path}`);
    return Promise.resolve(
      repository === "microservices-repo" && path === "overlays/dev/kustomization.yaml"
        ? OVERLAY(`main-${commitId.slice(0, 7)}-1`)
        : undefined,
    );
  }
  comment(c: CommitComment) {
    // CodeCommit returns the first comment again for a repeated clientRequestToken.
    if (!this.comments.some((x) => x.clientRequestToken === c.clientRequestToken))
      this.comments.push(c);
    return Promise.resolve();
  }
}

export interface Rig {
  readonly store: MemoryStore;
  readonly git: FakeGit;
  readonly events: DeploymentStatusChangeDetail[];
  readonly ports: Ports;
  /** Posts a Flux event signed with dev's key. */
  post(event: string | object, o?: Parameters<typeof urlEvent>[1]): Promise<HttpResponse>;
  /** Makes the next `n` event puts fail (a crash between the ledger write and the announcement). */
  failEvents(n: number): void;
  /** The ledger row of a revision of front-end. */
  revision(rev: string, app?: string): Record<string, unknown> | undefined;
  current(app?: string): string | undefined;
}

export function rig(): Rig {
  const store = new MemoryStore();
  const git = new FakeGit();
  const events: DeploymentStatusChangeDetail[] = [];
  let failures = 0;
  const ports: Ports = {
    keys: {
      get: (env) =>
        Promise.resolve(env === "dev" ? KEY : env === "prod" ? Buffer.from("prod-key") : undefined),
      refresh: (env) => Promise.resolve(env === "dev" ? KEY : undefined),
    },
    store,
    git,
    events: {
      put: (d) => {
        if (failures > 0) {
          failures--;
          return Promise.reject(new Error("EventBridge is down"));
        }
        events.push(d);
        return Promise.resolve();
      },
    },
    now: () => new Date("2026-08-07T17:00:00Z"),
    log: () => undefined,
  };
  const app = "Kustomization/flux-system/front-end";
  return {
    store,
    git,
    events,
    ports,
    post: (event, o) => handleRequest(urlEvent(event, o), ports, CONFIG),
    failEvents: (n) => (failures = n),
    revision: (rev, a = app) => store.items.get(`dev\u0000revision#${a}#${rev}`),
    current: (a = app) => store.items.get(`dev\u0000current#${a}`)?.revision as string | undefined,
  };
}
