/** The VPC of an environment, and the subnet layout the settings validation shares. */
export { Network, natGatewayCount, type NatStrategy, type NetworkArgs } from "./network";
export { isPrivate, layoutSubnets, parseCidr } from "./cidr";
