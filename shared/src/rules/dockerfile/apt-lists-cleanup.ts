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

/** True when the RUN fetches package lists (`apt-get update`); only then can it leave new lists in its layer. */
function updatesLists(run: RunInfo): boolean {
  return run.commands.some((c) => {
    const p = packageCommand(c);
    return p?.manager === 'apt' && isSub(p, 'update');
  });
}

/** True when every package installed is a local `.deb` file: nothing is read from the lists. */
const installsLocalDebs = (install: PackageCommand): boolean =>
  install.operands.length > 0 && install.operands.every((w) => w.value.endsWith('.deb') && !/^[a-z]+:\/\//i.test(w.value));

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
  },
  docs: {
    rationale: {
      en: 'apt-get update downloads package indexes (tens of MB) that are useless at run time. Removed in a later RUN they still ship in the earlier layer; they must go in the same RUN. A cache mount on /var/lib/apt also keeps them out. Only the final stage and the stages it builds on are checked; a RUN that installs only local .deb files without apt-get update fetches no lists.',
      de: 'apt-get update lädt Paketindizes (zig MB), die zur Laufzeit nutzlos sind. In einem späteren RUN entfernt, werden sie in der früheren Schicht trotzdem ausgeliefert; sie müssen im selben RUN weg. Ein Cache-Mount auf /var/lib/apt hält sie ebenfalls heraus. Geprüft werden nur die letzte Stage und die Stages, auf denen sie aufbaut; ein RUN, das ohne apt-get update nur lokale .deb-Dateien installiert, lädt keine Listen.',
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
      const install = aptInstall(run);
      if (!install?.sub || (!updatesLists(run) && installsLocalDebs(install)) || cleansLists(run) || hasCacheMount(run.instruction, ['/var/lib/apt', '/var/lib/apt/lists'])) continue;
      const fix = appendCommandFix(file, run, CLEANUP, { en: 'Remove the apt lists in this RUN', de: 'apt-Listen in diesem RUN entfernen' });
      findings.push({ range: file.lines.rangeOf(install.sub.start, install.sub.end), ...(fix ? { fix } : {}) });
    }
    return findings;
  },
});
