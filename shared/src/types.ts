import type { Range, TextEdit } from 'vscode-languageserver-types';

export type { Range, Position, TextEdit } from 'vscode-languageserver-types';

/** The two display languages of every user-visible string. */
export type Lang = 'en' | 'de';

/** A string in both display languages. */
export interface Localized {
  readonly en: string;
  readonly de: string;
}

/** Severity of a finding; `off` in configuration disables a rule. */
export type Severity = 'error' | 'warning' | 'info';

/** OWASP CSVS verification level. */
export type Level = 'L1' | 'L2' | 'L3';

/** The file kinds Bollwerk checks. */
export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'pipeline';

/** A reference outside the seed checklists (CIS Docker Benchmark, PSS control, OWASP Kubernetes Top 10, NIST SP 800-190); see checklist/external.ts. */
export interface ExternalReference {
  readonly source: 'CIS Docker Benchmark' | 'CIS Kubernetes Benchmark' | 'Pod Security Standards' | 'NIST SP 800-190' | 'OWASP Docker Security Cheat Sheet' | 'OWASP Kubernetes Top 10';
  readonly id: string;
  readonly url?: string;
}

/** Documentation of a rule, shown in hovers, `bollwerk rules` and SARIF help. */
export interface RuleDocs {
  readonly rationale: Localized;
  readonly fix: Localized;
  /** A short snippet that violates the rule. */
  readonly bad: string;
  /** The same snippet, fixed. */
  readonly good: string;
}

/** A finding as a rule reports it, before the engine applies severity, suppressions and i18n. */
export interface RawFinding {
  /** Exact range of the offending key, value or instruction. */
  readonly range: Range;
  /** Key of `meta.messages`; defaults to the first message. */
  readonly messageId?: string;
  /** Values for `{placeholders}` in the message. Never put a secret here. */
  readonly args?: Readonly<Record<string, string | number>>;
  /** Range of the object the finding belongs to (K8s object, compose service, Dockerfile stage): a suppression comment above it applies. */
  readonly objectRange?: Range;
  /** Annotations of the Kubernetes object, for kube-linter/Checkov suppression annotations. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** A certain, minimal fix as text edits; omit when the remedy is not mechanical or not certain. */
  readonly fix?: Fix;
  /** Extra data carried to the editor (e.g. the image reference for digest pinning). JSON only. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** For workspace rules: the file the finding is in (defaults to the file being checked). */
  readonly uri?: string;
}

/** A fix: a title and the text edits that apply it. */
export interface Fix {
  readonly title: Localized;
  readonly edits: readonly TextEdit[];
  /**
   * The file the edits apply to when it is not the finding's own: a chart finding on a template
   * line whose fix goes into the values file that feeds the block.
   */
  readonly uri?: string;
  /**
   * The same edits as snippets (`${1:512M}`: a placeholder whose default is the value `edits`
   * write), for editors that let the user tab through the values to tune; `edits` is what applies
   * everywhere else (fix-all, `--fix`, editors without snippet edits).
   */
  readonly snippets?: readonly TextEdit[];
}

/** Rule metadata: plain data, shown by `bollwerk rules`, hovers, SARIF and the tree view. */
export interface RuleMeta {
  /** `dockerfile/…`, `compose/…` or `k8s/…`; equals the file path below `rules/`. */
  readonly id: string;
  readonly kind: FileKind;
  readonly title: Localized;
  readonly severity: Severity;
  /** The CSVS levels the rule belongs to: it runs when the configured level is among them. */
  readonly levels: readonly Level[];
  /** Checklist item ids (see checklist/items.json) that this rule checks. */
  readonly references: readonly string[];
  readonly external?: readonly ExternalReference[];
  /** The same check in other tools: `hadolint:DL3002`, `checkov:CKV_K8S_20`, `kube-linter:privilege-escalation-container`, `trivy:KSV001`, `pss:baseline/privileged`. */
  readonly equivalents?: readonly string[];
  /** Message templates with `{placeholders}`; the first is the default. */
  readonly messages: Readonly<Record<string, Localized>>;
  readonly docs: RuleDocs;
  /** True when findings of this rule (at least sometimes) carry a fix. */
  readonly fixable: boolean;
}

/** What every check receives besides the file. */
export interface RuleContext {
  /** Registries the configuration trusts (for trusted-registry rules). */
  readonly trustedRegistries: readonly string[];
}

/** A rule that checks one file at a time. */
export interface FileRule<F extends ParsedFile = ParsedFile> extends RuleMeta {
  readonly scope?: 'file';
  /**
   * True when a Kubernetes rule's findings in one document depend on other documents of the file.
   * Without it the editor lints each document on its own and reuses the results of unchanged ones.
   */
  readonly crossDocument?: boolean;
  check(file: F, context: RuleContext): RawFinding[];
}

/**
 * A rule that needs every file scanned together (NetworkPolicy coverage, Dockerfile↔manifest).
 * Findings must set `uri`, a file of the rule's `kind`: a scan that cannot hold such a file skips
 * the rule (LintOptions.scanKinds).
 */
export interface WorkspaceRule<F = unknown> extends RuleMeta {
  readonly scope: 'workspace';
  /** The kinds of files the rule reads. */
  readonly fileKinds: readonly FileKind[];
  /**
   * What the rule needs of one file (of `fileKinds`), as plain data: it is kept per file instead of
   * the parse, crosses worker threads and outlives edits of other files. Undefined when the file
   * holds nothing for the rule.
   */
  collect(file: ParsedFile, context: RuleContext): F | undefined;
  /** Judges the facts of all files checked together, in scan order. */
  check(files: readonly FileFacts<F>[], context: RuleContext): RawFinding[];
}

/** What a workspace rule collected of one file. */
export interface FileFacts<F = unknown> {
  readonly uri: string;
  readonly kind: FileKind;
  readonly facts: F;
}

/** Where a finding goes, with its suppression context: a finding without message. */
export type Anchor = Pick<RawFinding, 'range' | 'objectRange' | 'annotations'>;

export type Rule = FileRule<DockerfileFile> | FileRule<YamlFile> | WorkspaceRule;

/** A lint result: a finding with severity, rule and message resolved. */
export interface Result {
  readonly ruleId: string;
  readonly uri: string;
  readonly severity: Severity;
  readonly range: Range;
  /** The key of `meta.messages` the message was made from, when it is not the rule's first. */
  readonly messageId?: string;
  readonly message: Localized;
  readonly fix?: Fix;
  readonly data?: Readonly<Record<string, unknown>>;
  /** Range of the object the finding belongs to (for "suppress for this object"). */
  readonly objectRange?: Range;
  /** Other places that explain the finding: a chart's values key that feeds the block a setting is missing from, the kustomizations that deploy a kustomize finding or fix it. */
  readonly related?: readonly RelatedPlace[];
}

/** A place related to a finding, with what it is (a values key that feeds a block, a kustomize unit that deploys or fixes it). */
export interface RelatedPlace {
  readonly uri: string;
  readonly range: Range;
  readonly message: Localized;
}

import type { DockerfileFile } from './parse/dockerfile';
import type { YamlFile } from './parse/yaml';
export type { DockerfileFile, YamlFile };

/** A file after parsing, ready for the rules. */
export type ParsedFile = DockerfileFile | YamlFile;
