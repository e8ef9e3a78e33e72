/**
 * The cloud providers' documented annotations that make a LoadBalancer internal (an address in the
 * private network only), each with the test of its value.
 */
const INTERNAL_LB: Readonly<Record<string, (value: string) => boolean>> = {
  'networking.gke.io/load-balancer-type': (v) => /^internal$/i.test(v),
  'cloud.google.com/load-balancer-type': (v) => /^internal$/i.test(v),
  // the in-tree AWS provider treats every value but "false" as internal (old examples use 0.0.0.0/0)
  'service.beta.kubernetes.io/aws-load-balancer-internal': (v) => v !== '' && !/^false$/i.test(v),
  'service.beta.kubernetes.io/aws-load-balancer-scheme': (v) => /^internal$/i.test(v),
  'service.beta.kubernetes.io/azure-load-balancer-internal': (v) => /^true$/i.test(v),
  'service.beta.kubernetes.io/openstack-internal-load-balancer': (v) => /^true$/i.test(v),
  'service.beta.kubernetes.io/oci-load-balancer-internal': (v) => /^true$/i.test(v),
  'oci-network-load-balancer.oraclecloud.com/internal': (v) => /^true$/i.test(v),
  'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type': (v) => /^private$/i.test(v),
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': (v) => /^intranet$/i.test(v),
  'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid': (v) => v !== '',
  'load-balancer.hetzner.cloud/disable-public-network': (v) => /^true$/i.test(v),
};

/** True when a LoadBalancer Service carries a provider's internal-load-balancer annotation. */
export function isInternalLoadBalancer(annotations: Readonly<Record<string, string>>): boolean {
  return Object.entries(annotations).some(([key, value]) => INTERNAL_LB[key]?.(value.trim()) === true);
}
