/**
 * Image references as the registry client uses them: the parser is facts/image-reference.ts (one for
 * the rules and the client); here the hosts a reference's domain is served from.
 */
import { DOCKER_HUB, DOCKER_HUB_HOST } from '../../../shared/src/facts/image-reference';

export {
  DOCKER_HUB,
  DOCKER_HUB_HOST,
  familiarName,
  formatReference,
  fullName,
  parseReference,
  parseStrict,
  splitDockerDomain,
  type NormalizedReference as ImageReference,
  type ParseResult,
  type ReferenceError,
} from '../../../shared/src/facts/image-reference';

/** The host (with port) that serves a domain's registry API. */
export function registryHost(domain: string): string {
  return domain === DOCKER_HUB ? DOCKER_HUB_HOST : domain;
}

/** Host name without port or IPv6 brackets. */
export function hostnameOf(hostAndPort: string): string {
  if (hostAndPort.startsWith('[')) return hostAndPort.slice(1, hostAndPort.indexOf(']'));
  const colon = hostAndPort.lastIndexOf(':');
  return colon === -1 ? hostAndPort : hostAndPort.slice(0, colon);
}

/** True for `localhost`, 127.0.0.0/8 and ::1: Docker reaches these over plain HTTP without being told. */
export function isLoopback(hostAndPort: string): boolean {
  const host = hostnameOf(hostAndPort).toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1' || host === '0:0:0:0:0:0:0:1';
}

export { hasVariable } from '../../../shared/src/facts/variables';
