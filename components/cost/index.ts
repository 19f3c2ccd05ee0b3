/** The fixed monthly cost a stack's settings commit to. */
export * from "./cost";
