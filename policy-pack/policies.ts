/** Every rule of the pack, in the order `pulumi preview` reports them. */
import type { Policies } from "@pulumi/policy";
import { noWildcardActions } from "./rules/iam";
import { encryptionAtRest, ecrImmutableAndScanned } from "./rules/storage";
import { logRetentionSet, protectStateful } from "./rules/operations";
import { httpsOnPublicLoadBalancers, kubernetesApiNotOpenToWorld } from "./rules/network";

export const POLICIES: Readonly<Policies> = [
  noWildcardActions,
  encryptionAtRest,
  ecrImmutableAndScanned,
  logRetentionSet,
  protectStateful,
  kubernetesApiNotOpenToWorld,
  httpsOnPublicLoadBalancers,
];
