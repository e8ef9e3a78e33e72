import type { ImageReference } from '../../../facts/image-reference';

/**
 * Release cycles of common base images and the day their support ended, shipped with the release
 * so that no lookup goes over the network. Source: endoflife.date (its `eol` dates; Debian: the
 * end of LTS), compiled on TABLE_DATE. A cycle counts as past its end of life when that day lies
 * on or before TABLE_DATE, so the verdicts are the same on every machine until the table is renewed.
 */
export const TABLE_DATE = '2026-12-07';

/** End-of-life days by product and release cycle (only cycles ended or ending by TABLE_DATE are listed). */
const CYCLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  python: { '2': '2020-01-01', '3.0': '2009-06-27', '3.1': '2012-04-09', '3.2': '2016-02-20', '3.3': '2017-09-29', '3.4': '2019-03-18', '3.5': '2020-09-13', '3.6': '2021-12-23', '3.7': '2023-06-27', '3.8': '2024-10-07', '3.9': '2025-10-31', '3.10': '2026-10-31' },
  node: { '4': '2018-04-30', '5': '2016-06-30', '6': '2019-04-30', '7': '2017-06-30', '8': '2019-12-31', '9': '2018-06-30', '10': '2021-04-30', '11': '2019-06-01', '12': '2022-04-30', '13': '2020-06-01', '14': '2023-04-30', '15': '2021-06-01', '16': '2023-09-11', '17': '2022-06-01', '18': '2025-04-30', '19': '2023-06-01', '20': '2026-04-30', '21': '2024-06-01', '23': '2025-06-01' },
  php: { '5': '2018-12-31', '7.0': '2019-01-10', '7.1': '2019-12-01', '7.2': '2020-11-30', '7.3': '2021-12-06', '7.4': '2022-11-28', '8.0': '2023-11-26', '8.1': '2025-12-31' },
  ruby: { '2.4': '2020-03-31', '2.5': '2021-03-31', '2.6': '2022-04-12', '2.7': '2023-03-31', '3.0': '2024-04-23', '3.1': '2025-03-26', '3.2': '2026-03-31' },
  golang: { '1.15': '2021-08-16', '1.16': '2022-03-15', '1.17': '2022-08-02', '1.18': '2023-02-01', '1.19': '2023-08-08', '1.20': '2024-02-06', '1.21': '2024-08-13', '1.22': '2025-02-11', '1.23': '2025-08-12' },
  postgres: { '9': '2021-11-11', '10': '2022-11-10', '11': '2023-11-09', '12': '2024-11-21', '13': '2025-11-13' },
  mysql: { '5.6': '2021-02-28', '5.7': '2023-10-31', '8.0': '2026-04-30' },
  mongo: { '3': '2021-04-30', '4.0': '2022-04-30', '4.2': '2023-04-30', '4.4': '2024-02-29', '5.0': '2024-10-31', '6.0': '2025-07-31' },
  debian: { '7': '2018-05-31', '8': '2020-06-30', '9': '2022-06-30', '10': '2024-06-30', '11': '2026-08-31' },
  ubuntu: { '12.04': '2017-04-28', '14.04': '2019-04-25', '16.04': '2021-04-30', '18.04': '2023-05-31', '19.04': '2020-01-23', '19.10': '2020-07-06', '20.04': '2025-05-29', '20.10': '2021-07-22', '21.04': '2022-01-20', '21.10': '2022-07-14', '22.10': '2023-07-20', '23.04': '2024-01-25', '23.10': '2024-07-11', '24.10': '2025-07-10', '25.04': '2026-01-15' },
  alpine: { '3.0': '2016-05-01', '3.1': '2016-11-01', '3.2': '2017-05-01', '3.3': '2017-11-01', '3.4': '2018-05-01', '3.5': '2018-11-01', '3.6': '2019-05-01', '3.7': '2019-11-01', '3.8': '2020-05-01', '3.9': '2020-11-01', '3.10': '2021-05-01', '3.11': '2021-11-01', '3.12': '2022-05-01', '3.13': '2022-11-01', '3.14': '2023-05-01', '3.15': '2023-11-01', '3.16': '2024-05-23', '3.17': '2024-11-22', '3.18': '2025-05-09', '3.19': '2025-11-01', '3.20': '2026-04-01', '3.21': '2026-11-01' },
  centos: { '6': '2020-11-30', '7': '2024-06-30', '8': '2021-12-31' },
};

/** Release code names and the cycle they stand for. */
const CODENAMES: Readonly<Record<string, readonly [string, string]>> = {
  wheezy: ['debian', '7'], jessie: ['debian', '8'], stretch: ['debian', '9'], buster: ['debian', '10'], bullseye: ['debian', '11'],
  precise: ['ubuntu', '12.04'], trusty: ['ubuntu', '14.04'], xenial: ['ubuntu', '16.04'], bionic: ['ubuntu', '18.04'], focal: ['ubuntu', '20.04'],
  lunar: ['ubuntu', '23.04'], mantic: ['ubuntu', '23.10'], oracular: ['ubuntu', '24.10'], plucky: ['ubuntu', '25.04'],
};

/** A release cycle past its end of life. */
export interface EndOfLife {
  readonly product: string;
  readonly cycle: string;
  readonly eol: string;
}

/** The cycle of `table` that a version (`3.8`, `3.8.19`, `16`) belongs to: the longest key that is the version or a prefix of it at a dot. */
function cycleOf(table: Readonly<Record<string, string>>, version: string): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(table)) if ((version === key || version.startsWith(`${key}.`)) && (!best || key.length > best.length)) best = key;
  return best;
}

const ended = (product: string, cycle: string | undefined): EndOfLife | undefined => {
  const eol = cycle === undefined ? undefined : CYCLES[product]?.[cycle];
  return eol !== undefined && eol <= TABLE_DATE ? { product, cycle: cycle!, eol } : undefined;
};

/**
 * The end of life an official Docker Hub image reference is past, or undefined: the product's own
 * version (`python:3.8-slim`), else the distribution its tag names (`python:3.12-buster`,
 * `node:20-alpine3.16`). Variables, digests without tags and other registries are not judged.
 */
export function endOfLife(ref: ImageReference): EndOfLife | undefined {
  if (ref.variable || ref.tag === null || ref.registry !== 'docker.io' || !ref.repository.startsWith('library/')) return undefined;
  const product = ref.repository.slice('library/'.length).toLowerCase();
  const tag = ref.tag.toLowerCase();
  const parts = tag.split('-');
  const own = CYCLES[product] && /^\d/.test(parts[0]!) ? ended(product, cycleOf(CYCLES[product]!, parts[0]!)) : undefined;
  if (own) return own;
  for (const part of parts) {
    const named = CODENAMES[part];
    if (named) return ended(named[0], named[1]);
    const alpine = /^alpine(\d+\.\d+)$/.exec(part);
    if (alpine) return ended('alpine', cycleOf(CYCLES.alpine!, alpine[1]!));
  }
  return undefined;
}
