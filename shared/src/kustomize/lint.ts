// Lints what kustomize deploys: each deployable unit (a kustomization no other kustomization of the
// tree uses) is built and its output checked with the Kubernetes rules; each finding is reported
// where it is caused — the patch line that set the offending value, else the base resource's line —
// once per location and rule, naming the units it occurs in.
//
// A base that is itself a deployable unit (nothing uses it) is built and linted like any overlay;
// its findings and those of the overlays over it that land on the same base line are one finding
// that names all of them. Files that a successful build read (resources, patches, components,
// generator sources, kustomization files) are inputs: they are reported here, never linted alone.
import type { Config } from '../config';
import { DEFAULT_CONFIG } from '../config';
import { BUILD_ERROR } from '../engine-rules';
import { joinTreePath, type FileTree } from '../file-tree';
import { allRules, lintText, severityOf, isEnabled } from '../lint';
import { suppressionIndex, suppressionsOf, type Suppressions } from '../suppress';
import { format, lineIndex } from '../text';
import type { Fix, Localized, Range, Result, RuleMeta, Severity } from '../types';
import { KustomizeFixVerifier, sourceFixEdits, type UnitFinding } from './fix';
import { buildKustomization, type BuildOptions } from './build';
import { getString } from './json';
import { KUSTOMIZATION_FILES, loadKustomization, mapList, stringList } from './kustomization';
import { isRemote, KustomizeError, MAX_FOLDERS } from './loader';
import { clearLocateCache, locateIn, pathAt, pointerCovers, type Step } from './locate';
import type { Origin, Resource } from './resource';
import { writeYaml, writeYamlDocument } from './yaml-write';
import type { Json } from './json';

/** The rule id of a kustomization that does not build (engine-rules.ts BUILD_ERROR). */
export const BUILD_ERROR_RULE = BUILD_ERROR.id;

/** A place in another file that belongs to a finding. */
export interface RelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: Localized;
}

/** A finding of a built unit, located in a source file of the tree. */
export interface KustomizeFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: Localized;
  /** Tree path of the file the finding is reported in. */
  readonly file: string;
  readonly range: Range;
  /** The folders of the deployable units whose build has the finding, sorted. */
  readonly units: readonly string[];
  /** Where the value was set: 'patch' (an overlay's patch), 'base' (a resource file), 'missing' (a setting the base object lacks), 'build' (a build error). */
  readonly cause: 'patch' | 'base' | 'missing' | 'build';
  readonly related: readonly RelatedLocation[];
  /** The rule's fix, written into this file (the base resource or the overlay's patch) and verified by building again. */
  readonly fix?: Fix;
}

/** Options of {@link lintKustomizations}. */
export interface KustomizeLintOptions {
  /** Folders of the tree that hold a kustomization file (default: every such folder, found by walking the tree). */
  readonly dirs?: readonly string[];
  readonly config?: Config;
  readonly build?: BuildOptions;
  readonly log?: (message: string) => void;
  /**
   * Translate the rules' fixes to the base or patch files (fix.ts); each costs builds of the units
   * that read the file: all findings, or those a predicate picks (a code action asks for the
   * findings under its cursor only).
   */
  readonly fixes?: boolean | ((finding: KustomizeFinding) => boolean);
  /**
   * The rule results of built resources by their written text: a resource that comes out of the
   * builds as before is not linted again (the editor builds again on every edit). Kept for one configuration.
   */
  readonly lintCache?: Map<string, readonly Result[]>;
  /**
   * Each unit's last build, by its folder: a unit whose files and folders all read as they did is
   * not built again (the editor builds after every edit; most units do not read the edited file).
   */
  readonly unitCache?: Map<string, UnitBuild>;
}

/** What {@link lintKustomizations} found. */
export interface KustomizeLintResult {
  /** The folders built as deployable units, sorted. */
  readonly units: readonly string[];
  readonly findings: readonly KustomizeFinding[];
  /** Files that successful builds read and every kustomization's patch files: inputs, not to be linted alone. */
  readonly inputs: ReadonlySet<string>;
  /** The inputs that built resources were read from (base resource files, not patches or kustomizations). */
  readonly resourceFiles: ReadonlySet<string>;
}

/** The folders of the tree that hold a kustomization file (at most MAX_FOLDERS folders are visited). */
export function findKustomizationDirs(tree: FileTree): string[] {
  const out: string[] = [];
  const queue = [''];
  let visited = 0;
  while (queue.length > 0 && visited++ < MAX_FOLDERS) {
    const dir = queue.shift()!;
    const entries = tree.readDir(dir) ?? [];
    if (entries.some((e) => e.kind === 'file' && KUSTOMIZATION_FILES.includes(e.name))) out.push(dir);
    for (const e of entries) if (e.kind === 'dir' && !e.name.startsWith('.') && e.name !== 'node_modules') queue.push(dir ? `${dir}/${e.name}` : e.name);
  }
  return out.sort();
}

/** What a kustomization declares of other kustomizations and files, read without building. */
interface Declared {
  readonly component: boolean;
  /** Kustomization folders it uses (resources, bases, components that are folders of the tree's kustomizations). */
  readonly uses: string[];
  /** Files it names as patches (patches[].path, patchesStrategicMerge, patchesJson6902[].path). */
  readonly patches: string[];
}

function declared(tree: FileTree, dir: string, dirs: ReadonlySet<string>): Declared {
  try {
    const k = loadKustomization({ tree, root: dir, restrictor: 'LoadRestrictionsNone', chain: [], budget: { folders: MAX_FOLDERS } });
    const refs = ['resources', 'bases', 'components'].flatMap((key) => stringList(k, key));
    const uses = refs.filter((r) => !isRemote(r)).flatMap((r) => {
      const p = joinTreePath(dir, r);
      return p !== undefined && dirs.has(p) ? [p] : [];
    });
    const named = [
      ...['patches', 'patchesJson6902'].flatMap((key) => mapList(k, key).map((e) => e['path']).filter((p): p is string => typeof p === 'string')),
      ...(Array.isArray(k.fields['patchesStrategicMerge']) ? k.fields['patchesStrategicMerge'].filter((p): p is string => typeof p === 'string' && !p.includes('\n')) : []),
    ];
    const patches = named.flatMap((p) => {
      const path = joinTreePath(dir, p);
      return path !== undefined && tree.readFile(path) !== undefined ? [path] : [];
    });
    return { component: k.isComponent, uses, patches };
  } catch (e) {
    if (e instanceof KustomizeError) return { component: false, uses: [], patches: [] };
    throw e;
  }
}

/** The deployable units among `dirs`: the kustomizations (not components) no other one of them uses. */
export function deployableUnits(tree: FileTree, dirs: readonly string[]): string[] {
  return unitsOf(dirs, declareAll(tree, dirs));
}

function declareAll(tree: FileTree, dirs: readonly string[]): Map<string, Declared> {
  const all = new Set(dirs);
  return new Map(dirs.map((d) => [d, declared(tree, d, all)]));
}

function unitsOf(dirs: readonly string[], decl: ReadonlyMap<string, Declared>): string[] {
  const used = new Set([...decl.values()].flatMap((d) => d.uses));
  const units = dirs.filter((d) => !used.has(d) && !decl.get(d)?.component).sort();
  // Kustomizations on a cycle (a uses b, b uses a) are all used, yet no unit reaches them: the first
  // of each such group is built as well, so that its build reports the cycle instead of nothing.
  const reached = new Set<string>();
  const reach = (from: string): void => {
    const stack = [from];
    for (let d = stack.pop(); d !== undefined; d = stack.pop()) {
      if (reached.has(d)) continue;
      reached.add(d);
      stack.push(...(decl.get(d)?.uses ?? []));
    }
  };
  units.forEach(reach);
  for (const d of [...dirs].sort()) {
    if (reached.has(d) || decl.get(d)?.component) continue;
    units.push(d);
    reach(d);
  }
  return units.sort();
}

const unitList = (units: readonly string[]): string => units.map((u) => `/${u}`).join(', ');

/** The last value origin (a patch) that covers the finding's path. */
function patchOrigin(r: Resource, steps: readonly Step[]): Origin | undefined {
  let best: { origin: Origin; depth: number } | undefined;
  for (const [ptr, origin] of r.valueOrigins) {
    if (!pointerCovers(ptr, steps)) continue;
    const depth = ptr.split('/').length;
    if (!best || depth >= best.depth) best = { origin, depth };
  }
  return best?.origin;
}

const decoder = new TextDecoder();
const textOf = (tree: FileTree, file: string): string | undefined => {
  const bytes = tree.readFile(file);
  return bytes === undefined ? undefined : decoder.decode(bytes);
};
const lineRange = (line: number): Range => ({ start: { line: Math.max(0, line - 1), character: 0 }, end: { line: Math.max(0, line - 1), character: 0 } });

interface Located {
  file: string;
  range: Range;
  cause: KustomizeFinding['cause'];
  /** The 1-based line of the object's document in the file (the patch's, or the resource's). */
  docLine: number;
}

/** Where a finding of a built resource is caused. */
function locate(tree: FileTree, r: Resource, built: string, result: Result): Located {
  const { steps, onKey } = pathAt(built, result.range.start.line, result.range.start.character);
  const id = { kind: getString(r.obj, 'kind'), name: getString(r.obj, 'metadata', 'name') };
  const patch = patchOrigin(r, steps);
  if (patch) {
    const text = textOf(tree, patch.file);
    const at = text === undefined ? undefined : locateIn(text, patch.line, steps, onKey, id);
    if (at?.complete) return { file: patch.file, range: at.range, cause: 'patch', docLine: patch.line };
  }
  const text = textOf(tree, r.origin.file);
  const at = text === undefined || r.generatedBy ? undefined : locateIn(text, r.origin.line, steps, onKey, id);
  if (at) return { file: r.origin.file, range: at.range, cause: at.complete ? 'base' : 'missing', docLine: r.origin.line };
  return { file: r.origin.file, range: lineRange(r.origin.line), cause: 'missing', docLine: r.origin.line };
}

function buildError(dir: string, e: KustomizeError, config: Config): KustomizeFinding {
  const file = e.file ?? `${dir ? `${dir}/` : ''}kustomization.yaml`;
  const template = BUILD_ERROR.messages['default']!;
  const args = { unit: dir, detail: e.message };
  return {
    ruleId: BUILD_ERROR.id,
    severity: severityOf(BUILD_ERROR, config),
    message: { en: format(template.en, args), de: format(template.de, args) },
    file,
    range: lineRange(e.line ?? 1),
    units: [dir],
    cause: 'build',
    related: [],
  };
}

/**
 * Builds every deployable unit of the tree and lints its output with the Kubernetes rules; each
 * finding is located in the file that caused it, one per file, range and rule. A unit that does
 * not build is a `kustomize/build-error` finding on its kustomization's line.
 */
export function lintKustomizations(tree: FileTree, options: KustomizeLintOptions = {}): KustomizeLintResult {
  try {
    return lintUnits(tree, options);
  } finally {
    clearLocateCache();
  }
}

/** A built finding kept for its fix: the unit, the resource and its built text. */
interface Sample {
  readonly resource: Resource;
  readonly built: string;
  readonly result: Result;
  readonly docLine: number;
}

/** One unit's build: what it read (files and folders, as they were) and what it found, located. */
export interface UnitBuild {
  /** Every file and folder the build asked for, by `f:path` or `d:path`, with what it got (bytes, entry names, or undefined). */
  readonly reads: ReadonlyMap<string, Uint8Array | string | undefined>;
  /** The files it read. */
  readonly files: ReadonlySet<string>;
  readonly error?: KustomizeFinding;
  readonly resourceFiles: readonly string[];
  /** Each finding of the built resources, located, with the resource it was found in (for its fix). */
  readonly found: readonly { readonly key: string; readonly finding: Omit<KustomizeFinding, 'units' | 'related'>; readonly sample: Sample }[];
  /** The rule results of each built resource text (a fix is verified against them). */
  readonly linted: ReadonlyMap<string, readonly Result[]>;
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** True when the tree gives every file and folder a build read as it gave them then. */
function unchanged(tree: FileTree, reads: UnitBuild['reads']): boolean {
  for (const [key, was] of reads) {
    const path = key.slice(2);
    if (key.startsWith('f:') ? !sameBytes(tree.readFile(path), was as Uint8Array | undefined) : listing(tree, path) !== was) return false;
  }
  return true;
}

const listing = (tree: FileTree, path: string): string | undefined => tree.readDir(path)?.map((e) => `${e.kind}:${e.name}`).join('/');

/** Builds one unit and lints its resources, each finding located in the file that caused it. */
function buildUnit(tree: FileTree, unit: string, options: KustomizeLintOptions, config: Config): UnitBuild {
  const reads = new Map<string, Uint8Array | string | undefined>();
  const files = new Set<string>();
  const recorder: FileTree = {
    readFile: (path) => {
      const bytes = tree.readFile(path);
      const p = joinTreePath(path) ?? path;
      reads.set(`f:${p}`, bytes);
      if (bytes !== undefined) files.add(p);
      return bytes;
    },
    readDir: (path) => {
      reads.set(`d:${joinTreePath(path) ?? path}`, listing(tree, path));
      return tree.readDir(path);
    },
  };
  const linted = new Map<string, readonly Result[]>();
  const built = buildKustomization(recorder, unit, options.build);
  if (!built.ok) return { reads, files, ...(isEnabled(BUILD_ERROR, config) ? { error: buildError(unit, built.error, config) } : {}), resourceFiles: [], found: [], linted };
  const resourceFiles: string[] = [];
  const found: { key: string; finding: Omit<KustomizeFinding, 'units' | 'related'>; sample: Sample }[] = [];
  for (const r of built.resources) {
    if (!r.generatedBy) resourceFiles.push(r.origin.file);
    // the object is written as kustomize prints it, and linted through the YAML tree built while
    // writing (the same tree the yaml library reads from that text): the text is not parsed again
    const written = treeOf(r.obj as Json);
    const text = written?.text ?? writeYaml(r.obj as Json);
    const yamlCache = written ? new Map([[text, { docs: [written.doc] }]]) : undefined;
    const results = options.lintCache?.get(text) ?? lintText(`kustomize:///${unit}`, text, { kind: 'kubernetes', config, ...(yamlCache ? { yamlCache } : {}), ...(options.log ? { log: options.log } : {}) }).results;
    options.lintCache?.set(text, results);
    linted.set(text, results);
    for (const result of results) {
      const at = locate(tree, r, text, result);
      const key = `${at.file}\0${at.range.start.line}:${at.range.start.character}\0${result.ruleId}`;
      found.push({ key, finding: { ruleId: result.ruleId, severity: result.severity, message: result.message, file: at.file, range: at.range, cause: at.cause }, sample: { resource: r, built: text, result, docLine: at.docLine } });
    }
  }
  return { reads, files, resourceFiles, found, linted };
}

function lintUnits(tree: FileTree, options: KustomizeLintOptions): KustomizeLintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const dirs = options.dirs ? [...options.dirs].sort() : findKustomizationDirs(tree);
  const decl = declareAll(tree, dirs);
  const units = unitsOf(dirs, decl);
  // patch files are inputs even when a build fails: a partial object is never linted as a whole one
  const inputs = new Set<string>([...decl.values()].flatMap((d) => d.patches));
  const resourceFiles = new Set<string>();
  const merged = new Map<string, { finding: Omit<KustomizeFinding, 'units' | 'related'>; units: Set<string>; sample: Sample }>();
  const errors: KustomizeFinding[] = [];
  const readBy = new Map<string, ReadonlySet<string>>();
  const found: UnitFinding[] = [];
  const suppressions = fileSuppressions(tree);
  // the findings of each built resource text, kept for verifying fixes
  const linted = new Map<string, readonly Result[]>();
  for (const unit of units) {
    const cached = options.unitCache?.get(unit);
    const build = cached && unchanged(tree, cached.reads) ? cached : buildUnit(tree, unit, options, config);
    options.unitCache?.set(unit, build);
    readBy.set(unit, build.files);
    if (build.error) {
      errors.push(build.error);
      continue;
    }
    for (const f of build.files) inputs.add(f);
    for (const f of build.resourceFiles) resourceFiles.add(f);
    if (options.fixes) for (const [text, results] of build.linted) linted.set(text, results);
    for (const { key, finding, sample } of build.found) {
      found.push({ unit, result: sample.result });
      // a suppression comment in the base or patch file the finding is reported in
      if (suppressions.of(finding.file, finding.ruleId, { file: finding.file, range: finding.range, cause: finding.cause, docLine: sample.docLine })) continue;
      const entry = merged.get(key) ?? { finding, units: new Set<string>(), sample };
      entry.units.add(unit);
      merged.set(key, entry);
    }
  }
  if (options.unitCache) for (const u of options.unitCache.keys()) if (!units.includes(u)) options.unitCache.delete(u);
  const verifier = options.fixes ? new KustomizeFixVerifier(tree, found, config, options.build, linted) : undefined;
  const wanted = typeof options.fixes === 'function' ? options.fixes : (): boolean => true;
  const findings = [...merged.values()].map(({ finding, units: us, sample }) => {
    // units that deploy the file too but whose build does not have the finding: they fix it
    const fixedBy = units.filter((u) => !us.has(u) && readBy.get(u)?.has(finding.file));
    const f = withUnits(tree, finding, [...us].sort(), fixedBy);
    const fix = verifier && fixedBy.length === 0 && wanted(f) ? fixOf(tree, verifier, f, sample, units.filter((u) => readBy.get(u)?.has(finding.file))) : undefined;
    return fix ? { ...f, fix } : f;
  });
  return { units, findings: [...errors, ...findings].sort(compareFindings), inputs, resourceFiles };
}

/**
 * The fix of a finding in its own file: the base resource when every unit that deploys it has
 * the finding, the overlay's patch when the patch set the value; verified by building again.
 */
function fixOf(tree: FileTree, verifier: KustomizeFixVerifier, f: KustomizeFinding, sample: Sample, readers: readonly string[]): Fix | undefined {
  const fix = sample.result.fix;
  if (!fix || fix.edits.length === 0 || f.cause === 'build') return undefined;
  // a base finding is fixed in the base, and a patch finding in the patch: the file it is reported in
  if (f.cause !== 'patch' && f.file !== sample.resource.origin.file) return undefined;
  const edits = sourceFixEdits(tree, f.file, sample.docLine, sample.built, sample.resource.obj as Json, fix.edits);
  if (!edits || !verifier.verify(f.file, edits, readers, f.units, sample.result)) return undefined;
  return { title: fix.title, edits };
}

/** The suppression comments of the tree's files, read once per file. */
function fileSuppressions(tree: FileTree): { of(file: string, ruleId: string, at: Located): boolean } {
  const byFile = new Map<string, Suppressions>();
  const rules = new Map<string, RuleMeta>(allRules().map((r) => [r.id, r]));
  return {
    of(file, ruleId, at) {
      const rule = rules.get(ruleId);
      if (!rule) return false;
      let s = byFile.get(file);
      if (!s) {
        const text = textOf(tree, file);
        s = suppressionsOf(text === undefined ? undefined : suppressionIndex(lineIndex(text), 'kubernetes'));
        byFile.set(file, s);
      }
      // the object's comment block: the one above its document's first line
      const objectRange = lineRange(at.docLine);
      return s.isSuppressed(rule, { range: at.range, objectRange });
    },
  };
}

/** writeYamlDocument, or undefined when the object is nested too deeply for it (the text is then parsed, as the build wrote it). */
function treeOf(obj: Json): ReturnType<typeof writeYamlDocument> {
  try {
    return writeYamlDocument(obj);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** A finding with the units it occurs in: in its message when it is on a shared file, and as related locations. */
function withUnits(tree: FileTree, f: Omit<KustomizeFinding, 'units' | 'related'>, units: string[], fixedBy: readonly string[]): KustomizeFinding {
  const kustomizationOf = (u: string): string => KUSTOMIZATION_FILES.map((n) => (u ? `${u}/${n}` : n)).find((p) => tree.readFile(p) !== undefined) ?? `${u}/kustomization.yaml`;
  const related = [
    ...units.map((u) => ({ file: kustomizationOf(u), range: lineRange(1), message: { en: `deployed by /${u}`, de: `ausgeliefert von /${u}` } })),
    ...fixedBy.map((u) => ({ file: kustomizationOf(u), range: lineRange(1), message: { en: `fixed in /${u}`, de: `behoben in /${u}` } })),
  ];
  const suffix: Localized = f.cause === 'missing'
    ? { en: ` (not set in the base object; deployed by ${unitList(units)})`, de: ` (im Basisobjekt nicht gesetzt; ausgeliefert von ${unitList(units)})` }
    : { en: ` (in ${unitList(units)})`, de: ` (in ${unitList(units)})` };
  const fixed: Localized = fixedBy.length === 0 ? { en: '', de: '' } : { en: `; fixed in ${unitList(fixedBy)}`, de: `; behoben in ${unitList(fixedBy)}` };
  const end = (s: string, add: string): string => (add ? `${s.slice(0, -1)}${add})` : s);
  return { ...f, message: { en: end(f.message.en + suffix.en, fixed.en), de: end(f.message.de + suffix.de, fixed.de) }, units, related };
}

function compareFindings(a: KustomizeFinding, b: KustomizeFinding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
