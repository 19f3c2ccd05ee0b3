/** The VPC of an environment, and the subnet layout the settings validation shares. */
export {
  availabilityZoneNames,
  Network,
  natGatewayCount,
  type NatStrategy,
  type NetworkArgs,
} from "./network";
export { isPrivate, layoutSubnets, parseCidr } from "./cidr";
export {
  chooseZones,
  eksZoneIds,
  EKS_UNSUPPORTED_ZONE_IDS,
  REGION_ZONE_IDS,
  type AccountZones,
} from "./zones";
