/**
 * Secrets in git: microservices-repo's `.sops.yaml` (read by `sops`, Go: RE2 regexps), the
 * optional Secret the sample app mounts, and what an encrypted file added the README's way
 * looks like to kustomize.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ENVIRONMENTS,
  MICROSERVICES_REPO,
  byName,
  findKubectl,
  kustomizeBuildAll,
  parseYamlStream,
  readYamlFile,
  type KubeObject,
} from "./helpers";
import { goRegexp } from "../helpers/go-regexp";

interface CreationRule {
  path_regex: string;
  encrypted_regex: string;
  kms?: string;
}
const [config] = readYamlFile(path.join(MICROSERVICES_REPO, ".sops.yaml")) as [
  { creation_rules: CreationRule[] },
];
const rules = config.creation_rules;

/** The rule sops picks for `file` (relative to the repository): the first that matches. */
const ruleFor = (file: string) => rules.find((r) => goRegexp(r.path_regex).test(file));
/** The environment a rule is for, read from its path_regex (`^overlays/<env>/...`). */
const envOf = (r: CreationRule) => /^\^overlays\/([a-z0-9-]+)\//.exec(r.path_regex)?.[1];

describe("gitops/microservices-repo: SOPS", () => {
  it("has one rule per shipped environment, then one for environments added later", () => {
    assert.ok(rules.length >= 2);
    for (const r of rules) {
      assert.deepEqual(Object.keys(r).sort(), ["encrypted_regex", "path_regex"], r.path_regex);
    }
    const named = rules.map(envOf).filter((e): e is string => e !== undefined);
    assert.ok(
      named.every((env) => ENVIRONMENTS.includes(env)),
      named.join(),
    );
    assert.equal(envOf(rules[rules.length - 1]), undefined, "the last rule is the catch-all");
  });

  it("routes each environment's secret files to a rule, its own where it has one", () => {
    for (const env of ENVIRONMENTS) {
      const file = `overlays/${env}/front-end/front-end-secrets.sops.yaml`;
      const rule = ruleFor(file);
      assert.ok(rule, file);
      const own = envOf(rule);
      assert.ok(own === env || own === undefined, `${file} -> ${rule.path_regex}`);
      for (const other of ENVIRONMENTS.filter((e) => e !== env)) {
        if (envOf(rule) !== undefined) {
          assert.equal(
            goRegexp(rule.path_regex).test(`overlays/${other}/front-end/x.sops.yaml`),
            false,
          );
        }
      }
    }
    assert.equal(
      ruleFor("overlays/qa/front-end/front-end-secrets.sops.yaml"),
      rules[rules.length - 1],
    );
    for (const outside of [
      "base/x.sops.yaml",
      "overlays/dev/front-end/kustomization.yaml",
      "overlays/dev/x.sops.yaml",
      "overlays/dev/front-end/nested/x.sops.yaml",
      "x.sops.yaml",
    ]) {
      assert.equal(ruleFor(outside), undefined, outside);
    }
  });

  it("encrypts data and stringData only: kustomize and Flux read apiVersion, kind and metadata", () => {
    for (const r of rules) {
      const re = goRegexp(r.encrypted_regex);
      assert.deepEqual(
        ["data", "stringData", "metadata", "kind", "apiVersion", "type", "name", "mydata"].filter(
          (k) => re.test(k),
        ),
        ["data", "stringData"],
        r.path_regex,
      );
    }
  });

  it("writes no key ARN (it holds the account; each environment's comes from its stack output)", () => {
    assert.ok(rules.every((r) => r.kms === undefined));
  });
});

describe("gitops/microservices-repo: the sample app's secret", function () {
  const kubectl = findKubectl();
  let tmp = "";
  let overlays = new Map<string, KubeObject[]>();
  let withSecret: KubeObject[] = [];

  before(async function () {
    if (kubectl === undefined) {
      console.warn("    SKIPPED: kubectl is not installed, so `kubectl kustomize` cannot run.");
      this.skip();
    }
    // A secret added as the README says: the file (shaped as sops 3.13 writes it; the values are
    // placeholders, not ciphertext) and its line in the overlay's resources.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-sops-"));
    fs.cpSync(MICROSERVICES_REPO, tmp, { recursive: true });
    const overlay = path.join(tmp, "overlays", ENVIRONMENTS[0], "front-end");
    fs.writeFileSync(path.join(overlay, "front-end-secrets.sops.yaml"), ENCRYPTED);
    const k = path.join(overlay, "kustomization.yaml");
    fs.writeFileSync(
      k,
      fs
        .readFileSync(k, "utf8")
        .replace(
          "  - ../../../base/front-end\n",
          "  - ../../../base/front-end\n  - front-end-secrets.sops.yaml\n",
        ),
    );
    const dirs = [
      ...ENVIRONMENTS.map((env) => path.join(MICROSERVICES_REPO, "overlays", env, "front-end")),
      overlay,
    ];
    const built = await kustomizeBuildAll(kubectl, dirs);
    const parse = (dir: string) => {
      const out = built.get(dir);
      if (out instanceof Error || out === undefined) throw out ?? new Error(dir);
      return parseYamlStream(out, dir) as KubeObject[];
    };
    overlays = new Map(ENVIRONMENTS.map((env, i) => [env, parse(dirs[i])]));
    withSecret = parse(overlay);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("mounts Secret front-end-secrets, optional, read-only, where the app looks for it", () => {
    for (const env of ENVIRONMENTS) {
      const pod = (byName(overlays.get(env)!, "Deployment", "front-end").spec as any).template.spec;
      assert.deepEqual(
        pod.volumes.find((v: any) => v.name === "secrets"),
        {
          name: "secrets",
          secret: { secretName: "front-end-secrets", optional: true },
        },
      );
      const container = pod.containers[0];
      assert.deepEqual(
        container.volumeMounts.find((m: any) => m.name === "secrets"),
        {
          name: "secrets",
          mountPath: "/etc/front-end/secrets",
          readOnly: true,
        },
      );
      assert.deepEqual(
        container.env.find((e: any) => e.name === "SECRETS_DIR"),
        {
          name: "SECRETS_DIR",
          value: "/etc/front-end/secrets",
        },
      );
      // Until someone adds it, there is no Secret: the app runs without.
      assert.equal(overlays.get(env)!.filter((o) => o.kind === "Secret").length, 0);
    }
  });

  it("builds an encrypted secret added the README's way, its metadata readable for Flux", () => {
    const secret = byName(withSecret, "Secret", "front-end-secrets") as any;
    assert.equal(secret.apiVersion, "v1");
    assert.match(secret.data["api-token"], /^ENC\[AES256_GCM,/);
    assert.equal(secret.sops.encrypted_regex, "^(data|stringData)$");
    assert.match(secret.sops.kms[0].arn, /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\//);
    // Everything else is the overlay as before.
    assert.deepEqual(
      withSecret.filter((o) => o.kind !== "Secret"),
      overlays.get(ENVIRONMENTS[0]),
    );
  });
});

const ENCRYPTED = `apiVersion: v1
kind: Secret
metadata:
  name: front-end-secrets
type: Opaque
data:
  api-token: ENC[AES256_GCM,data:cGxhY2Vob2xkZXI=,iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]
sops:
  kms:
    - arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
      created_at: "2026-11-23T12:00:00Z"
      enc: AQICAHhplaceholder
      aws_profile: ""
  lastmodified: "2026-11-23T12:00:00Z"
  mac: ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.13.2
`;
