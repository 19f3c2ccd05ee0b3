import * as assert from "node:assert/strict";
import { execFileSync } from "child_process";
import { goRegexp } from "../../helpers/go-regexp";
import { parse } from "yaml";
import { MOCK_ACCOUNT } from "../../../harness/mocks";
import { renderBuildspec, tagCommands } from "../../../components/delivery/buildspec";
import { formatImageTag, imagePolicyFilter } from "../../../components/delivery/image-tag";

const SHA = "1f49071aa0c4e3b2b6f0d5e9c8a7b6c5d4e3f2a1";

/** Runs the buildspec's commands in one bash shell, as CodeBuild does, with aws/docker stubbed. */
function runBuildspec(spec: string, env: Record<string, string>) {
  const doc = parse(spec);
  const stubs = [
    'aws() { echo "aws $*" >&2; echo token; }',
    'docker() { if [ "$1" = login ]; then cat >/dev/null; fi; echo "docker $*" >&2; }',
  ];
  const commands = [...doc.phases.pre_build.commands, ...doc.phases.build.commands];
  const script = ["set -e", ...stubs, ...commands, 'echo "$IMAGE_TAG"'].join("\n");
  const out = execFileSync("bash", ["-c", script], {
    env: { PATH: process.env.PATH, AWS_DEFAULT_REGION: "us-east-1", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return out.trim().split("\n").pop()!;
}

describe("buildspec", () => {
  const spec = renderBuildspec({ context: "front-end" });
  const env = (branch: string, build = "24") => ({
    IMAGE_REPOSITORY_URI: `${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/front-end`,
    SOURCE_BRANCH: branch,
    CODEBUILD_RESOLVED_SOURCE_VERSION: SHA,
    CODEBUILD_BUILD_NUMBER: build,
  });

  it("is buildspec 0.2 in bash, exports IMAGE_TAG, tags before building", () => {
    const doc = parse(spec);
    assert.equal(doc.version, 0.2);
    assert.deepEqual(doc.env, {
      shell: "bash",
      variables: { DOCKER_BUILDKIT: "1" },
      "exported-variables": ["IMAGE_TAG"],
    });
    assert.deepEqual(Object.keys(doc.phases), ["pre_build", "build"]);
    assert.deepEqual(doc.phases.pre_build.commands.slice(0, tagCommands().length), tagCommands());
  });

  for (const [branch, build] of [
    ["main", "24"],
    ["feature/login", "7"],
    ["release-1.2", "130"],
  ]) {
    it(`computes the tag of ${branch} from CodeBuild's variables, and the ImagePolicy selects it (RE2)`, () => {
      const tag = runBuildspec(spec, env(branch, build));
      assert.equal(tag, formatImageTag(branch, SHA, Number(build)));
      const { pattern, extract } = imagePolicyFilter(branch);
      const m = goRegexp(pattern).exec(tag);
      assert.ok(m, `${tag} does not match ${pattern}`);
      assert.equal(m.groups.build, build);
      assert.equal(m.groups.sha, SHA.slice(0, 7));
      assert.equal(extract, "$build");
    });
  }

  it("gives tags that another branch's ImagePolicy does not select", () => {
    const tag = runBuildspec(spec, env("main-old", "3"));
    assert.equal(goRegexp(imagePolicyFilter("main").pattern).test(tag), false);
  });

  it("logs in to the repository's registry, builds the service folder and pushes the tag", () => {
    const doc = parse(spec);
    const script = [
      "set -e",
      "exec 3>&1",
      'aws() { echo "aws $*" >&3; echo token; }',
      'docker() { if [ "$1" = login ]; then cat >/dev/null; fi; echo "docker $*" >&3; }',
      ...doc.phases.pre_build.commands,
      ...doc.phases.build.commands,
    ].join("\n");
    const out = execFileSync("bash", ["-c", script], {
      env: { PATH: process.env.PATH, AWS_DEFAULT_REGION: "us-east-1", ...env("main") },
      encoding: "utf8",
      // stdin not a socket: Debian's bash would otherwise read ~/.bashrc.
      stdio: ["ignore", "pipe", "pipe"],
    });
    const uri = `${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/front-end`;
    assert.deepEqual(out.trim().split("\n"), [
      "Image tag: main-1f49071-24",
      "aws ecr get-login-password --region us-east-1",
      `docker login --username AWS --password-stdin ${MOCK_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`,
      `docker build --pull --cache-from ${uri}:buildcache --build-arg BUILDKIT_INLINE_CACHE=1 --file front-end/Dockerfile --tag ${uri}:main-1f49071-24 --build-arg APP_VERSION=main-1f49071-24 --label org.opencontainers.image.revision=${SHA} front-end`,
      `docker push ${uri}:main-1f49071-24`,
      // The release first, then the cache tag moves to it.
      `docker tag ${uri}:main-1f49071-24 ${uri}:buildcache`,
      `docker push ${uri}:buildcache`,
    ]);
  });

  it("fails the build, naming the variable, when the pipeline did not pass the branch", () => {
    const rest: Record<string, string> = env("main");
    delete rest.SOURCE_BRANCH;
    assert.throws(() => runBuildspec(spec, rest), /SOURCE_BRANCH: SOURCE_BRANCH is not set/);
  });
});
