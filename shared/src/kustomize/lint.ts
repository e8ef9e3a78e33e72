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
import { joinTreePath, type FileTree } from '../file-tree';
import { lintText } from '../lint';
import type { Localized, Range, Result, Severity } from '../types';
import { buildKustomization, type BuildOptions } from './build';
import { getString } from './json';
import { KUSTOMIZATION_FILES, loadKustomization, mapList, stringList } from './kustomization';
import { isRemote, KustomizeError, MAX_FOLDERS } from './loader';
import { clearLocateCache, locateIn, pathAt, pointerCovers, type Step } from './locate';
import type { Origin, Resource } from './resource';
import { writeYaml, writeYamlDocument } from './yaml-write';
import type { Json } from './json';

/** The rule id of a kustomization that does not build. */
export const BUILD_ERROR_RULE = 'kustomize/build-error';

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
}

/** Options of {@link lintKustomizations}. */
export interface KustomizeLintOptions {
  /** Folders of the tree that hold a kustomization file (default: every such folder, found by walking the tree). */
  readonly dirs?: readonly string[];
  readonly config?: Config;
  readonly build?: BuildOptions;
  readonly log?: (message: string) => void;
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
  return dirs.filter((d) => !used.has(d) && !decl.get(d)?.component).sort();
}

/** A tree that records the files read through it. */
function recording(tree: FileTree, read: Set<string>): FileTree {
  return {
    readFile: (path) => {
      const bytes = tree.readFile(path);
      if (bytes !== undefined) read.add(joinTreePath(path) ?? path);
      return bytes;
    },
    readDir: (path) => tree.readDir(path),
  };
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
}

/** Where a finding of a built resource is caused. */
function locate(tree: FileTree, r: Resource, built: string, result: Result): Located {
  const { steps, onKey } = pathAt(built, result.range.start.line, result.range.start.character);
  const id = { kind: getString(r.obj, 'kind'), name: getString(r.obj, 'metadata', 'name') };
  const patch = patchOrigin(r, steps);
  if (patch) {
    const text = textOf(tree, patch.file);
    const at = text === undefined ? undefined : locateIn(text, patch.line, steps, onKey, id);
    if (at?.complete) return { file: patch.file, range: at.range, cause: 'patch' };
  }
  const text = textOf(tree, r.origin.file);
  const at = text === undefined || r.generatedBy ? undefined : locateIn(text, r.origin.line, steps, onKey, id);
  if (at) return { file: r.origin.file, range: at.range, cause: at.complete ? 'base' : 'missing' };
  return { file: r.origin.file, range: lineRange(r.origin.line), cause: 'missing' };
}

function buildError(dir: string, e: KustomizeError): KustomizeFinding {
  const file = e.file ?? `${dir ? `${dir}/` : ''}kustomization.yaml`;
  return {
    ruleId: BUILD_ERROR_RULE,
    severity: 'error',
    message: { en: `The kustomization /${dir} does not build: ${e.message}`, de: `Die Kustomization /${dir} lässt sich nicht bauen: ${e.message}` },
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

function lintUnits(tree: FileTree, options: KustomizeLintOptions): KustomizeLintResult {
  const dirs = options.dirs ? [...options.dirs].sort() : findKustomizationDirs(tree);
  const decl = declareAll(tree, dirs);
  const units = unitsOf(dirs, decl);
  // patch files are inputs even when a build fails: a partial object is never linted as a whole one
  const inputs = new Set<string>([...decl.values()].flatMap((d) => d.patches));
  const resourceFiles = new Set<string>();
  const merged = new Map<string, { finding: Omit<KustomizeFinding, 'units' | 'related'>; units: Set<string> }>();
  const errors: KustomizeFinding[] = [];
  const readBy = new Map<string, ReadonlySet<string>>();
  for (const unit of units) {
    const read = new Set<string>();
    readBy.set(unit, read);
    const built = buildKustomization(recording(tree, read), unit, options.build);
    if (!built.ok) {
      errors.push(buildError(unit, built.error));
      continue;
    }
    for (const f of read) inputs.add(f);
    for (const r of built.resources) {
      if (!r.generatedBy) resourceFiles.add(r.origin.file);
      // the object is written as kustomize prints it, and linted through the YAML tree built while
      // writing (the same tree the yaml library reads from that text): the text is not parsed again
      const written = treeOf(r.obj as Json);
      const text = written?.text ?? writeYaml(r.obj as Json);
      const yamlCache = written ? new Map([[text, { docs: [written.doc] }]]) : undefined;
      const report = lintText(`kustomize:///${unit}`, text, { kind: 'kubernetes', ...(yamlCache ? { yamlCache } : {}), ...(options.config ? { config: options.config } : {}), ...(options.log ? { log: options.log } : {}) });
      for (const result of report.results) {
        const at = locate(tree, r, text, result);
        const key = `${at.file}\0${at.range.start.line}:${at.range.start.character}\0${result.ruleId}`;
        const entry = merged.get(key) ?? { finding: { ruleId: result.ruleId, severity: result.severity, message: result.message, file: at.file, range: at.range, cause: at.cause }, units: new Set<string>() };
        entry.units.add(unit);
        merged.set(key, entry);
      }
    }
  }
  const findings = [...merged.values()].map(({ finding, units: us }) => {
    // units that deploy the file too but whose build does not have the finding: they fix it
    const fixedBy = units.filter((u) => !us.has(u) && readBy.get(u)?.has(finding.file));
    return withUnits(tree, finding, [...us].sort(), fixedBy);
  });
  return { units, findings: [...errors, ...findings].sort(compareFindings), inputs, resourceFiles };
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
  const related = units.map((u) => {
    const file = KUSTOMIZATION_FILES.map((n) => (u ? `${u}/${n}` : n)).find((p) => tree.readFile(p) !== undefined) ?? `${u}/kustomization.yaml`;
    return { file, range: lineRange(1), message: { en: `deployed by /${u}`, de: `ausgeliefert von /${u}` } };
  });
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
