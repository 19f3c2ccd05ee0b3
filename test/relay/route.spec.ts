import * as assert from "node:assert/strict";
import { relayConfigFromEnvironment } from "../../relay/src/config";
import { routeEvent, type RelayRoutes } from "../../relay/src/route";
import { codeCommitEvent, ecrEvent } from "../components/receivers/events";

const DEV: RelayRoutes = {
  namespace: "flux-system",
  images: { receiver: "images", repositories: ["front-end", "catalogue"] },
  git: {
    "flux-repo": { receiver: "flux-repo", branches: ["main"] },
    "microservices-repo": { receiver: "microservices-repo", branches: ["main"] },
  },
};
const STAGING: RelayRoutes = {
  namespace: "flux-system",
  git: {
    "flux-repo": { receiver: "flux-repo", branches: ["main"] },
    "microservices-repo": { receiver: "microservices-repo", branches: ["env/staging"] },
  },
};
const SHA = "0123456789abcdef0123456789abcdef01234567";
const branch = (name: string) => ({ referenceName: name, referenceFullName: `refs/heads/${name}` });

describe("relay: which Receiver an event is for", () => {
  it("routes image pushes and pushes to synced branches to their Receivers", () => {
    assert.deepEqual(routeEvent(ecrEvent(), DEV), {
      receiver: "images",
      subject: "front-end:main-1f49071-12",
    });
    assert.deepEqual(routeEvent(codeCommitEvent("flux-repo"), DEV), {
      receiver: "flux-repo",
      subject: `flux-repo@main:${SHA}`,
    });
    assert.deepEqual(
      routeEvent(codeCommitEvent("microservices-repo", branch("env/staging")), STAGING),
      { receiver: "microservices-repo", subject: `microservices-repo@env/staging:${SHA}` },
    );
  });

  it("skips, with the reason, what the environment does not sync", () => {
    const cases: [string, Record<string, any>, RelayRoutes, string][] = [
      [
        "image push without automation",
        ecrEvent(),
        STAGING,
        "no image automation in this environment",
      ],
      ["unknown image repository", ecrEvent({ "repository-name": "x" }), DEV, "ECR repository x"],
      ["failed push", ecrEvent({ result: "FAILURE" }), DEV, "ECR PUSH FAILURE"],
      [
        "another environment's branch",
        codeCommitEvent("microservices-repo", branch("env/staging")),
        DEV,
        "microservices-repo branch env/staging is not synced here",
      ],
      [
        "dev's branch, in staging",
        codeCommitEvent("microservices-repo"),
        STAGING,
        "microservices-repo branch main is not synced here",
      ],
      [
        "a tag",
        codeCommitEvent("flux-repo", { referenceType: "tag" }),
        DEV,
        "flux-repo tag main is not synced here",
      ],
      [
        "a deleted branch",
        codeCommitEvent("flux-repo", { event: "referenceDeleted" }),
        DEV,
        "CodeCommit referenceDeleted",
      ],
      [
        "the application repository",
        codeCommitEvent("app-repo"),
        DEV,
        "CodeCommit repository app-repo",
      ],
      [
        "another source",
        { source: "aws.ec2", "detail-type": "EC2 Instance State-change Notification" },
        DEV,
        "event aws.ec2 EC2 Instance State-change Notification",
      ],
    ];
    for (const [why, event, routes, reason] of cases) {
      assert.deepEqual(routeEvent(event, routes), { skip: reason }, why);
    }
  });
});

describe("relay: its configuration from the function's environment", () => {
  it("reads the three variables, and names every missing one", () => {
    assert.deepEqual(
      relayConfigFromEnvironment({
        RECEIVER_TOKEN_PARAMETER: "/gitops-dev/flux-receivers/token",
        RECEIVER_ENDPOINT: "http://internal-x.elb.us-east-1.amazonaws.com/",
        RECEIVER_ROUTES: JSON.stringify(STAGING),
      }),
      {
        tokenParameter: "/gitops-dev/flux-receivers/token",
        endpoint: "http://internal-x.elb.us-east-1.amazonaws.com",
        routes: STAGING,
      },
    );
    assert.throws(
      () => relayConfigFromEnvironment({ RECEIVER_ENDPOINT: "http://x" }),
      /^Error: relay: environment variables not set: RECEIVER_TOKEN_PARAMETER, RECEIVER_ROUTES$/,
    );
  });
});

describe("relay: tags that bring no new image", () => {
  const routes: RelayRoutes = {
    ...DEV,
    images: { ...DEV.images!, ignoredTagPrefixes: ["buildcache", "promoted-"] },
  };
  it("skips a promotion's keep tag and the build cache, routes a build's tag", () => {
    assert.deepEqual(
      routeEvent(ecrEvent({ "image-tag": "promoted-staging-7f5b2640fe6f" }), routes),
      {
        skip: "ECR tag promoted-staging-7f5b2640fe6f (promoted-*: no new image)",
      },
    );
    assert.deepEqual(routeEvent(ecrEvent({ "image-tag": "buildcache" }), routes), {
      skip: "ECR tag buildcache (buildcache*: no new image)",
    });
    assert.equal((routeEvent(ecrEvent(), routes) as { receiver?: string }).receiver, "images");
  });
});
