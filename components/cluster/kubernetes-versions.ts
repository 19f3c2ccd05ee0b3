/**
 * Kubernetes versions a new EKS cluster can run, with the end of standard support (after it,
 * extended support costs $0.60 per cluster-hour instead of $0.10) and of extended support (after
 * it, EKS upgrades the cluster itself). Source: the EKS Kubernetes release calendar
 * (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html), checked 2026-11-23
 * against endoflife.date/amazon-eks (which tracks that table): 1.36 reached EKS on 2026-06-02;
 * Kubernetes 1.37 (upstream 2026-08-26) was not yet listed for EKS. 1.31 is left out: its extended
 * support ends 2026-11-26, so a new 1.31 cluster would be upgraded by EKS within days.
 * Add a row when EKS releases a version; drop one when its extended support ends.
 */
export interface EksVersionSupport {
  /** Last day of standard support (ISO date). */
  readonly standardSupportEnds: string;
  /** Last day of extended support (ISO date). */
  readonly extendedSupportEnds: string;
}

export const EKS_KUBERNETES_VERSIONS: Readonly<Record<string, EksVersionSupport>> = {
  "1.32": { standardSupportEnds: "2026-03-23", extendedSupportEnds: "2027-03-23" },
  "1.33": { standardSupportEnds: "2026-07-29", extendedSupportEnds: "2027-07-29" },
  "1.34": { standardSupportEnds: "2026-12-02", extendedSupportEnds: "2027-12-02" },
  "1.35": { standardSupportEnds: "2027-03-27", extendedSupportEnds: "2028-03-27" },
  "1.36": { standardSupportEnds: "2027-08-02", extendedSupportEnds: "2028-08-02" },
};
