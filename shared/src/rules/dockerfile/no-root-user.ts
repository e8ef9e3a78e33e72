import { defineDockerfileRule } from '../../define';
import { expandedArguments } from '../../facts/dockerfile-variables';
import { isRootUser } from '../../facts/root-user';
import { parseDockerfile, type DockerfileFile, type Instruction, type Stage } from '../../parse/dockerfile';
import { nonRootImage } from '../../facts/non-root-images';
import { distroFamily } from '../../parse/images';
import { applyEdits } from '../../text';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { baseImage, eolOf, stageChain } from './support/stages';
import { createdUser, userLines } from './support/users';

const FIX_TITLE = { en: 'Add a non-root USER', de: 'Nicht-Root-USER hinzufügen' };
const PRIVILEGE_DROP = /\b(gosu|su-exec|setpriv|runuser|s6-setuidgid|chroot\s+--userspec)\b/;
/** Instructions that may follow USER without needing root. */
const AFTER_USER_OK = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'LABEL', 'HEALTHCHECK', 'STOPSIGNAL', 'ENV', 'ARG', 'USER', 'MAINTAINER', 'SHELL', 'ONBUILD']);

/** The keywords of a container's start command. */
const START_KEYWORDS = new Set(['CMD', 'ENTRYPOINT']);
/** The keywords whose commands may drop root themselves (gosu, su-exec, …). */
const COMMAND_KEYWORDS = new Set(['RUN', 'ENTRYPOINT', 'CMD']);

/** The USER instructions of the stages, in order. */
function userInstructions(chain: readonly Stage[]): Instruction[] {
  const users: Instruction[] = [];
  for (let s = 0; s < chain.length; s++) {
    const list = chain[s]!.instructions;
    for (let k = 0; k < list.length; k++) if (list[k]!.getKeyword() === 'USER') users.push(list[k]!);
  }
  return users;
}

/** True when a RUN, ENTRYPOINT or CMD of the stages calls a tool that drops root (PRIVILEGE_DROP). */
function dropsPrivileges(chain: readonly Stage[]): boolean {
  for (let s = 0; s < chain.length; s++) {
    const list = chain[s]!.instructions;
    for (let k = 0; k < list.length; k++) if (COMMAND_KEYWORDS.has(list[k]!.getKeyword()) && PRIVILEGE_DROP.test(list[k]!.getTextContent())) return true;
  }
  return false;
}

function linesFor(file: DockerfileFile, chain: readonly Stage[]): string[] {
  const created = createdUser(file, chain);
  if (created) return [`USER ${created}`];
  const base = baseImage(file, chain[chain.length - 1]!);
  // an image that runs as a non-root user already has it: switch back to that user
  const known = base ? nonRootImage(base.ref) : undefined;
  if (known) return [`USER ${known.user}`];
  return userLines(base && !base.ref.variable ? distroFamily(base.ref) : 'unknown');
}

function indentOf(file: DockerfileFile, line: number): string {
  return /^[ \t]*/.exec(file.lines.lineText(line))![0];
}

/** A here-document's opener anywhere in a file: its lines may belong to an instruction (or to one left open). */
const HEREDOC = /<<-?\s*['"]?[A-Za-z_]/;
/** Whether a file may open a here-document: the pattern runs only where its `<<` is found, by a faster substring search. */
const hasHeredoc = (text: string): boolean => text.includes('<<') && HEREDOC.test(text);
/** Lines a fix appends: each starts with a line break and holds no escape character, here-document, line break or FROM of its own. */
const APPENDED_LINES = /^(?:\r?\n(?![ \t]*from\b)[^\\`<\r\n]+)+$/i;
/** The last appended line, a USER instruction, and its value. */
const LAST_USER = /\nUSER[ \t]+(\S+)[ \t]*$/;

const LONE_CR = /\r(?!\n)/;

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * True when the last line before `offset` that is neither blank nor a comment ends with a character
 * that could escape its line break (`\` or `` ` ``): a continued instruction goes on across blank and
 * comment lines, and would take in what is appended.
 */
function endsEscaped(text: string, offset: number): boolean {
  for (let end = offset; end > 0; ) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (line !== '' && line[0] !== '#') return line.endsWith('\\') || line.endsWith('`');
    end = start - 1;
  }
  return false;
}

/**
 * True when `edit` appends lines after the final stage's last instruction that certainly become
 * instructions of that stage, ending with a non-root USER, as a parse of the edited file would find
 * (see verified): the file has no here-document and no line break but LF and CRLF, only spaces and
 * line breaks follow the insertion, the instruction before it does not continue (endsEscaped), and
 * the appended lines are plain ones. Exported for the tests, which hold it to the parse.
 */
export function appendsCleanly(file: DockerfileFile, edit: TextEdit): boolean {
  const { start, end } = edit.range;
  const text = file.text;
  if (start.line !== end.line || start.character !== end.character || hasHeredoc(text)) return false;
  // a CR on its own breaks lines for the parser too: such rare files are left to it
  if (text.includes('\r') && LONE_CR.test(text)) return false;
  const at = file.lines.offsetAt(start);
  for (let k = at; k < text.length; k++) if (!isBlank(text.charCodeAt(k))) return false;
  if (endsEscaped(text, at)) return false;
  if (!APPENDED_LINES.test(edit.newText)) return false;
  const user = LAST_USER.exec(edit.newText);
  return user !== null && !isRootUser(user[1]!);
}

/** True when the edited file's final stage ends with a non-root USER, by a parse of the edited file. Exported for the tests. */
export function verifiedByParse(file: DockerfileFile, fix: Fix): boolean {
  const after = parseDockerfile(file.uri, applyEdits(file.text, fix.edits, file.lines));
  const final = after.finalStage;
  if (!final || after.stages.length !== file.stages.length) return false;
  const users = userInstructions(stageChain(after, final));
  const last = users[users.length - 1]?.getArgumentsContent()?.trim();
  return last !== undefined && !isRootUser(last);
}

/** True when the edited file's final stage ends with a non-root USER (guards against here-documents and continuations swallowing the insertion). */
function verified(file: DockerfileFile, fix: Fix): boolean {
  // a line inserted before an instruction keyword is safe unless a here-document is open; appending may extend a continued line
  const before = fix.edits.every((e) => e.range.start.character === 0 && e.newText.endsWith('\n'));
  if (before && !hasHeredoc(file.text)) return true;
  // the common append after the last instruction is decided without parsing the file again
  if (fix.edits.length === 1 && appendsCleanly(file, fix.edits[0]!)) return true;
  return verifiedByParse(file, fix);
}

/** Inserts the user lines before the first CMD/ENTRYPOINT that only runtime settings follow, else after the stage. */
function addUserFix(file: DockerfileFile, chain: readonly Stage[]): Fix {
  const stage = chain[chain.length - 1]!;
  const eol = eolOf(file);
  const lines = linesFor(file, chain);
  const list = stage.instructions;
  // the first CMD/ENTRYPOINT of the stage's tail of runtime settings
  let tail = list.length;
  while (tail > 0 && AFTER_USER_OK.has(list[tail - 1]!.getKeyword())) tail--;
  let at = -1;
  for (let k = tail; k < list.length && at < 0; k++) if (START_KEYWORDS.has(list[k]!.getKeyword())) at = k;
  let edit: TextEdit;
  if (at >= 0) {
    const line = list[at]!.getRange().start.line;
    const indent = indentOf(file, line);
    edit = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: lines.map((l) => indent + l + eol).join('') };
  } else {
    const last = list[list.length - 1] ?? stage.from;
    const end = last.getRange().end;
    edit = { range: { start: end, end }, newText: lines.map((l) => eol + l).join('') };
  }
  return { title: FIX_TITLE, edits: [edit] };
}

/** Replaces `USER root` when nothing after it in the stage needs root. */
function replaceRootFix(file: DockerfileFile, chain: readonly Stage[], user: Instruction, users: readonly Instruction[]): Fix | undefined {
  const stage = chain[chain.length - 1]!;
  const after = stage.instructions.filter((i) => i.getRange().start.line > user.getRange().start.line);
  if (!after.every((i) => AFTER_USER_OK.has(i.getKeyword()))) return undefined;
  const earlier = users.slice(0, users.indexOf(user)).map((u) => u.getArgumentsContent()?.trim() ?? '');
  const previous = earlier.filter((v) => v !== '' && !isRootUser(v)).pop();
  const lines = previous ? [`USER ${previous}`] : linesFor(file, chain);
  const indent = indentOf(file, user.getRange().start.line);
  return { title: FIX_TITLE, edits: [{ range: user.getRange(), newText: lines.join(eolOf(file) + indent) }] };
}

/** The image runs as root: no USER in the final stage, or the last USER is root. */
export const noRootUser = defineDockerfileRule({
  id: 'dockerfile/no-root-user',
  kind: 'dockerfile',
  title: { en: 'Run the container as a non-root user', de: 'Container als Nicht-Root-Benutzer ausführen' },
  severity: 'error',
  levels: ['L2', 'L3'],
  references: ['CSVS-3.1', 'CSVS-3.3', 'CL-2.1.1', 'CSC-2.1.1', 'ART-1.1', 'ART-1.4'],
  external: [{ source: 'CIS Docker Benchmark', id: '4.1' }, { source: 'NIST SP 800-190', id: '4.4.3' }],
  equivalents: ['hadolint:DL3002', 'checkov:CKV_DOCKER_3', 'checkov:CKV_DOCKER_8', 'trivy:DS002'],
  messages: {
    missing: {
      en: 'The final stage sets no USER, so the container runs as root; create a user and switch to it with USER.',
      de: 'Die letzte Stage setzt kein USER, der Container läuft also als root; einen Benutzer anlegen und mit USER zu ihm wechseln.',
    },
    root: {
      en: 'The last USER of the final stage is root, so the container runs as root; switch to a non-root user after the steps that need root.',
      de: 'Der letzte USER der letzten Stage ist root, der Container läuft also als root; nach den Schritten, die root brauchen, zu einem Nicht-Root-Benutzer wechseln.',
    },
  },
  docs: {
    rationale: {
      en: 'A process running as root inside a container is root on the host kernel: a breakout or a writable host mount gives an attacker full control. Root is needed only while building; the running container should use a dedicated unprivileged user. Images whose entrypoint drops privileges itself (gosu, su-exec, setpriv) and images whose vendor configures a non-root user (distroless `nonroot` tags, Chainguard, .NET chiseled, Bitnami, nginx-unprivileged, Red Hat S2I and others, each listed with its source) are not reported; Windows images are not checked. Root is every spelling of UID 0 (`0`, `00`, `+0`, `root` in any case, `root:staff`, `:1000`) and the Windows administrator accounts (`ContainerAdministrator`, `Administrator`); a value with variables counts by what the file sets (`${APP_USER:-root}`, `ARG U=root` then `USER $U`).',
      de: 'Ein Prozess, der im Container als root läuft, ist root auf dem Host-Kernel: ein Ausbruch oder ein beschreibbarer Host-Mount gibt Angreifern volle Kontrolle. Root wird nur beim Bauen gebraucht; der laufende Container sollte einen eigenen, unprivilegierten Benutzer verwenden. Images, deren Entrypoint die Rechte selbst abgibt (gosu, su-exec, setpriv), und Images, deren Hersteller einen Nicht-Root-Benutzer konfiguriert (distroless-`nonroot`-Tags, Chainguard, .NET chiseled, Bitnami, nginx-unprivileged, Red Hat S2I und weitere, jeweils mit Quelle aufgeführt), werden nicht gemeldet; Windows-Images werden nicht geprüft. Root ist jede Schreibweise der UID 0 (`0`, `00`, `+0`, `root` in beliebiger Schreibung, `root:staff`, `:1000`) und die Administratorkonten von Windows (`ContainerAdministrator`, `Administrator`); ein Wert mit Variablen zählt nach dem, was die Datei setzt (`${APP_USER:-root}`, `ARG U=root` und dann `USER $U`).',
    },
    fix: {
      en: 'Create a system user (Debian/Ubuntu: groupadd/useradd, Alpine: addgroup/adduser) and add `USER 10001:10001` before CMD/ENTRYPOINT; distroless images use `USER 65532:65532`, scratch images a numeric `USER 10001:10001`.',
      de: 'Einen Systembenutzer anlegen (Debian/Ubuntu: groupadd/useradd, Alpine: addgroup/adduser) und `USER 10001:10001` vor CMD/ENTRYPOINT setzen; distroless-Images verwenden `USER 65532:65532`, scratch-Images ein numerisches `USER 10001:10001`.',
    },
    bad: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]',
    good: 'FROM python:3.12-slim\nCOPY app.py /app/\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\nCMD ["python", "/app/app.py"]',
  },
  fixable: true,
  check(file) {
    const final = file.finalStage;
    if (!final) return [];
    const chain = stageChain(file, final);
    const base = baseImage(file, final);
    if (base && distroFamily(base.ref) === 'windows') return [];
    const users = userInstructions(chain);
    const last = users[users.length - 1];
    const findings: RawFinding[] = [];
    if (last) {
      const value = expandedArguments(file, final, last);
      const range = last.getArgumentsRange();
      if (!range || value === undefined || !isRootUser(value)) return [];
      const candidate = replaceRootFix(file, chain, last, users);
      const fix = candidate && verified(file, candidate) ? candidate : undefined;
      findings.push({ range, messageId: 'root', objectRange: final.range, ...(fix ? { fix } : {}) });
      return findings;
    }
    if (base && nonRootImage(base.ref)) return [];
    if (dropsPrivileges(chain)) return [];
    const fix = addUserFix(file, chain);
    // the base image's own configuration may name a user: a host with registry access reads it (registry/image-users.ts)
    const data = base && !base.ref.variable ? { data: { baseImage: base.ref.raw } } : {};
    findings.push({ range: final.from.getRange(), messageId: 'missing', objectRange: final.range, ...data, ...(verified(file, fix) ? { fix } : {}) });
    return findings;
  },
});
