/** Runs only the Flux component (recording mocks) for the component's tests. */
import * as assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import { Flux } from "../../../components/flux/flux";
import { hex, MOCK_ACCOUNT } from "../../../harness/mocks";
import { type RecordedResource, type StackRun } from "../../../harness/run";
import { loadSettings } from "../../../stacks/load";
import type { RuntimeSettings } from "../../../stacks/settings";
import { referenceShared } from "../../../stacks/shared";
import { runFixture } from "../../helpers/stacks";

export const ROLE = `arn:aws:iam::${MOCK_ACCOUNT}:role/karpenter`;
export const KARPENTER = {
  controllerRoleArn: ROLE,
  interruptionQueue: "q",
  instanceProfile: "node",
};
/** The mocked function URL of the fixture shared stack's connector (harness/mocks.ts). */
export const FEEDBACK_URL = `https://${hex("deployment-feedback-url", 32)}.lambda-url.us-east-1.on.aws/`;
export const OIDC_HOST = "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";

/** Runs only the Flux component against the real dev settings and the mocked shared stack. */
export function runFlux(
  config: Record<string, unknown> = {},
  flux: (s: RuntimeSettings["flux"]) => RuntimeSettings["flux"] = (s) => s,
): Promise<StackRun> {
  return runFixture("dev", {
    config,
    program: () => {
      const settings = loadSettings() as RuntimeSettings;
      const component = new Flux("flux", {
        environment: settings.environment,
        namePrefix: settings.namePrefix,
        settings: flux(settings.flux),
        kubernetesProvider: new k8s.Provider("k8s", { kubeconfig: "{}" }),
        oidcProvider: {
          arn: `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${OIDC_HOST}`,
          url: `https://${OIDC_HOST}`,
        },
        clusterName: "gitops-dev",
        vpcId: "vpc-0abc",
        lbControllerRoleArn: `arn:aws:iam::${MOCK_ACCOUNT}:role/gitops-dev-lb-controller`,
        karpenter: { ...settings.karpenter, ...KARPENTER },
        region: settings.region,
        accountId: MOCK_ACCOUNT,
        shared: referenceShared(settings),
        appsBranch: "main",
      });
      return { namespace: component.namespace, roleArns: component.roleArns };
    },
  });
}

export const byName = (run: StackRun, type: string, name: string): RecordedResource => {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name} not declared`);
  return r;
};
export const names = (run: StackRun, type: string) =>
  run.resources.filter((r) => r.type === type).map((r) => r.name);
