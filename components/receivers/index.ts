/** Flux Receivers reached from EventBridge: the token, the relay and its pure parts. */
export { ReceiverRelay, RELAY_TIMEOUT_SECONDS, type ReceiverRelayArgs } from "./relay";
export { ReceiverToken, RECEIVER_TOKEN_LENGTH, type ReceiverTokenArgs } from "./token";
export {
  IMAGE_RECEIVER_LABEL,
  RECEIVER_TOKEN_SECRET,
  RECEIVERS,
  relayNames,
  WEBHOOK_SERVICE,
  type RelayNames,
} from "./names";
export { ecrPushPattern, gitPushPattern } from "./patterns";
export { relayPolicy, RELAY_ENI_ACTIONS, type RelayTargets } from "./policy";
export { syncedBranches, type SyncedBranches } from "./synced";
export { RELAY_ENTRY } from "./bundle";
