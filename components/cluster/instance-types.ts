/**
 * EC2 instance types a managed node group can run, as pure checks: the type exists, one CPU
 * architecture per group, and an EKS-optimized AMI that fits without a GPU or Neuron driver choice
 * (the program lets pulumi-eks pick the standard AL2023 AMI for the group's architecture).
 */
import { _InstanceType } from "@aws-sdk/client-ec2";

/**
 * Every instance type the EC2 API knows: the `InstanceType` enum of @aws-sdk/client-ec2 (generated
 * from the EC2 service model; a newer type needs a newer SDK: `npm view @aws-sdk/client-ec2 version`).
 */
export const EC2_INSTANCE_TYPES: ReadonlySet<string> = new Set(Object.values(_InstanceType));

export type CpuArchitecture = "x86_64" | "arm64";

/** `m6gd.large` -> family `m6gd`, generation 6, attributes `gd`. */
function family(type: string): { prefix: string; attributes: string; name: string } {
  const name = type.split(".")[0];
  const m = /^([a-z-]+?)(\d+)([a-z-]*)$/.exec(name);
  return m ? { prefix: m[1], attributes: m[3], name } : { prefix: name, attributes: "", name };
}

/**
 * CPU architecture from the instance type's name: AWS marks Graviton families with `g` after the
 * generation (m6g, c7gn, r8gd, t4g, x2gd, im4gn, is4gen, g5g) and `a1` is Graviton's first
 * generation ("Instance type naming conventions", https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html).
 * Mac instances are `mac`: EKS has no AMI for them.
 */
export function cpuArchitecture(type: string): CpuArchitecture | "mac" {
  const f = family(type);
  if (f.prefix.startsWith("mac")) return "mac";
  if (f.name === "a1" || f.attributes.includes("g")) return "arm64";
  return "x86_64";
}

/**
 * Accelerated families need the NVIDIA or Neuron AMI variant (p, g, gr: NVIDIA GPUs; inf, trn:
 * AWS Neuron; dl, f, vt: Gaudi, FPGA and video cards with drivers of their own), which this
 * program does not select. https://docs.aws.amazon.com/ec2/latest/instancetypes/ac.html
 */
export function accelerator(type: string): string | undefined {
  const p = family(type).prefix;
  if (p === "p" || p === "g" || p === "gr") return "NVIDIA GPUs";
  if (p === "inf" || p === "trn") return "AWS Neuron chips";
  if (p === "dl" || p === "f" || p === "vt") return "accelerators";
  return undefined;
}

/**
 * What is wrong with one node group's instance types as a whole, or undefined: a single
 * architecture, no accelerated or Mac type.
 */
export function instanceTypeMixProblem(types: readonly string[]): string | undefined {
  const bad = types.find((t) => cpuArchitecture(t) === "mac" || accelerator(t));
  if (bad) {
    return cpuArchitecture(bad) === "mac"
      ? `${bad} is a Mac instance: EKS has no node AMI for it`
      : `${bad} carries ${accelerator(bad)}: the group would get the standard AL2023 AMI, without their driver`;
  }
  const arch = new Set(types.map(cpuArchitecture));
  if (arch.size > 1) {
    const byArch = [...arch].map(
      (a) => `${a}: ${types.filter((t) => cpuArchitecture(t) === a).join(", ")}`,
    );
    return `mixes CPU architectures (${byArch.join("; ")}); one node group runs one AMI, for one architecture`;
  }
  return undefined;
}
