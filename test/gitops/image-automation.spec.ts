import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { goRegexp } from "../helpers/go-regexp";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { formatImageTag, imagePolicyFilter } from "../../components/delivery/image-tag";
import { FLUX_NAMESPACE } from "../../components/flux/bootstrap";
import { placeholderTag } from "../../components/services";
import { deliveryProfile } from "../../stacks/profiles";
import {
  AUTOMATION_ENVIRONMENTS,
  ENVIRONMENTS,
  MICROSERVICES_REPO,
  SERVICES,
  filesUnder,
  fluxRepoObjects,
  sourceObjects,
  type KubeObject,
} from "./helpers";

/** The ImageRepository and ImagePolicy of every service in every environment with automation. */
const policies = AUTOMATION_ENVIRONMENTS.flatMap((env) =>
  SERVICES.map((service) => {
    const objects = fluxRepoObjects(`apps/${env}/${service}-image-policy.yaml`);
    return {
      env,
      service,
      repository: objects.find((o) => o.kind === "ImageRepository") as KubeObject,
      policy: objects.find((o) => o.kind === "ImagePolicy") as KubeObject,
    };
  }),
);
const filterOf = (policy: KubeObject) =>
  policy.spec?.filterTags as { pattern: string; extract: string };
const filter = filterOf(policies[0].policy);

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

describe("image automation (apps/<env> with an ImageUpdateAutomation)", () => {
  it("covers every service in every environment that runs it", () => {
    assert.ok(AUTOMATION_ENVIRONMENTS.length > 0 && SERVICES.length > 0);
    assert.equal(policies.length, AUTOMATION_ENVIRONMENTS.length * SERVICES.length);
  });

  it("uses exactly imagePolicyFilter(<pipeline branch>) from components/delivery/image-tag.ts", () => {
    assert.equal(deliveryProfile.pipelineBranch, "main");
    for (const { service, policy, repository } of policies) {
      assert.deepEqual(
        filterOf(policy),
        imagePolicyFilter(deliveryProfile.pipelineBranch),
        service,
      );
      assert.deepEqual(policy.spec?.policy, { numerical: { order: "asc" } });
      assert.deepEqual(policy.spec?.imageRepositoryRef, { name: repository.metadata.name });
    }
  });

  it("scans each service's ECR repository with provider: aws", () => {
    for (const { service, repository } of policies) {
      assert.deepEqual(repository.metadata, { name: service, namespace: FLUX_NAMESPACE });
      assert.equal(repository.spec?.image, `\${ECR_REGISTRY}/${service}`);
      assert.equal(repository.spec?.provider, "aws");
      assert.equal(repository.spec?.interval, "${IMAGE_SCAN_INTERVAL}");
    }
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
      for (const service of SERVICES) {
        const doc = parseDocument(
          fs.readFileSync(
            path.join(MICROSERVICES_REPO, `overlays/${env}/${service}/kustomization.yaml`),
            "utf8",
          ),
        );
        const tag = doc.getIn(["images", 0, "newTag"]) as string;
        assert.equal(tag, placeholderTag(deliveryProfile.pipelineBranch), `${env} ${service}`);
        assert.equal(tag, "main-0000000-0");
        assert.equal(re.test(tag), false, env);
      }
    }
  });

  it("commits to microservices-repo with an author email and a message naming the images", () => {
    for (const env of AUTOMATION_ENVIRONMENTS) {
      const automation = fluxRepoObjects(`apps/${env}/image-update-automation.yaml`)[0];
      checkAutomation(env, automation);
    }
  });
});

/** The ImageUpdateAutomation of `env`: its source, branch, author, update path and message. */
function checkAutomation(env: string, automation: KubeObject): void {
  assert.equal(automation.kind, "ImageUpdateAutomation");
  // It only applies ImagePolicies of its own namespace: one automation for every service.
  for (const { policy } of policies) {
    assert.equal(automation.metadata.namespace, policy.metadata.namespace);
  }
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
  assert.equal(spec.git.checkout.ref.branch, "${APPS_BRANCH}");
  assert.equal(spec.git.push.branch, "${APPS_BRANCH}");
  assert.match(spec.git.commit.author.email, /^[^@\s]+@[^@\s]+\.[a-z]+$/);
  assert.ok(spec.git.commit.author.name.length > 0);
  assert.deepEqual(spec.update, { path: `./overlays/${env}`, strategy: "Setters" });
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
}

describe("$imagepolicy markers in microservices-repo", () => {
  const markers = filesUnder(MICROSERVICES_REPO, [".yaml"]).flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(/\{"\$imagepolicy": "([^"]+)"\}/g)].map((m) => ({
      file: path.relative(MICROSERVICES_REPO, file),
      ref: m[1],
    })),
  );

  it("marks each service's tag in the overlays with image automation, with a policy it can see", () => {
    assert.deepEqual(
      markers,
      AUTOMATION_ENVIRONMENTS.flatMap((env) =>
        SERVICES.map((service) => ({
          file: `overlays/${env}/${service}/kustomization.yaml`,
          ref: `${FLUX_NAMESPACE}:${service}:tag`,
        })),
      ),
    );
    for (const { service, policy } of policies) {
      assert.equal(
        `${policy.metadata.namespace}:${policy.metadata.name}:tag`,
        `${FLUX_NAMESPACE}:${service}:tag`,
      );
    }
  });

  it("attaches the marker to images[].newTag of the entry for the Deployment's image", () => {
    const deployments = sourceObjects(MICROSERVICES_REPO).filter(
      (o) => o.object.kind === "Deployment",
    );
    for (const env of AUTOMATION_ENVIRONMENTS) {
      for (const service of SERVICES) {
        const text = fs.readFileSync(
          path.join(MICROSERVICES_REPO, `overlays/${env}/${service}/kustomization.yaml`),
          "utf8",
        );
        const images = parseDocument(text).get("images", true);
        assert.ok(isSeq(images));
        const entry = images.items[0];
        assert.ok(isMap(entry));
        const newTag = entry.get("newTag", true);
        assert.ok(isScalar(newTag));
        assert.equal(newTag.comment?.trim(), `{"$imagepolicy": "flux-system:${service}:tag"}`);
        // The name stays a variable: the registry comes from cluster-info, not from git.
        assert.equal(entry.get("newName"), `\${ECR_REGISTRY}/${service}`);
        assert.equal(entry.get("name"), service);
        const deployment = deployments.find(
          (o) => o.file === `base/${service}/deployment.yaml` && o.object.metadata.name === service,
        );
        const containers = (
          deployment?.object.spec as { template: { spec: { containers: { image: string }[] } } }
        ).template.spec.containers;
        assert.deepEqual(
          containers.map((c) => c.image),
          [service],
        );
      }
    }
  });
});
