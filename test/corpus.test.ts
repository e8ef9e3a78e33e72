import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, type Config } from '../shared/src/config';
import { lintText, lintWorkspace, type FileReport } from '../shared/src/lint';
import { parseYaml } from '../shared/src/parse/yaml';
import { KUBERNETES_RULES } from '../shared/src/rules/kubernetes';
import type { ParsedFile, Result } from '../shared/src/types';
import { applyAllFixes } from './rule-tester';

/**
 * The whole catalogue over the real-world corpus: no internal error, no finding on tool
 * configurations that only look like Kubernetes objects, Helm templates skipped as templated.
 */

const corpus = resolve(process.env.BOLLWERK_CORPUS ?? join(__dirname, '..', '..', 'shared', 'corpus'));
const dir = join(corpus, 'realworld');
const indexPath = join(dir, 'index.tsv');
const config: Config = { ...DEFAULT_CONFIG, level: 'L3' };

/** Kubernetes-shaped tool configurations: kustomize, skaffold, kind, gatekeeper. */
const TOOL_CONFIG: readonly RegExp[] = [
  /^kustomize\.config\.k8s\.io\/\S+ (?:Kustomization|Component)$/,
  /^skaffold\/\S+ Config$/,
  /^kind\.x-k8s\.io\/\S+ Cluster$/,
  /^config\.gatekeeper\.sh\/\S+ Config$/,
  /^\S+ Kustomization$/,
];

const isToolConfig = (report: FileReport): boolean => {
  const parsed = report.parsed;
  if (!parsed || parsed.kind !== 'kubernetes' || parsed.objects.length === 0) return false;
  return parsed.objects.every((o) => TOOL_CONFIG.some((re) => re.test(`${o.apiVersion} ${o.kind}`)));
};

const repoOf = (path: string): string => path.split('/').slice(0, 2).join('/');

describe('real-world corpus', () => {
  it('the corpus is present', () => {
    assert.ok(existsSync(indexPath), `corpus index not found at ${indexPath}: set BOLLWERK_CORPUS to the corpus directory`);
  });
  if (!existsSync(indexPath)) return;
  const rows = readFileSync(indexPath, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => {
    const [kind, path] = l.split('\t') as [string, string];
    return { kind, path };
  });

  it('lints every Kubernetes, Compose and Dockerfile file without an internal error', () => {
    const perRule = new Map<string, number>();
    const internal: string[] = [];
    const toolFindings: string[] = [];
    const byRepo = new Map<string, ParsedFile[]>();
    let files = 0;
    let toolConfigs = 0;
    let parseErrors = 0;
    for (const { kind, path } of rows.filter((r) => r.kind === 'k8s' || r.kind === 'compose' || r.kind === 'dockerfile')) {
      const text = readFileSync(join(dir, path), 'utf8');
      const report = lintText(`file:///corpus/${path}`, text, { config });
      files++;
      for (const r of report.results) {
        perRule.set(r.ruleId, (perRule.get(r.ruleId) ?? 0) + 1);
        if (r.ruleId === 'bollwerk/internal-error') internal.push(`${path}: ${r.message.en}`);
        if (r.ruleId === 'bollwerk/parse-error') parseErrors++;
      }
      if (kind !== 'k8s' && report.results.some((r) => r.ruleId.startsWith('k8s/'))) toolFindings.push(`${path}: Kubernetes findings on a ${kind} file`);
      if (kind === 'k8s' && isToolConfig(report)) {
        toolConfigs++;
        if (report.results.length > 0) toolFindings.push(`${path}: ${report.results.map((r) => r.ruleId).join(', ')}`);
      }
      if (report.parsed) byRepo.set(repoOf(path), [...(byRepo.get(repoOf(path)) ?? []), report.parsed]);
    }
    let workspaceFindings = 0;
    for (const parsed of byRepo.values()) {
      for (const r of lintWorkspace(parsed, { config, log: (m) => internal.push(m) })) {
        perRule.set(r.ruleId, (perRule.get(r.ruleId) ?? 0) + 1);
        workspaceFindings++;
        if (r.ruleId === 'bollwerk/internal-error') internal.push(`${r.uri}: ${r.message.en}`);
      }
    }
    console.log(`corpus: ${files} files linted, ${toolConfigs} tool configurations, ${parseErrors} YAML syntax findings, ${workspaceFindings} workspace findings over ${byRepo.size} repositories`);
    for (const [id, n] of [...perRule].sort()) console.log(`  ${id}: ${n}`);
    assert.deepEqual(internal, []);
    assert.ok(toolConfigs > 100, `tool configurations recognised (${toolConfigs})`);
    assert.deepEqual(toolFindings, [], 'no finding at all on kustomize, skaffold, kind and gatekeeper configurations, no Kubernetes finding on Compose files and Dockerfiles');
  });

  it('skips every Helm template of a chart; outside a chart, those that fail to parse at `{{`, and checks the rest', () => {
    const helm = rows.filter((r) => r.kind === 'helm-template');
    const wrong: string[] = [];
    let parsed = 0;
    for (const { path } of helm) {
      const text = readFileSync(join(dir, path), 'utf8');
      // the corpus keeps the templates without their charts: inChart says what the disk would
      const chart = lintText(`file:///corpus/${path}`, text, { config, inChart: true });
      if (chart.kind !== undefined && (chart.results.length > 0 || !chart.notes.some((n) => n.code === 'templated'))) wrong.push(`${path} in a chart: ${chart.results.length} finding(s)`);
      const alone = lintText(`file:///corpus/${path}`, text, { config });
      if (alone.kind === undefined || alone.notes.some((n) => n.code === 'templated')) continue;
      parsed++;
      const atTemplate = alone.results.filter((r) => r.ruleId === 'bollwerk/parse-error' && text.split('\n')[r.range.start.line]!.includes('{{'));
      if (atTemplate.length > 0) wrong.push(`${path}: a parse error at a template action was reported instead of skipping`);
    }
    console.log(`helm templates: ${helm.length} files, ${parsed} parse as YAML outside a chart and are checked`);
    assert.deepEqual(wrong, []);
  });

  it('every Kubernetes fix keeps the file parsing, removes its findings, adds none, and converges', () => {
    const lintK8s = (path: string, text: string): Result[] =>
      lintText(`file:///corpus/${path}`, text, { config, rules: KUBERNETES_RULES, kind: 'kubernetes' }).results.filter((r) => r.ruleId.startsWith('k8s/'));
    const errorsOf = (text: string): number => parseYaml('file:///x.yaml', text, 'kubernetes').documents.reduce((n, d) => n + d.errors.length, 0);
    const count = (results: readonly Result[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const r of results) m.set(r.ruleId, (m.get(r.ruleId) ?? 0) + 1);
      return m;
    };
    const problems: string[] = [];
    let filesFixed = 0;
    let fixesApplied = 0;
    for (const { path } of rows.filter((r) => r.kind === 'k8s')) {
      const text = readFileSync(join(dir, path), 'utf8');
      const before = lintK8s(path, text);
      if (!before.some((r) => r.fix)) continue;
      filesFixed++;
      let current = text;
      let results = before;
      let passes = 0;
      // at most as many passes as fix-all and --fix make (MAX_FIX_PASSES)
      while (results.some((r) => r.fix) && passes < 10) {
        fixesApplied += results.filter((r) => r.fix).length;
        current = applyAllFixes(current, results);
        results = lintK8s(path, current);
        passes++;
      }
      if (results.some((r) => r.fix)) problems.push(`${path}: fixes do not converge`);
      if (errorsOf(current) > errorsOf(text)) problems.push(`${path}: fixing adds YAML errors`);
      const was = count(before);
      for (const [id, n] of count(results)) if (n > (was.get(id) ?? 0)) problems.push(`${path}: fixing adds ${id} findings`);
    }
    console.log(`fix safety: ${fixesApplied} fixes applied to ${filesFixed} files, ${problems.length} problems`);
    assert.deepEqual(problems.slice(0, 20), []);
  });
});
