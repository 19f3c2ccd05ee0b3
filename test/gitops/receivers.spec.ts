/**
 * The receivers' GitOps content, built and checked: the image Receiver selects every
 * ImageRepository of an image-automation environment (the label patch reaches them all), and the
 * checks behind the schema test reject a broken Receiver or TargetGroupBinding.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { IMAGE_RECEIVER_LABEL } from "../../components/receivers";
import {
  AUTOMATION_ENVIRONMENTS,
  FLUX_REPO,
  SERVICES,
  buildAppsByEnvironment,
  findKubectl,
  parseYamlStream,
  readYamlFile,
  type KubeObject,
} from "./helpers";
import { schemaError } from "./schemas";

describe("gitops/ receivers", function () {
  const kubectl = findKubectl();
  let built = new Map<string, string>();
  before(async function () {
    if (kubectl === undefined) this.skip();
    built = await buildAppsByEnvironment(kubectl);
  });

  it("labels every ImageRepository the image Receiver selects, in each automation environment", () => {
    assert.ok(AUTOMATION_ENVIRONMENTS.length > 0);
    for (const env of AUTOMATION_ENVIRONMENTS) {
      const objects = parseYamlStream(built.get(env) ?? "", env) as KubeObject[];
      const repos = objects.filter((o) => o.kind === "ImageRepository");
      assert.deepEqual(repos.map((r) => r.metadata.name).sort(), [...SERVICES].sort(), env);
      for (const r of repos) {
        const labels = r.metadata.labels as Record<string, string> | undefined;
        assert.equal(labels?.[IMAGE_RECEIVER_LABEL.key], IMAGE_RECEIVER_LABEL.value);
      }
      assert.equal(objects.filter((o) => o.kind === "Receiver").length, 1, env);
    }
  });

  it("rejects a broken Receiver and a broken TargetGroupBinding", async () => {
    const [receiver] = readYamlFile(
      path.join(FLUX_REPO, "infrastructure/receivers/receivers.yaml"),
    ) as KubeObject[];
    assert.equal(await schemaError(receiver), undefined);
    const unsigned = structuredClone(receiver);
    (unsigned.spec as Record<string, unknown>).type = "codecommit";
    assert.match((await schemaError(unsigned)) ?? "", /spec\/type must be equal to one of/);
    const [binding] = readYamlFile(
      path.join(FLUX_REPO, "infrastructure/receivers/webhook-target-group-binding.yaml"),
    ) as KubeObject[];
    assert.equal(await schemaError(binding), undefined);
    const typo = structuredClone(binding);
    (typo.spec as Record<string, unknown>).targetGroupArn = "x";
    assert.equal(await schemaError(typo), "unknown TargetGroupBinding fields: targetGroupArn");
    const udp = structuredClone(binding) as KubeObject & {
      spec: { networking: { ingress: { ports: { protocol: string }[] }[] } };
    };
    udp.spec.networking.ingress[0].ports[0].protocol = "HTTP";
    assert.equal(await schemaError(udp), 'port protocol "HTTP"');
  });
});
