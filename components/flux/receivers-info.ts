/**
 * The cluster-info keys of the receivers (components/receivers): the Kustomization
 * `infrastructure-receivers` (clusters/<env>/receivers.yaml) is suspended without the relay, and
 * otherwise binds notification-controller's webhook pods to the relay's target group, reachable
 * from the load balancer's security group.
 */
export interface ReceiverClusterInfo<T> {
  readonly targetGroupArn: T;
  readonly loadBalancerSecurityGroupId: T;
}

export function receiverClusterInfo<T>(r: ReceiverClusterInfo<T> | undefined): {
  RECEIVERS_SUSPEND: string;
  RECEIVER_TARGET_GROUP_ARN: T | string;
  RECEIVER_SECURITY_GROUP_ID: T | string;
} {
  return {
    RECEIVERS_SUSPEND: String(r === undefined),
    RECEIVER_TARGET_GROUP_ARN: r?.targetGroupArn ?? "",
    RECEIVER_SECURITY_GROUP_ID: r?.loadBalancerSecurityGroupId ?? "",
  };
}
