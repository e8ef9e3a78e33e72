/** Digest pinning: OCI distribution client, reference parsing, credentials, cache and the rewrite. */
export { createRegistryClient, MANIFEST_TYPES, type ClientOptions, type RegistryClient, type Resolution, type ResolveFailure, type UserResolution } from './client';
export { CONFIG_TYPES, configDigest, configUser, platformManifest } from './image-config';
export { cachedClient, cacheDir, cacheKey, fileCache, memoryCache, type DigestCache } from './cache';
export { dockerConfigDir, dockerCredentials, type CredentialLookup, type Credentials } from './credentials';
export { findImageSites, type ImageSite, type SiteKind } from './locate';
export { pinTitle, reason, type PinProblem } from './messages';
export { pinReference, pinText, where, type FilePin, type PinOptions, type PinStatus, type ReferencePin, type SiteOutcome } from './pin';
export { proxyFor, matchesNoProxy } from './proxy';
export { familiarName, formatReference, isLoopback, parseReference, registryHost, type ImageReference } from './reference';
