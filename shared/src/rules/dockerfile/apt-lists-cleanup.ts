import { defineDockerfileRule } from '../../define';
import type { RawFinding } from '../../types';
import { appendCommandFix } from './support/edits';
import { isSub, packageCommand, type PackageCommand } from './support/packages';
import { hasCacheMount, runsIn, runtimeStages, type RunInfo } from './support/stages';

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

function aptInstall(run: RunInfo): PackageCommand | undefined {
  const commands = run.commands;
  for (let k = 0; k < commands.length; k++) {
    const p = packageCommand(commands[k]!);
    if (isSub(p, 'install') && p.manager === 'apt') return p;
  }
  return undefined;
}

/** The `update` word of the RUN's `apt-get update`: only a RUN that fetches package lists can leave new ones in its layer. */
function listsUpdate(run: RunInfo): PackageCommand | undefined {
  const commands = run.commands;
  for (let k = 0; k < commands.length; k++) {
    const p = packageCommand(commands[k]!);
    if (p?.manager === 'apt' && isSub(p, 'update')) return p;
  }
  return undefined;
}

function cleansLists(run: RunInfo): boolean {
  return run.commands.some(
    (c) =>
      ((c.name === 'rm' || c.name === 'find') && c.args.some((w) => w.value.startsWith('/var/lib/apt/lists'))) ||
      ((c.name === 'apt-get' || c.name === 'apt') && c.args.some((w) => w.value === 'distclean' || w.value === 'dist-clean')),
  );
}

/** A RUN that installs apt packages but leaves the package lists in the layer. */
export const aptListsCleanup = defineDockerfileRule({
  id: 'dockerfile/apt-lists-cleanup',
  kind: 'dockerfile',
  title: { en: 'Remove apt package lists in the same RUN', de: 'apt-Paketlisten im selben RUN entfernen' },
  severity: 'warning',
  levels: ['L2', 'L3'],
  references: ['CL-1.1.5', 'CSC-1.3.1'],
  equivalents: ['hadolint:DL3009'],
  messages: {
    default: {
      en: 'This RUN installs apt packages but keeps /var/lib/apt/lists in the layer; end it with && rm -rf /var/lib/apt/lists/*.',
      de: 'Dieses RUN installiert apt-Pakete, behält aber /var/lib/apt/lists in der Schicht; mit && rm -rf /var/lib/apt/lists/* abschließen.',
    },
    update: {
      en: 'This RUN fetches apt package lists and keeps them in the layer; install in this RUN and end it with && rm -rf /var/lib/apt/lists/*.',
      de: 'Dieses RUN lädt apt-Paketlisten und behält sie in der Schicht; in diesem RUN installieren und es mit && rm -rf /var/lib/apt/lists/* abschließen.',
    },
  },
  docs: {
    rationale: {
      en: 'apt-get update downloads package indexes (tens of MB) that are useless at run time. Removed in a later RUN they still ship in the earlier layer; they must go in the same RUN. A cache mount on /var/lib/apt also keeps them out. Only the final stage and the stages it builds on are checked; a RUN without apt-get update (installing local .deb files, or from lists an earlier RUN fetched) adds none, and the RUN that fetched them is reported.',
      de: 'apt-get update lädt Paketindizes (zig MB), die zur Laufzeit nutzlos sind. In einem späteren RUN entfernt, werden sie in der früheren Schicht trotzdem ausgeliefert; sie müssen im selben RUN weg. Ein Cache-Mount auf /var/lib/apt hält sie ebenfalls heraus. Geprüft werden nur die letzte Stage und die Stages, auf denen sie aufbaut; ein RUN ohne apt-get update (das lokale .deb-Dateien installiert oder aus Listen eines früheren RUN) fügt keine hinzu, gemeldet wird das RUN, das sie geladen hat.',
    },
    fix: { en: 'Append `&& rm -rf /var/lib/apt/lists/*` to the RUN.', de: '`&& rm -rf /var/lib/apt/lists/*` an das RUN anhängen.' },
    bad: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
  },
  fixable: true,
  check(file) {
    const findings: RawFinding[] = [];
    const list = runsIn(file, runtimeStages(file));
    for (let r = 0; r < list.length; r++) {
      const run = list[r]!;
      // without apt-get update the RUN adds no lists (installs of local .deb files, or lists an earlier RUN left)
      const update = listsUpdate(run);
      if (!update?.sub || cleansLists(run) || hasCacheMount(run.instruction, ['/var/lib/apt', '/var/lib/apt/lists'])) continue;
      const install = aptInstall(run);
      if (!install?.sub) {
        // no fix: a later RUN may install from these lists
        findings.push({ range: file.lines.rangeOf(update.sub.start, update.sub.end), messageId: 'update' });
        continue;
      }
      const fix = appendCommandFix(file, run, CLEANUP, { en: 'Remove the apt lists in this RUN', de: 'apt-Listen in diesem RUN entfernen' });
      findings.push({ range: file.lines.rangeOf(install.sub.start, install.sub.end), ...(fix ? { fix } : {}) });
    }
    return findings;
  },
});
