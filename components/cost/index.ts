/** The fixed monthly cost a stack's settings commit to, and the unit prices behind it. */
export * from "./cost";
export * from "./prices";
