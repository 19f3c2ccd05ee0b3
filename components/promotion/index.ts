/** Promotion: the names the promotion path's parts agree on (see stages.ts). */
export * from "./stages";
