import type { Node } from 'yaml';
import { MemoKey } from '../../../memo';
import { isKind } from '../../../parse/kubernetes';
import { mapGet, scalarString, seqItems, type K8sObject, type YamlFile } from '../../../parse/yaml';

const RBAC = /^rbac\.authorization\.k8s\.io\/v\w+$/;

/** One policy rule of a Role or ClusterRole, with its lists as nodes and values. */
export interface PolicyRule {
  readonly object: K8sObject;
  readonly verbs: readonly { node: Node; value: string }[];
  readonly resources: readonly { node: Node; value: string }[];
  readonly apiGroups: readonly { node: Node; value: string }[];
  readonly resourceNames: readonly string[];
}

const list = (rule: unknown, key: string): { node: Node; value: string }[] =>
  seqItems(mapGet(rule, key)).flatMap((node) => {
    const value = scalarString(node);
    return value === undefined ? [] : [{ node, value }];
  });

const POLICY_RULES = new MemoKey<readonly PolicyRule[]>('policy rules');

/** Every policy rule of the Roles and ClusterRoles of a file (read once per parsed file: several rules ask). */
export function policyRules(file: YamlFile): readonly PolicyRule[] {
  return file.memo.get(POLICY_RULES, () => readPolicyRules(file));
}

function readPolicyRules(file: YamlFile): PolicyRule[] {
  return file.objects
    .filter((o) => isKind(o, 'Role', RBAC) || isKind(o, 'ClusterRole', RBAC))
    .flatMap((object) =>
      seqItems(mapGet(object.node, 'rules')).map((rule) => ({
        object,
        verbs: list(rule, 'verbs'),
        resources: list(rule, 'resources'),
        apiGroups: list(rule, 'apiGroups'),
        resourceNames: list(rule, 'resourceNames').map((r) => r.value),
      })),
    );
}

/** True for RoleBindings and ClusterRoleBindings. */
export const isBinding = (o: K8sObject): boolean => isKind(o, 'RoleBinding', RBAC) || isKind(o, 'ClusterRoleBinding', RBAC);
