import * as assert from "node:assert/strict";
import {
  accelerator,
  cpuArchitecture,
  EC2_INSTANCE_TYPES,
  instanceTypeMixProblem,
} from "../../../components/cluster";

describe("components/cluster: instance types", () => {
  it("knows the EC2 API's types (the SDK's InstanceType enum) and not made-up ones", () => {
    for (const t of ["t3.large", "t3a.large", "m5.large", "m6i.large", "m7g.large", "c7gn.xlarge"])
      assert.ok(EC2_INSTANCE_TYPES.has(t), t);
    for (const t of ["m9z.large", "t3.mega", "t3.large "]) assert.ok(!EC2_INSTANCE_TYPES.has(t), t);
  });

  it("reads the architecture from the family name (Graviton: g after the generation, and a1)", () => {
    const arm = [
      "a1.medium",
      "t4g.small",
      "m6g.large",
      "m6gd.large",
      "c7gn.xlarge",
      "r8g.large",
      "x2gd.large",
      "im4gn.large",
      "is4gen.large",
      "hpc7g.4xlarge",
      "g5g.xlarge",
    ];
    const x86 = [
      "t3.large",
      "m5.large",
      "m7i-flex.large",
      "g4dn.xlarge",
      "gr6.4xlarge",
      "x2iedn.xlarge",
      "u-6tb1.112xlarge",
      "inf2.xlarge",
    ];
    for (const t of arm) assert.equal(cpuArchitecture(t), "arm64", t);
    for (const t of x86) assert.equal(cpuArchitecture(t), "x86_64", t);
    assert.equal(cpuArchitecture("mac2.metal"), "mac");
  });

  it("names the accelerator of GPU, Neuron and other accelerated families only", () => {
    assert.deepEqual(
      [
        "p5.48xlarge",
        "g5.xlarge",
        "gr6.4xlarge",
        "inf2.xlarge",
        "trn1.2xlarge",
        "dl1.24xlarge",
        "f1.2xlarge",
        "vt1.3xlarge",
        "m5.large",
        "c7gn.large",
      ].map(accelerator),
      [
        "NVIDIA GPUs",
        "NVIDIA GPUs",
        "NVIDIA GPUs",
        "AWS Neuron chips",
        "AWS Neuron chips",
        "accelerators",
        "accelerators",
        "accelerators",
        undefined,
        undefined,
      ],
    );
  });

  it("accepts one architecture without accelerators; names the mix otherwise", () => {
    assert.equal(instanceTypeMixProblem(["t3.large", "t3a.large", "m5.large"]), undefined);
    assert.equal(instanceTypeMixProblem(["m7g.large", "c7g.large"]), undefined);
    assert.equal(
      instanceTypeMixProblem(["m5.large", "m6g.large", "t3.large"]),
      "mixes CPU architectures (x86_64: m5.large, t3.large; arm64: m6g.large); one node group runs one AMI, for one architecture",
    );
  });
});
