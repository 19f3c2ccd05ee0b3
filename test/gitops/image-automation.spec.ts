import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { goRegexp } from "../helpers/go-regexp";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { formatImageTag, imagePolicyFilter } from "../../components/delivery/image-tag";
import { FLUX_NAMESPACE } from "../../components/flux/bootstrap";
import { deliveryProfile } from "../../stacks/profiles";
import {
  ENVIRONMENTS,
  MICROSERVICES_REPO,
  filesUnder,
  fluxRepoObjects,
  sourceObjects,
  type KubeObject,
} from "./helpers";

const policyObjects = fluxRepoObjects("apps/dev/front-end-image-policy.yaml");
const imageRepository = policyObjects.find((o) => o.kind === "ImageRepository") as KubeObject;
const imagePolicy = policyObjects.find((o) => o.kind === "ImagePolicy") as KubeObject;
const automation = fluxRepoObjects("apps/dev/image-update-automation.yaml")[0];
const filter = imagePolicy.spec?.filterTags as { pattern: string; extract: string };

/**
 * What image-reflector-controller does with the tags of a repository
 * (`internal/policy/filter.go`, `numerical.go`): keep the tags the RE2 pattern matches
 * (unanchored `FindStringSubmatch`), expand `extract` with the named groups (Go
 * `Regexp.ExpandString`), key them by the extracted value (equal values collapse, last wins), parse
 * every value as a float (one failure fails the policy) and take the highest for `asc`.
 */
function selectNewest(tags: readonly string[], pattern: string, extract: string): string {
  const re = goRegexp(pattern);
  const byValue = new Map<string, string>();
  for (const tag of tags) {
    const m = re.exec(tag);
    if (m === null) continue;
    const groups = m.groups;
    const value = extract.replace(/\$\{?(\w+)\}?/g, (_all, name: string) => groups[name] ?? "");
    byValue.set(value, tag);
  }
  let best: { n: number; tag: string } | undefined;
  for (const [value, tag] of byValue) {
    const n = Number.parseFloat(value);
    if (!/^[-+]?\d+(\.\d+)?$/.test(value) || Number.isNaN(n)) {
      throw new Error(`failed to parse invalid numeric value '${value}'`);
    }
    if (best === undefined || n > best.n) best = { n, tag };
  }
  if (best === undefined) throw new Error("no tag matched");
  return best.tag;
}

const SHA = "1f49071c0ffee0ddba11ad0000000000000000aa";

describe("dev image automation (apps/dev)", () => {
  it("uses exactly imagePolicyFilter(<pipeline branch>) from components/delivery/image-tag.ts", () => {
    assert.equal(deliveryProfile.pipelineBranch, "main");
    assert.deepEqual(filter, imagePolicyFilter(deliveryProfile.pipelineBranch));
    assert.deepEqual(imagePolicy.spec?.policy, { numerical: { order: "asc" } });
    assert.deepEqual(imagePolicy.spec?.imageRepositoryRef, { name: imageRepository.metadata.name });
  });

  it("scans the front-end ECR repository with provider: aws", () => {
    assert.deepEqual(imageRepository.metadata, { name: "front-end", namespace: FLUX_NAMESPACE });
    assert.equal(imageRepository.spec?.image, `\${ECR_REGISTRY}/${deliveryProfile.services[0]}`);
    assert.equal(imageRepository.spec?.provider, "aws");
    assert.equal(imageRepository.spec?.interval, "${IMAGE_SCAN_INTERVAL}");
  });

  it("selects the newest main build by build number, not by text order", () => {
    const tags = [1, 2, 9, 10, 11, 100, 24].map((n) => formatImageTag("main", SHA, n));
    assert.equal(selectNewest(tags, filter.pattern, filter.extract), "main-1f49071-100");
    // "9" > "100" as text: the numerical policy must not sort alphabetically.
    assert.equal(selectNewest(tags.slice(0, 5), filter.pattern, filter.extract), "main-1f49071-11");
  });

  it("ignores other branches, malformed and unanchored-trick tags", () => {
    const newestMain = formatImageTag("main", SHA, 7);
    const others = [
      formatImageTag("feature/login", SHA, 500),
      formatImageTag("develop", SHA, 501),
      formatImageTag("mainline", SHA, 502),
      formatImageTag("release-main", SHA, 503),
      "main-1f4907-504", // short sha
      "main-1f49071c-505", // long sha
      "main-1F49071-506", // upper-case hex
      "main-1f49071-0507", // leading zero
      "main-1f49071-", // no build
      "main-1f49071-508-rc1",
      "main-1f49071-latest",
      "xmain-1f49071-509",
      "main-1f49071-510x",
      "latest",
      "main-1f49071-511.sig",
    ];
    const re = goRegexp(filter.pattern);
    for (const tag of others) assert.equal(re.test(tag), false, tag);
    assert.equal(re.test(newestMain), true);
    assert.equal(selectNewest([...others, newestMain], filter.pattern, filter.extract), newestMain);
  });

  it("would fail on a non-numeric value without anchors (the trap the pattern avoids)", () => {
    // Flux's loose guide example captures `.*` unanchored: one odd tag breaks the whole policy.
    assert.throws(
      () =>
        selectNewest(["main-1f49071-3", "main-1f49071-latest"], "main-[a-f0-9]+-(?P<ts>.*)", "$ts"),
      /failed to parse invalid numeric value 'latest'/,
    );
    assert.equal(
      selectNewest(["main-1f49071-3", "main-1f49071-latest"], filter.pattern, filter.extract),
      "main-1f49071-3",
    );
  });

  it("keeps the pattern and extract safe from Flux's post-build substitution", () => {
    // The apps Kustomization substitutes ${...} in everything it applies: `${build}` would fail
    // (strict substitution: no such variable). `$build` is left alone (kustomize-controller docs;
    // fluxcd/pkg envsubst `parse/scan.go`: only `${` opens a variable).
    assert.doesNotMatch(filter.pattern, /\$\{/);
    assert.equal(filter.extract, "$build");
  });

  it("rejects the seeded placeholder tag, so the first real build always replaces it", () => {
    const re = goRegexp(filter.pattern);
    for (const env of ENVIRONMENTS) {
      const doc = parseDocument(
        fs.readFileSync(
          path.join(MICROSERVICES_REPO, `overlays/${env}/kustomization.yaml`),
          "utf8",
        ),
      );
      const tag = doc.getIn(["images", 0, "newTag"]) as string;
      assert.equal(tag, "main-0000000-0", env);
      assert.equal(re.test(tag), false, env);
    }
  });

  it("commits to microservices-repo with an author email and a message naming the images", () => {
    assert.equal(automation.kind, "ImageUpdateAutomation");
    // It only applies ImagePolicies of its own namespace.
    assert.equal(automation.metadata.namespace, imagePolicy.metadata.namespace);
    const spec = automation.spec as {
      sourceRef: unknown;
      git: {
        checkout: { ref: { branch: string } };
        commit: { author: { name: string; email: string }; messageTemplate: string };
        push: { branch: string };
      };
      update: unknown;
    };
    assert.deepEqual(spec.sourceRef, { kind: "GitRepository", name: "microservices-repo" });
    assert.equal(spec.git.checkout.ref.branch, "${GIT_BRANCH}");
    assert.equal(spec.git.push.branch, "${GIT_BRANCH}");
    assert.match(spec.git.commit.author.email, /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    assert.ok(spec.git.commit.author.name.length > 0);
    assert.deepEqual(spec.update, { path: "./overlays/dev", strategy: "Setters" });
    const template = spec.git.commit.messageTemplate;
    assert.match(template, /\.Changed\.Changes/);
    assert.match(template, /\.Setter/);
    assert.match(template, /\.NewValue/);
    assert.doesNotMatch(template, /\.Updated\b/); // removed from the v1 API: Stalled
    assert.doesNotMatch(template, /\$\{/); // would be eaten by post-build substitution
    // Only Go's own template functions: Sprig helpers are not documented for the controller.
    const calls = [...template.matchAll(/\{\{(.*?)\}\}/g)].flatMap((m) =>
      [...m[1].replace(/"[^"]*"/g, "").matchAll(/(?<![.$\w])([a-zA-Z]\w*)/g)].map((w) => w[1]),
    );
    const builtins = ["range", "if", "else", "end", "index", "len", "print", "printf", "println"];
    assert.deepEqual(
      calls.filter((c) => !builtins.includes(c)),
      [],
    );
    const actions = [...template.matchAll(/\{\{-?\s*(range|if|end)\b/g)].map((m) => m[1]);
    assert.equal(
      actions.filter((a) => a !== "end").length,
      actions.filter((a) => a === "end").length,
      "every range/if has an end",
    );
    assert.equal(template.split("{{").length, template.split("}}").length);
  });
});

describe("$imagepolicy markers in microservices-repo", () => {
  const markers = filesUnder(MICROSERVICES_REPO, [".yaml"]).flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(/\{"\$imagepolicy": "([^"]+)"\}/g)].map((m) => ({
      file: path.relative(MICROSERVICES_REPO, file),
      ref: m[1],
    })),
  );

  it("marks only the dev overlay's tag, with the policy the automation can see", () => {
    assert.deepEqual(markers, [
      {
        file: "overlays/dev/kustomization.yaml",
        ref: `${imagePolicy.metadata.namespace}:${imagePolicy.metadata.name}:tag`,
      },
    ]);
  });

  it("attaches the marker to images[].newTag of the entry for the Deployment's image", () => {
    const text = fs.readFileSync(
      path.join(MICROSERVICES_REPO, "overlays/dev/kustomization.yaml"),
      "utf8",
    );
    const images = parseDocument(text).get("images", true);
    assert.ok(isSeq(images));
    const entry = images.items[0];
    assert.ok(isMap(entry));
    const newTag = entry.get("newTag", true);
    assert.ok(isScalar(newTag));
    assert.equal(newTag.comment?.trim(), '{"$imagepolicy": "flux-system:front-end:tag"}');
    // The name stays a variable: the registry comes from cluster-info, not from git.
    assert.equal(entry.get("newName"), "${ECR_REGISTRY}/front-end");
    assert.equal(entry.get("name"), "front-end");
    const deployment = sourceObjects(MICROSERVICES_REPO).find(
      (o) => o.object.kind === "Deployment",
    );
    const containers = (
      deployment?.object.spec as { template: { spec: { containers: { image: string }[] } } }
    ).template.spec.containers;
    assert.deepEqual(
      containers.map((c) => c.image),
      ["front-end"],
    );
  });
});
