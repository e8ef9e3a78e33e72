import type { ExternalReference, Localized } from '../types';

/**
 * Documents outside the seed checklists that rules cite in `external`, with the edition the
 * numbers follow. The CIS Docker Benchmark v1.8.0 keeps the section numbers of v1.6.0 for every
 * recommendation cited here (4.x images and build files, 5.x container runtime).
 */
export const CIS_DOCKER_BENCHMARK_VERSION = '1.8.0';

/** A recommendation of the CIS Docker Benchmark v1.8.0 by its section number (`4.9`, `5.32`). */
export const cisDocker = (id: string): ExternalReference => ({ source: 'CIS Docker Benchmark', id });

/** The risk ids of the OWASP Kubernetes Top 10 (2025 edition). */
export type OwaspK8sId = 'K01' | 'K02' | 'K03' | 'K04' | 'K05' | 'K06' | 'K07' | 'K08' | 'K09' | 'K10';

const OWASP_K8S_URL = 'https://owasp.org/www-project-kubernetes-top-ten/';

/** The ten risks of the OWASP Kubernetes Top 10 2025 with their titles. */
export const OWASP_K8S_TOP_10: Readonly<Record<OwaspK8sId, Localized>> = {
  K01: { en: 'Insecure Workload Configurations', de: 'Unsichere Workload-Konfigurationen' },
  K02: { en: 'Overly Permissive Authorization Configurations', de: 'Zu weit gefasste Autorisierungskonfigurationen' },
  K03: { en: 'Secrets Management Failures', de: 'Fehler in der Verwaltung von Secrets' },
  K04: { en: 'Lack Of Cluster Level Policy Enforcement', de: 'Fehlende Durchsetzung von Richtlinien auf Cluster-Ebene' },
  K05: { en: 'Missing Network Segmentation Controls', de: 'Fehlende Netzwerksegmentierung' },
  K06: { en: 'Overly Exposed Kubernetes Components', de: 'Zu offen erreichbare Kubernetes-Komponenten' },
  K07: { en: 'Misconfigured And Vulnerable Cluster Components', de: 'Fehlkonfigurierte und verwundbare Cluster-Komponenten' },
  K08: { en: 'Cluster To Cloud Lateral Movement', de: 'Seitwärtsbewegung vom Cluster in die Cloud' },
  K09: { en: 'Broken Authentication Mechanisms', de: 'Fehlerhafte Authentifizierungsmechanismen' },
  K10: { en: 'Inadequate Logging And Monitoring', de: 'Unzureichende Protokollierung und Überwachung' },
};

/** A risk of the OWASP Kubernetes Top 10 2025 (`K01` … `K10`). */
export const owaspK8s = (id: OwaspK8sId): ExternalReference => ({ source: 'OWASP Kubernetes Top 10', id: `${id}:2025`, url: OWASP_K8S_URL });
