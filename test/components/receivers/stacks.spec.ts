/**
 * The receivers in the recorded fixture stacks: the relay's network path (internal load balancer
 * whose only client is the relay), the cluster-info keys the GitOps content binds with, the token
 * in both places, and what a stack without receivers declares.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  IMAGE_RECEIVER_LABEL,
  RECEIVER_TOKEN_SECRET,
  RECEIVERS,
  WEBHOOK_SERVICE,
  relayNames,
} from "../../../components/receivers";
import { named, ofType, one } from "../../helpers/resources";
import { FIXTURE_ENVIRONMENTS, fixtureRun, runFixture } from "../../helpers/stacks";
import { FLUX_REPO, readYamlFile, type KubeObject } from "../../gitops/helpers";

const clusterInfo = (run: Awaited<ReturnType<typeof fixtureRun>>) =>
  one(run, "kubernetes:core/v1:ConfigMap", `${run.stack.replace(/^/, "gitops-")}-flux-cluster-info`)
    .inputs.data as Record<string, string>;

describe("components/receivers: the relay in the fixture stacks", () => {
  for (const env of FIXTURE_ENVIRONMENTS) {
    it(`${env}: an internal NLB only the relay reaches, in the private subnets`, async () => {
      const run = await fixtureRun(env);
      const names = relayNames(`gitops-${env}`);
      const prefix = `gitops-${env}-receivers`;
      const lb = named(run, "aws:lb/loadBalancer:LoadBalancer", `${prefix}-nlb`).inputs;
      assert.deepEqual(
        [lb.name, lb.internal, lb.loadBalancerType, lb.enableCrossZoneLoadBalancing],
        [names.loadBalancer, true, "network", true],
      );
      const fn = named(run, "aws:lambda/function:Function", `${prefix}-function`).inputs;
      assert.deepEqual(fn.vpcConfig.subnetIds, lb.subnets);
      assert.match(String(fn.environment.variables.RECEIVER_ENDPOINT), /^http:\/\/internal-/);
      // Ingress to the load balancer: one rule, from the relay's group, on port 80.
      const sgId = (n: string) =>
        named(run, "aws:ec2/securityGroup:SecurityGroup", `${prefix}-${n}`).urn;
      const ingress = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
      const toLb = ingress.filter((r) =>
        r.propertyDependencies.securityGroupId?.includes(sgId("load-balancer")),
      );
      assert.equal(toLb.length, 1);
      assert.deepEqual(toLb[0].propertyDependencies.referencedSecurityGroupId, [sgId("function")]);
      assert.deepEqual(
        [
          toLb[0].inputs.ipProtocol,
          toLb[0].inputs.fromPort,
          toLb[0].inputs.toPort,
          toLb[0].inputs.cidrIpv4,
        ],
        ["tcp", WEBHOOK_SERVICE.port, WEBHOOK_SERVICE.port, undefined],
      );
      // cluster-info carries what the TargetGroupBinding needs, unsuspended.
      const info = clusterInfo(run);
      const tg = named(run, "aws:lb/targetGroup:TargetGroup", `${prefix}-targets`);
      assert.deepEqual(
        [tg.inputs.targetType, tg.inputs.port, tg.inputs.protocol],
        ["ip", WEBHOOK_SERVICE.targetPort, "TCP"],
      );
      assert.equal(info.RECEIVERS_SUSPEND, "false");
      assert.match(
        info.RECEIVER_TARGET_GROUP_ARN,
        new RegExp(`:targetgroup/${names.targetGroup}/`),
      );
      assert.match(info.RECEIVER_SECURITY_GROUP_ID, /./);
    });
  }

  it("writes one token to the cluster Secret and to the relay's SSM parameter, as secrets", async () => {
    const run = await fixtureRun("dev");
    const secret = named(run, "kubernetes:core/v1:Secret", "gitops-dev-receiver-token-secret");
    const parameter = named(run, "aws:ssm/parameter:Parameter", "gitops-dev-receiver-token-token");
    assert.deepEqual(secret.inputs.metadata, {
      name: RECEIVER_TOKEN_SECRET,
      namespace: "flux-system",
    });
    assert.equal(parameter.inputs.name, relayNames("gitops-dev").tokenParameter);
    assert.equal(parameter.inputs.type, "SecureString");
    // Both come from the one generated password, and both stay Pulumi secrets.
    const token = named(
      run,
      "random:index/randomPassword:RandomPassword",
      "gitops-dev-receiver-token-token",
    );
    assert.deepEqual(secret.propertyDependencies.stringData, [token.urn]);
    assert.deepEqual(parameter.propertyDependencies.value, [token.urn]);
    assert.deepEqual([secret.inputs.stringData, secret.secretInputs], ["[secret]", ["stringData"]]);
    assert.deepEqual([parameter.inputs.value, parameter.secretInputs], ["[secret]", ["value"]]);
  });

  it("without receivers: no relay, the Secret still (Receivers stay Ready), content suspended", async () => {
    const run = await runFixture("staging", { config: { fluxReceivers: false } });
    assert.deepEqual(
      run.resources.filter((r) => r.name.startsWith("gitops-staging-receivers")).map((r) => r.name),
      [],
    );
    assert.equal(
      ofType(run, "aws:ssm/parameter:Parameter").filter((p) =>
        String(p.inputs.name).includes("flux-receivers"),
      ).length,
      0,
    );
    named(run, "kubernetes:core/v1:Secret", "gitops-staging-receiver-token-secret");
    const info = clusterInfo(run);
    assert.deepEqual(
      [info.RECEIVERS_SUSPEND, info.RECEIVER_TARGET_GROUP_ARN, info.RECEIVER_SECURITY_GROUP_ID],
      ["true", "", ""],
    );
    // Polling is no fallback there: the profile's own intervals.
    assert.equal(info.SOURCE_INTERVAL, "5m");
  });
});

describe("components/receivers: the Receivers of the GitOps content keep the relay's contract", () => {
  const objects = (file: string) => readYamlFile(path.join(FLUX_REPO, file)) as KubeObject[];
  const receivers = [
    ...objects("infrastructure/receivers/receivers.yaml"),
    ...objects("apps/dev/image-receiver.yaml"),
  ];

  it("names every Receiver the relay calls, generic-hmac with the token Secret", () => {
    assert.deepEqual(receivers.map((r) => r.metadata.name).sort(), Object.values(RECEIVERS).sort());
    for (const r of receivers) {
      assert.equal(r.kind, "Receiver");
      assert.equal(r.metadata.namespace, "flux-system");
      assert.deepEqual(
        [r.spec?.type, r.spec?.secretRef],
        ["generic-hmac", { name: RECEIVER_TOKEN_SECRET }],
      );
    }
  });

  it("selects the image Receiver's ImageRepositories by the label apps/dev puts on all of them", () => {
    const images = receivers.find((r) => r.metadata.name === RECEIVERS.images);
    assert.deepEqual((images?.spec?.resources as unknown[])[0], {
      apiVersion: "image.toolkit.fluxcd.io/v1",
      kind: "ImageRepository",
      name: "*",
      matchLabels: { [IMAGE_RECEIVER_LABEL.key]: IMAGE_RECEIVER_LABEL.value },
    });
  });
});
