import { runStack } from "./harness/run";
import { evaluate } from "./test/helpers/iam";
import { deployCalls, requestOf } from "./test/helpers/deploy-calls";
import { DEPLOYMENTS_CONFIG, deploymentsIam } from "./test/helpers/deployments-iam";
import { FIXTURE_STACKS, runFixture } from "./test/helpers/stacks";
(async () => {
  const iam = await deploymentsIam();
  const outputs = (await runStack("shared", { stackDir: FIXTURE_STACKS, config: DEPLOYMENTS_CONFIG, secrets: { deploymentsApiToken: "x" }, stackOutputs: {} }, { unmasked: true })).outputs;
  const pairs = [{ run: iam.run, role: iam.delivery }];
  for (const e of iam.environments) pairs.push({ run: await runFixture(e.stack, { stackOutputs: { "example-org/gitops-platform/shared": outputs } }), role: e });
  for (const { run, role } of pairs) {
    const seen = new Set<string>();
    for (const c of deployCalls(run).calls) {
      const r = await requestOf(c);
      const got = evaluate(r, role.identity, role.boundary);
      if (got === "allow") continue;
      const k = `${run.stack} ${got} ${c.action} [${c.target.split(" ")[0]}] ${c.resource.replace(/:123456789012:/, ":A:")} ${JSON.stringify(r.context)}`;
      if (!seen.has(c.action + c.target.split(" ")[0])) { seen.add(c.action + c.target.split(" ")[0]); console.log(k.slice(0, 400)); }
    }
  }
})().catch((e) => { console.error(e); process.exit(1); });
