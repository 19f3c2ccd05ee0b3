/**
 * A destroy that completes: the order Flux's finalizers and AWS need (FluxTeardown, VpcDrain,
 * the ordering model and its rules).
 */
export { FluxTeardown, runFluxTeardown, type FluxTeardownArgs } from "./flux-teardown";
export { VpcDrain, drainOnce, runVpcDrain, type VpcDrainArgs } from "./vpc-drain";
export { teardownLayers, type FluxKustomization, type ObjectRef } from "./layers";
export {
  CONTROLLER_NODE_RULES,
  deletionOrder,
  TEARDOWN_RULES,
  teardownProblems,
  type GraphNode,
  type TeardownRule,
} from "./graph";
