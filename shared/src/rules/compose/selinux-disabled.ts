import { defineYamlRule } from '../../define';
import { securityOpts } from '../../parse/compose';
import { cis, eachService, fixOf, owasp, removeItemsInService, withFix } from './common';

/** `security_opt: label:disable` (or `label=disable`) turns SELinux labelling off. */
export const selinuxDisabled = defineYamlRule({
  id: 'compose/selinux-disabled',
  kind: 'compose',
  title: { en: 'Do not disable SELinux labelling', de: 'SELinux-Labeling nicht abschalten' },
  severity: 'error',
  levels: ['L1', 'L2', 'L3'],
  references: ['CL-2.2.2', 'POL-4.1.1'],
  external: [cis('5.3'), owasp(6)],
  messages: {
    default: {
      en: 'Service "{service}" runs with SELinux separation disabled ({option}); remove it, or set a specific label (label:type:…).',
      de: 'Service "{service}" läuft ohne SELinux-Trennung ({option}); entfernen oder ein bestimmtes Label setzen (label:type:…).',
    },
  },
  docs: {
    rationale: {
      en: 'On SELinux hosts each container runs in its own MCS category, so a compromised container cannot read other containers\' or the host\'s files. `label:disable` runs it unconfined (the policy requires MAC for all containers).',
      de: 'Auf SELinux-Hosts läuft jeder Container in einer eigenen MCS-Kategorie, sodass ein kompromittierter Container keine Dateien anderer Container oder des Hosts lesen kann. `label:disable` lässt ihn unbeschränkt laufen (die Richtlinie verlangt MAC für alle Container).',
    },
    fix: {
      en: 'Remove `label:disable`. Volumes that need access get `:z`/`:Z`; special needs get a specific type via `label:type:<type>`.',
      de: '`label:disable` entfernen. Volumes, die Zugriff brauchen, erhalten `:z`/`:Z`; besondere Anforderungen einen bestimmten Typ über `label:type:<typ>`.',
    },
    bad: 'services:\n  app:\n    image: erp/app:1.4.2\n    security_opt:\n      - label:disable',
    good: 'services:\n  app:\n    image: erp/app:1.4.2\n    volumes:\n      - ./data:/data:Z',
  },
  fixable: true,
  check(file) {
    return eachService(file, (service) => {
      const bad = securityOpts(service).filter((o) => o.option === 'label' && /^disable$/i.test(o.value ?? ''));
      // One fix removes every such option of the service: removals in one flow list would overlap.
      const fix = fixOf({ en: `Remove ${bad.map((o) => o.text.trim()).join(', ')} from security_opt`, de: `${bad.map((o) => o.text.trim()).join(', ')} aus security_opt entfernen` }, bad.length > 0 ? removeItemsInService(service, 'security_opt', bad.map((o) => o.node)) : undefined);
      return bad.map((o) => withFix({ range: service.document.rangeOf(o.node), args: { service: service.name, option: o.text.trim() } }, fix));
    });
  },
});
