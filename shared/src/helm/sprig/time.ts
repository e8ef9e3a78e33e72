// Sprig's date functions (Masterminds/sprig v3 date.go) over a time.Time stand-in, with Go's
// layout formatting and parsing (src/time/format.go: the reference time Mon Jan 2 15:04:05 MST 2006).
// Every time is UTC: there is no time-zone database in the core. `now` is the fixed STAND_IN_NOW.
// Sprig: MIT licence, Copyright (C) 2013-2020 Masterminds; Go: BSD licence (LICENSE-GO.md).
import { fail } from '../template/exec';
import { type FuncMap, goFunc } from '../template/func';
import { GoStruct, goStruct } from '../template/values';

/** The instant `now` returns, so that rendered output does not change from run to run. */
export const STAND_IN_NOW = Date.UTC(2025, 0, 1, 0, 0, 0);

const longDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const longMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Chunk = { std: string } | { lit: string };

const stdTokens = [
  'January', 'Jan', 'Monday', 'Mon', 'MST', '2006', '-07:00:00', '-0700', '-07:00', '-07', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07',
  '01', '02', '03', '04', '05', '06', '002', '__2', '_2', '15', '1', '2', '3', '4', '5', 'PM', 'pm',
];

/** Splits a Go layout into reference-time tokens and literal text (time.nextStdChunk, simplified to longest match). */
function chunks(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let lit = '';
  for (let i = 0; i < layout.length; ) {
    // fractional seconds: .000 / ,999 … when no other digit follows
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      if (lit) out.push({ lit });
      lit = '';
      out.push({ std: frac[0] });
      i += frac[0].length;
      continue;
    }
    const tok = stdTokens.find((t) => layout.startsWith(t, i) && !(t === 'Jan' && layout.startsWith('January', i)) && !(t === 'Mon' && /^Mon(day)?[a-z]/.test(layout.slice(i)) && !layout.startsWith('Monday', i)));
    if (tok) {
      if (lit) out.push({ lit });
      lit = '';
      out.push({ std: tok });
      i += tok.length;
    } else lit += layout[i++];
  }
  if (lit) out.push({ lit });
  return out;
}

const pad = (n: number, w: number, c = '0'): string => String(n).padStart(w, c);

/** time.Time.Format for a UTC instant (milliseconds). */
export function formatTime(ms: number, layout: string): string {
  const d = new Date(ms);
  const out: string[] = [];
  for (const c of chunks(layout)) {
    if ('lit' in c) {
      out.push(c.lit);
      continue;
    }
    const h = d.getUTCHours();
    switch (c.std) {
      case 'January': out.push(longMonths[d.getUTCMonth()]!); break;
      case 'Jan': out.push(longMonths[d.getUTCMonth()]!.slice(0, 3)); break;
      case 'Monday': out.push(longDays[d.getUTCDay()]!); break;
      case 'Mon': out.push(longDays[d.getUTCDay()]!.slice(0, 3)); break;
      case 'MST': out.push('UTC'); break;
      case '2006': out.push(pad(d.getUTCFullYear(), 4)); break;
      case '06': out.push(pad(d.getUTCFullYear() % 100, 2)); break;
      case '01': out.push(pad(d.getUTCMonth() + 1, 2)); break;
      case '1': out.push(String(d.getUTCMonth() + 1)); break;
      case '02': out.push(pad(d.getUTCDate(), 2)); break;
      case '2': out.push(String(d.getUTCDate())); break;
      case '_2': out.push(pad(d.getUTCDate(), 2, ' ')); break;
      case '002': case '__2': {
        const yday = Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
        out.push(pad(yday, 3, c.std === '002' ? '0' : ' '));
        break;
      }
      case '15': out.push(pad(h, 2)); break;
      case '03': out.push(pad(h % 12 === 0 ? 12 : h % 12, 2)); break;
      case '3': out.push(String(h % 12 === 0 ? 12 : h % 12)); break;
      case '04': out.push(pad(d.getUTCMinutes(), 2)); break;
      case '4': out.push(String(d.getUTCMinutes())); break;
      case '05': out.push(pad(d.getUTCSeconds(), 2)); break;
      case '5': out.push(String(d.getUTCSeconds())); break;
      case 'PM': out.push(h >= 12 ? 'PM' : 'AM'); break;
      case 'pm': out.push(h >= 12 ? 'pm' : 'am'); break;
      case 'Z07:00:00': case 'Z0700': case 'Z07:00': case 'Z07': out.push('Z'); break;
      case '-07:00:00': out.push('+00:00:00'); break;
      case '-0700': out.push('+0000'); break;
      case '-07:00': out.push('+00:00'); break;
      case '-07': out.push('+00'); break;
      default: {
        // fractional seconds
        const digits = c.std.length - 1;
        const frac = pad(d.getUTCMilliseconds(), 3) + '000000';
        let f = frac.slice(0, digits);
        if (c.std[1] === '9') f = f.replace(/0+$/, '');
        out.push(f === '' ? '' : c.std[0] + f);
      }
    }
  }
  return out.join('');
}

/** time.ParseInLocation in UTC for the layout tokens formatTime knows; throws Go's message. */
export function parseTime(layout: string, value: string): number {
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let ms = 0;
  let pm: boolean | undefined;
  let offset = 0;
  let rest = value;
  const bad = (): never => fail(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(layout)}`);
  const num = (min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(rest);
    if (!m) bad();
    rest = rest.slice(m![0].length);
    return Number(m![0]);
  };
  for (const c of chunks(layout)) {
    if ('lit' in c) {
      if (!rest.startsWith(c.lit)) bad();
      rest = rest.slice(c.lit.length);
      continue;
    }
    switch (c.std) {
      case '2006': year = num(4, 4); break;
      case '06': year = 2000 + num(2, 2); if (year >= 2069) year -= 100; break;
      case '01': month = num(2, 2); break;
      case '1': month = num(1, 2); break;
      case '02': day = num(2, 2); break;
      case '2': day = num(1, 2); break;
      case '_2': rest = rest.replace(/^ /, ''); day = num(1, 2); break;
      case '15': hour = num(2, 2); break;
      case '03': hour = num(2, 2); break;
      case '3': hour = num(1, 2); break;
      case '04': min = num(2, 2); break;
      case '4': min = num(1, 2); break;
      case '05': sec = num(2, 2); break;
      case '5': sec = num(1, 2); break;
      case 'PM': case 'pm': {
        const m = /^(AM|PM|am|pm)/.exec(rest);
        if (!m) bad();
        pm = m![0].toUpperCase() === 'PM';
        rest = rest.slice(2);
        break;
      }
      case 'Jan': case 'January': {
        const i = longMonths.findIndex((x) => rest.startsWith(c.std === 'Jan' ? x.slice(0, 3) : x));
        if (i < 0) bad();
        rest = rest.slice(c.std === 'Jan' ? 3 : longMonths[i]!.length);
        month = i + 1;
        break;
      }
      case 'Mon': case 'Monday': {
        const i = longDays.findIndex((x) => rest.startsWith(c.std === 'Mon' ? x.slice(0, 3) : x));
        if (i < 0) bad();
        rest = rest.slice(c.std === 'Mon' ? 3 : longDays[i]!.length);
        break;
      }
      case 'MST': {
        const m = /^[A-Z]{3,5}/.exec(rest);
        if (!m) bad();
        rest = rest.slice(m![0].length);
        break;
      }
      default: {
        if (c.std.startsWith('Z') && rest.startsWith('Z')) {
          rest = rest.slice(1);
          break;
        }
        if (c.std.includes('07')) {
          const m = /^([+-])(\d\d):?(\d\d)?(?::?(\d\d))?/.exec(rest);
          if (!m) bad();
          offset = (m![1] === '-' ? -1 : 1) * (Number(m![2]) * 60 + Number(m![3] ?? 0)) * 60000;
          rest = rest.slice(m![0].length);
          break;
        }
        const m = /^[.,](\d+)/.exec(rest);
        if (m) {
          ms = Math.floor(Number(`0.${m[1]}`) * 1000);
          rest = rest.slice(m[0].length);
        } else if (c.std[1] === '0') bad();
      }
    }
  }
  if (rest !== '') fail(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(rest)}`);
  if (pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  if (month < 1 || month > 12) fail(`parsing time ${JSON.stringify(value)}: month out of range`);
  if (day < 1 || day > 31) fail(`parsing time ${JSON.stringify(value)}: day out of range`);
  return utc(year, month - 1, day, hour, min, sec, ms) - offset;
}

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
function utc(year: number, month: number, day: number, hour: number, min: number, sec: number, ms: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(hour, min, sec, ms);
  return d.getTime();
}

/** A time.Time value for templates (UTC): it prints as Go does and has the common methods. */
export function timeStruct(ms: number): GoStruct {
  return goStruct('time.Time', {
    _ms: ms,
    Unix: goFunc([], undefined, () => BigInt(Math.floor(ms / 1000))),
    UnixNano: goFunc([], undefined, () => BigInt(ms) * 1_000_000n),
    Format: goFunc(['string'], undefined, (layout: string) => formatTime(ms, layout)),
    UTC: goFunc([], undefined, () => timeStruct(ms)),
    Local: goFunc([], undefined, () => timeStruct(ms)),
    Year: goFunc([], undefined, () => BigInt(new Date(ms).getUTCFullYear())),
    YearDay: goFunc([], undefined, () => BigInt(Math.floor((ms - Date.UTC(new Date(ms).getUTCFullYear(), 0, 1)) / 86400000) + 1)),
    Day: goFunc([], undefined, () => BigInt(new Date(ms).getUTCDate())),
    Hour: goFunc([], undefined, () => BigInt(new Date(ms).getUTCHours())),
    Minute: goFunc([], undefined, () => BigInt(new Date(ms).getUTCMinutes())),
    Second: goFunc([], undefined, () => BigInt(new Date(ms).getUTCSeconds())),
    Add: goFunc(['int64'], undefined, (ns: bigint) => timeStruct(ms + Number(ns / 1_000_000n))),
    AddDate: goFunc(['int', 'int', 'int'], undefined, (y: bigint, m: bigint, d: bigint) => {
      const t = new Date(ms);
      return timeStruct(Date.UTC(t.getUTCFullYear() + Number(y), t.getUTCMonth() + Number(m), t.getUTCDate() + Number(d), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), t.getUTCMilliseconds()));
    }),
  }, { stringer: () => formatTime(ms, '2006-01-02 15:04:05.999999999 -0700 MST') });
}

/** The instant of a date argument as Sprig's date functions read it: time.Time, unix seconds, or now. */
function instant(date: unknown): number {
  if (date instanceof GoStruct && date.typeName === 'time.Time') return date.fields['_ms'] as number;
  if (typeof date === 'bigint') return Number(date) * 1000;
  return STAND_IN_NOW;
}

/** time.Duration.String. */
export function durationString(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    out = fraction(u, div as bigint) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u -= m * 60_000_000_000n;
    out = `${h > 0n ? `${h}h` : ''}${h > 0n || m > 0n ? `${m}m` : ''}${fraction(u, 1_000_000_000n)}s`;
  }
  return (neg ? '-' : '') + out;
}

function fraction(v: bigint, div: bigint): string {
  const whole = v / div;
  const rest = v % div;
  if (rest === 0n) return String(whole);
  const digits = String(div).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** time.ParseDuration; undefined when the text is not a duration. */
export function parseDuration(s: string): bigint | undefined {
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
  if (!m || s === '' || s === '+' || s === '-') return s === '0' ? 0n : undefined;
  const units: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };
  let total = 0;
  for (const part of s.slice(m[1]!.length).matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * units[part[2]!]!;
  return BigInt(Math.round(total)) * (m[1] === '-' ? -1n : 1n);
}

/** Sprig's date functions; `onNow` reports each use of the stand-in clock. */
export function timeFuncs(onNow: (name: string) => void): FuncMap {
  const nowFn = (name: string): number => {
    onNow(name);
    return STAND_IN_NOW;
  };
  const date = (fmt: string, d: unknown): string => formatTime(d instanceof GoStruct || typeof d === 'bigint' ? instant(d) : nowFn('date'), fmt);
  const toDate = (fmt: string, s: string): GoStruct => timeStruct(parseTime(fmt, s));
  const dateModify = (fmt: string, d: unknown): GoStruct => {
    const ns = parseDuration(fmt);
    if (ns === undefined) fail(`time: invalid duration ${JSON.stringify(fmt)}`);
    return timeStruct(instant(d) + Number(ns / 1_000_000n));
  };
  return {
    now: goFunc([], undefined, () => timeStruct(nowFn('now'))),
    date: goFunc(['string', 'any'], undefined, date),
    dateInZone: goFunc(['string', 'any', 'string'], undefined, (fmt: string, d: unknown) => date(fmt, d)),
    date_in_zone: goFunc(['string', 'any', 'string'], undefined, (fmt: string, d: unknown) => date(fmt, d)),
    htmlDate: goFunc(['any'], undefined, (d: unknown) => date('2006-01-02', d)),
    htmlDateInZone: goFunc(['any', 'string'], undefined, (d: unknown) => date('2006-01-02', d)),
    dateModify: goFunc(['string', 'any'], undefined, (fmt: string, d: unknown) => {
      const ns = parseDuration(fmt);
      return ns === undefined ? d : dateModify(fmt, d);
    }),
    date_modify: goFunc(['string', 'any'], undefined, (fmt: string, d: unknown) => {
      const ns = parseDuration(fmt);
      return ns === undefined ? d : dateModify(fmt, d);
    }),
    mustDateModify: goFunc(['string', 'any'], undefined, dateModify),
    must_date_modify: goFunc(['string', 'any'], undefined, dateModify),
    toDate: goFunc(['string', 'string'], undefined, (fmt: string, s: string) => {
      try {
        return toDate(fmt, s);
      } catch {
        return timeStruct(utc(1, 0, 1, 0, 0, 0, 0));
      }
    }),
    mustToDate: goFunc(['string', 'string'], undefined, toDate),
    unixEpoch: goFunc(['any'], undefined, (d: unknown) => String(Math.floor(instant(d) / 1000))),
    ago: goFunc(['any'], undefined, (d: unknown) => durationString(BigInt(Math.round((nowFn('ago') - instant(d)) / 1000)) * 1_000_000_000n)),
    duration: goFunc(['any'], undefined, (sec: unknown) => {
      const s = typeof sec === 'bigint' ? sec : typeof sec === 'number' ? BigInt(Math.trunc(sec)) : typeof sec === 'string' && /^-?\d+$/.test(sec) ? BigInt(sec) : 0n;
      return durationString(s * 1_000_000_000n);
    }),
    durationRound: goFunc(['any'], undefined, (d: unknown) => durationRound(d)),
  };
}

/** Sprig's durationRound: the largest unit only (2h, 3d, 1y…). */
function durationRound(d: unknown): string {
  let ns: bigint;
  if (typeof d === 'string') ns = parseDuration(d) ?? 0n;
  else if (typeof d === 'bigint') ns = d;
  else if (typeof d === 'number') ns = BigInt(Math.trunc(d));
  else if (d instanceof GoStruct && d.typeName === 'time.Time') ns = BigInt(STAND_IN_NOW - instant(d)) * 1_000_000n;
  else ns = 0n;
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  const second = 1_000_000_000n;
  const minute = 60n * second;
  const hour = 60n * minute;
  const day = 24n * hour;
  const month = 30n * day;
  const year = 365n * day;
  const sign = neg ? '-' : '';
  if (u > year) return `${sign}${u / year}y`;
  // Sprig's date_test.go: "2400h5s" rounds to "3m" (months)
  if (u > month) return `${sign}${u / month}m`;
  if (u > day) return `${sign}${u / day}d`;
  if (u > hour) return `${sign}${u / hour}h`;
  if (u > minute) return `${sign}${u / minute}m`;
  if (u > second) return `${sign}${u / second}s`;
  return '0s';
}
