/**
 * Kubernetes versions EKS runs, with the end of standard support (after it, extended support
 * costs $0.60 per cluster-hour instead of $0.10). Source: the EKS Kubernetes release calendar
 * (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html). Add a row when EKS
 * releases a version; drop one when its extended support ends.
 */
export const EKS_KUBERNETES_VERSIONS: Readonly<Record<string, { standardSupportEnds: string }>> = {
  "1.32": { standardSupportEnds: "2026-03-23" },
  "1.33": { standardSupportEnds: "2026-07-29" },
  "1.34": { standardSupportEnds: "2026-12-02" },
  "1.35": { standardSupportEnds: "2027-03-27" },
};
