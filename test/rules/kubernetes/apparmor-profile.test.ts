import { apparmorProfile } from '../../../shared/src/rules/kubernetes/apparmor-profile';
import { ruleTester } from '../../rule-tester';

const pod = (podLines: string, containers: string, annotations = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${annotations}spec:\n${podLines}  containers:\n${containers}`;

const LOCALHOST = '    securityContext:\n      appArmorProfile: {type: Localhost, localhostProfile: k8s-api}\n';

ruleTester(apparmorProfile, {
  valid: [
    { name: 'container Localhost profile', code: pod('', `  - name: api\n${LOCALHOST}`) },
    { name: 'pod Localhost profile inherited', code: pod('  securityContext:\n    appArmorProfile: {type: Localhost, localhostProfile: k8s-api}\n', '  - name: api\n  - name: sidecar\n') },
    { name: 'legacy annotation localhost/…', code: pod('', '  - name: api\n', '  annotations:\n    container.apparmor.security.beta.kubernetes.io/api: localhost/k8s-api\n') },
    { name: 'custom SELinux type on the pod', code: pod('  securityContext:\n    seLinuxOptions: {type: api_container.process}\n', '  - name: api\n') },
    { name: 'custom SELinux type on the container beats a RuntimeDefault pod profile', code: pod('  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n', '  - name: api\n    securityContext: {seLinuxOptions: {type: api.process}}\n') },
    { name: 'dont-fire: Unconfined (k8s/apparmor reports it), by field and annotation', code: pod('', '  - name: api\n    securityContext: {appArmorProfile: {type: Unconfined}}\n  - name: b\n', '  annotations:\n    container.apparmor.security.beta.kubernetes.io/b: unconfined\n') },
    { name: 'dont-fire: a profile without type (rejected by the API, k8s/apparmor reports it)', code: pod('', '  - name: api\n    securityContext: {appArmorProfile: {localhostProfile: x}}\n') },
    { name: 'dont-fire: Windows pods', code: pod('  os: {name: windows}\n', '  - name: api\n') },
    { name: 'dont-fire: no pod spec', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n' },
  ],
  invalid: [
    {
      name: 'RuntimeDefault on the container: on the type value',
      code: pod('', '  - name: api\n    securityContext:\n      appArmorProfile:\n        type: RuntimeDefault # PSS\n'),
      findings: [{ range: [9, 14, 9, 28], messageId: 'runtimeDefault', message: 'Container "api" runs with the runtime\'s default AppArmor profile (RuntimeDefault): allowed by the Pod Security Standards, but not a profile specific to this application. Assign a Localhost AppArmor profile or a custom SELinux type.' }],
    },
    {
      name: 'nothing set, generic SELinux type: on the container name',
      code: pod('  securityContext:\n    seLinuxOptions: {type: container_t, level: "s0:c1,c2"}\n', '  - name: api\n    image: api:1\n'),
      findings: [{ range: [8, 10, 8, 13], messageId: 'none', message: 'Container "api" sets neither a Localhost AppArmor profile nor a custom SELinux type; it gets at most the runtime\'s generic profile. Assign a profile written for this application.' }],
    },
    {
      name: 'pod RuntimeDefault inherited by each container; annotation runtime/default; container field beats the annotation',
      code: pod(
        '  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n',
        '  - name: api\n  - name: side\n  - name: web\n    securityContext: {appArmorProfile: {type: RuntimeDefault}}\n',
        '  annotations:\n    container.apparmor.security.beta.kubernetes.io/side: runtime/default\n    container.apparmor.security.beta.kubernetes.io/web: localhost/web\n',
      ),
      findings: [
        { range: [5, 57, 5, 72], messageId: 'runtimeDefault', message: /^Container "side" runs with/ },
        { range: [11, 10, 11, 13], messageId: 'runtimeDefault', message: /^Container "api" runs with/ },
        { range: [14, 46, 14, 60], messageId: 'runtimeDefault', message: /^Container "web" runs with/ },
      ],
    },
    {
      name: 'Deployment with init container, flow style',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {initContainers: [{name: init}], containers: [{name: app}]}}}\n',
      findings: [{ range: [3, 49, 3, 53], messageId: 'none' }, { range: [3, 77, 3, 80], messageId: 'none' }],
    },
  ],
});
