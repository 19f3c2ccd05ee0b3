/**
 * The commands an environment stack outputs so that a person can check delivery by hand: the
 * kubeconfig (`aws eks update-kubeconfig`,
 * https://docs.aws.amazon.com/cli/latest/reference/eks/update-kubeconfig.html) and the address
 * of the application's load balancer once Flux made the AWS Load Balancer Controller create it
 * (`aws elbv2 describe-load-balancers --names`,
 * https://docs.aws.amazon.com/cli/latest/reference/elbv2/describe-load-balancers.html).
 */

const profileFlag = (profile: string | undefined) => (profile ? ` --profile ${profile}` : "");

export function kubeconfigCommand(region: string, clusterName: string, profile?: string): string {
  return `aws eks update-kubeconfig --region ${region} --name ${clusterName}${profileFlag(profile)}`;
}

export function loadBalancerAddressCommand(
  region: string,
  loadBalancerName: string,
  profile?: string,
): string {
  return (
    `aws elbv2 describe-load-balancers --region ${region} --names ${loadBalancerName} ` +
    `--query 'LoadBalancers[0].DNSName' --output text${profileFlag(profile)}`
  );
}
